/**
 * Turns a cell's JavaScript into a function the evaluator can call with the scope of the previous
 * evaluation. The shape of the output is what makes the notebook semantics work:
 *
 * - The cell becomes `async function (scope, tools)`, compiled once, so its top level runs at full
 *   speed and may `await`.
 * - Free identifiers that name a binding of an earlier cell are rewritten to `scope.name`. The
 *   scope is an object whose accessors read and write the defining cell's own variables, so a
 *   closure from an earlier cell and a later cell share one live binding, and the cost of reading
 *   it does not grow with the number of cells in between.
 * - The cell returns `[value, nextScope]`: its last expression statement's value, and a new scope
 *   object (prototype: the previous scope) with an accessor for every name it declared at its top
 *   level. Re-declaring a name therefore shadows it; nothing is ever "already declared".
 * - `import` declarations become awaited dynamic imports resolved from the notebook's folder;
 *   named imports read through `tools.bindings`, which also finds names on a CommonJS module's
 *   exports object that Node's static analysis of the module could not see.
 * - Every loop counts its iterations in a local and every 65 536 of them calls `tools.check()`,
 *   which throws when the container has been interrupted.
 *
 * Edits go through magic-string so that stack positions map back to the cell as the user wrote it.
 */

import { parse, type AnyNode, type ImportDeclaration, type Node, type Program } from 'acorn';
import MagicString from 'magic-string';
import { analyzeScopes } from './scope.ts';

export const scopeParam = '__tsr_s';
export const toolsParam = '__tsr_t';
const valueName = '__tsr_v';
const counterPrefix = '__tsr_i';
const internalPrefix = '__tsr_';

/** How often a loop looks at the interrupt flag: a power of two, so the check is cheap. */
const iterationsPerCheck = 65536;

export interface CompileOptions {
  /** Whether an earlier evaluation in the chain declared this name. */
  readonly isVisible: (name: string) => boolean;
  /** The file name stack traces give this code; it keys the source map. */
  readonly filename: string;
}

export interface DecodedMap {
  readonly mappings: readonly (readonly (readonly number[])[])[];
}

export interface CompiledCell {
  /** A function expression: `(async function (scope, tools) { … })`. */
  readonly code: string;
  readonly defined: readonly string[];
  readonly used: readonly string[];
  /** Whether the last statement is an expression: the cell has a value to show. */
  readonly hasValue: boolean;
  /** The source map from `code` back to the input, made only when a stack trace needs it. */
  readonly sourceMap: () => DecodedMap;
}

/** A cell that cannot be compiled, with its position in the input (1-based line and column). */
export class CellSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

export function compileCell(source: string, options: CompileOptions): CompiledCell {
  const program = parseCell(source);
  rejectExports(program, source);

  const { declared, free } = analyzeScopes(program);
  const defined = declared.filter((name) => !name.startsWith(internalPrefix));
  const used = [...new Set(free.map((reference) => reference.node.name))];

  const code = new MagicString(source);

  for (const { node, role } of free) {
    if (!options.isVisible(node.name)) continue;
    const member = `${scopeParam}.${node.name}`;
    if (role === 'shorthand') code.update(node.start, node.end, `${node.name}: ${member}`);
    else if (role === 'callee') code.update(node.start, node.end, `(0, ${member})`);
    else code.update(node.start, node.end, member);
  }

  rewriteModuleSyntax(program, code);
  instrumentLoops(program, code);

  const last = program.body.at(-1);
  let value = 'undefined';
  if (last?.type === 'ExpressionStatement') {
    // The statement's range, not the expression's: acorn leaves parentheses around an expression
    // out of its range, and `({ a: 1 })` must keep them.
    const end = source[last.end - 1] === ';' ? last.end - 1 : last.end;
    code.prependRight(last.start, `const ${valueName} = (`);
    code.appendLeft(end, ')');
    value = valueName;
  }
  const accessors = defined.map((name) => `get ${name}() { return ${name}; }, set ${name}(v) { ${name} = v; }`);
  code.prepend(`(async function (${scopeParam}, ${toolsParam}) {"use strict";`);
  code.append(`\n;return [${value}, { __proto__: ${scopeParam}, ${accessors.join(', ')} }];\n})`);

  // The map closure outlives the evaluation (stack traces need it), so it must not hold `options`:
  // its `isVisible` holds the previous scope, which would then never be collected.
  const { filename } = options;
  return {
    code: code.toString(),
    defined,
    used,
    hasValue: value === valueName,
    sourceMap: () => code.generateDecodedMap({ hires: true, source: filename }),
  };
}

