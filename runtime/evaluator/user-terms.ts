/**
 * What the user sees speaks the user's code, never the compiler's. Compiled cells read earlier
 * bindings as `__tsr_s.name` and imports as `__tsr_m.name`, so V8 writes messages such as
 * `(0 , __tsr_s.f) is not a function`; and a function's compiled text is not the text the user
 * wrote. Both are put back here: messages by rewriting the compiler's forms to the names they
 * stand for, `Function.prototype.toString` by asking the cell that compiled the function.
 */

const member = String.raw`__tsr_[sm]\.([\p{ID_Continue}$\u200c\u200d]+)`;
const internalForms: readonly (readonly [RegExp, string])[] = [
  [new RegExp(String.raw`\(0 , ${member}\)`, 'gu'), '$1'],
  [new RegExp(member, 'gu'), '$1'],
  [/__tsr_t\.importMeta\b/g, 'import.meta'],
  [/__tsr_t\.import\b/g, 'import'],
];

/** `text` with the compiler's names replaced by what the user wrote. */
export function inUserTerms(text: string): string {
  if (!text.includes('__tsr_')) return text;
  return internalForms.reduce((result, [form, replacement]) => result.replace(form, replacement), text);
}

interface CompiledSource {
  readonly code: string;
  readonly originalText: (compiled: string) => string | undefined;
}

/** Most recent last: a function's text is looked for in the newest cells first. */
const compiledCells: CompiledSource[] = [];

export function registerCompiledSource(source: CompiledSource): void {
  compiledCells.push(source);
}

/**
 * Makes `Function.prototype.toString` return, for a function a cell defined, the source the user
 * wrote. Only a function whose compiled text carries the compiler's names differs; any other is
 * answered by the original at the cost of one `includes`.
 */
export function installFunctionText(): void {
  const original = Function.prototype.toString;
  const toString = new Proxy(original, {
    apply(target, self, args) {
      const text = Reflect.apply(target, self, args) as string;
      if (!text.includes('__tsr_')) return text;
      for (let index = compiledCells.length - 1; index >= 0; index--) {
        const cell = compiledCells[index]!;
        if (!cell.code.includes(text)) continue;
        const written = cell.originalText(text);
        if (written !== undefined) return written;
      }
      return text;
    },
  });
  Object.defineProperty(Function.prototype, 'toString', { value: toString, writable: true, configurable: true, enumerable: false });
}