function parseCell(source: string): Program {
  try {
    return parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowAwaitOutsideFunction: true,
      allowHashBang: true,
      locations: true,
    });
  } catch (error) {
    const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
    if (!loc) throw error;
    // acorn appends "(line:column)" to its messages; the position travels separately.
    throw new CellSyntaxError(message.replace(/ \(\d+:\d+\)$/, ''), loc.line, loc.column + 1);
  }
}

function rejectExports(program: Program, source: string): void {
  for (const statement of program.body) {
    const exported =
      statement.type === 'ExportDefaultDeclaration' ||
      statement.type === 'ExportAllDeclaration' ||
      (statement.type === 'ExportNamedDeclaration' && !statement.declaration);
    if (exported) {
      const { line, column } = positionOf(source, statement.start);
      throw new CellSyntaxError(
        'Cells cannot export: every top-level declaration is already visible to the cells below',
        line,
        column,
      );
    }
  }
}

/** Imports become awaited calls of `tools.import`, which resolves from the notebook's folder. */
function rewriteModuleSyntax(program: Program, code: MagicString): void {
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
      code.remove(statement.start, statement.declaration.start);
    }
    if (statement.type !== 'ImportDeclaration') continue;
    const specifier = `${JSON.stringify(statement.source.value)}${importAttributes(statement)}`;
    const load = `await ${toolsParam}.import(${specifier})`;
    const named: string[] = [];
    let namespace: string | undefined;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier') namespace = specifier.local.name;
      else if (specifier.type === 'ImportDefaultSpecifier') named.push(`default: ${specifier.local.name}`);
      else {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
        named.push(`${JSON.stringify(imported)}: ${specifier.local.name}`);
      }
    }
    const declarations: string[] = [];
    if (namespace) declarations.push(`const ${namespace} = ${load};`);
    if (named.length > 0) {
      const bindings = `${toolsParam}.bindings(${namespace ?? load})`;
      declarations.push(`const { ${named.join(', ')} } = ${bindings};`);
    }
    code.update(statement.start, statement.end, declarations.length > 0 ? declarations.join(' ') : `${load};`);
  }
  walk(program, (node) => {
    if (node.type === 'ImportExpression') code.update(node.start, node.start + 'import'.length, `${toolsParam}.import`);
    else if (node.type === 'MetaProperty' && node.meta.name === 'import') {
      code.update(node.start, node.end, `${toolsParam}.importMeta`);
    }
  });
}

function importAttributes(statement: ImportDeclaration): string {
  const attributes = statement.attributes ?? [];
  if (attributes.length === 0) return '';
  const entries = attributes.map((attribute) => {
    const key = attribute.key.type === 'Identifier' ? attribute.key.name : String(attribute.key.value);
    return `${JSON.stringify(key)}: ${JSON.stringify(attribute.value.value)}`;
  });
  return `, { ${entries.join(', ')} }`;
}

const loopTypes = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/**
 * Each loop gets its own counter in a block around it (outside any label, so `continue label`
 * still works), and the check at the start of its body. A local counter costs almost nothing; a
 * shared one would be a context variable read on every iteration.
 */
function instrumentLoops(program: Program, code: MagicString): void {
  let counter = 0;
  walk(program, (node, labelled) => {
    if (!loopTypes.has(node.type)) return;
    const loop = node as Node & { body: Node };
    const name = `${counterPrefix}${counter++}`;
    const outer = labelled ?? loop;
    code.appendRight(outer.start, `{ let ${name} = 0; `);
    code.appendLeft(outer.end, ' }');
    const check = `if (++${name} === ${iterationsPerCheck}) { ${name} = 0; ${toolsParam}.check(); } `;
    if (loop.body.type === 'BlockStatement') code.appendRight(loop.body.start + 1, ` ${check}`);
    else {
      code.appendRight(loop.body.start, `{ ${check}`);
      code.appendLeft(loop.body.end, ' }');
    }
  });
}

/**
 * Visits every node in source order, parents first; for a loop under labels, also passes the
 * outermost label, which is where the loop's statement really begins.
 */
function walk(root: AnyNode, visit: (node: AnyNode, labelled: Node | undefined) => void): void {
  const step = (node: AnyNode, labelled: Node | undefined) => {
    visit(node, labelled);
    const nextLabel = node.type === 'LabeledStatement' ? (labelled ?? node) : undefined;
    for (const key of Object.keys(node)) {
      if (key === 'loc') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) step(item, undefined);
      } else if (isNode(value)) step(value, key === 'body' ? nextLabel : undefined);
    }
  };
  step(root, undefined);
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
