/**
 * Turns a cell's JavaScript into a function the evaluator can call with the scope of the previous
 * evaluation. The shape of the output is what makes the notebook semantics work:
 *
 * - The cell becomes `async (scope, tools) => { … }`, compiled once, so its top level runs at full
 *   speed and may `await`. An arrow, made by a strict function, so that `this` is undefined and
 *   `arguments` is not the cell's own (scope and tools), as at a module's top level.
 * - Free identifiers that name a binding of an earlier cell are rewritten to `scope.name`. The
 *   scope is an object whose accessors read and write the defining cell's own variables, so a
 *   closure from an earlier cell and a later cell share one live binding, and the cost of reading
 *   it does not grow with the number of cells in between.
 * - The cell returns `[value, nextScope]`: its last expression statement's value, and a new scope
 *   object (prototype: the previous scope) with an accessor for every name it declared at its top
 *   level. Re-declaring a name therefore shadows it; nothing is ever "already declared".
 * - `import` declarations are linked first (`tools.link`), resolved from the notebook's folder, and
 *   imported names read live through the cell's imports object (see rewriteModuleSyntax).
 * - A `var` that re-declares an earlier `var` keeps that binding (see rewriteRedeclarations).
 * - Every loop counts its iterations in a local and every 65 536 of them calls `tools.check()`,
 *   which throws when the container has been interrupted.
 *
 * Edits go through magic-string so that stack positions map back to the cell as the user wrote it.
 */

import { parse, type AnyNode, type Identifier, type ImportDeclaration, type Node, type Program, type VariableDeclaration } from 'acorn';
import MagicString from 'magic-string';
import { analyzeScopes, type FreeReference, type ReferenceRole, type ScopeOptions } from './scope.ts';

export const scopeParam = '__tsr_s';
export const toolsParam = '__tsr_t';
const importsName = '__tsr_m';
const valueName = '__tsr_v';
/** A setter's parameter: any name a user may choose would shadow the binding it sets. */
const setterParam = '__tsr_value';
const counterPrefix = '__tsr_i';
const internalPrefix = '__tsr_';

/** How often a loop looks at the interrupt flag: a power of two, so the check is cheap. */
const iterationsPerCheck = 65536;

/** How an earlier evaluation in the chain declared a name: `var` and functions may be re-declared by `var`. */
export type EarlierBinding = 'var' | 'lexical' | undefined;

export interface CompileOptions {
  /** How an earlier evaluation in the chain declared this name, if one did. */
  readonly earlierBinding: (name: string) => EarlierBinding;
  /** The language the user wrote: a TypeScript cell's imports may name types only. */
  readonly language: 'js' | 'ts';
  /** The file name stack traces give this code; it keys the source map. */
  readonly filename: string;
}

export interface DecodedMap {
  readonly mappings: readonly (readonly (readonly number[])[])[];
}

export interface CompiledCell {
  /** An expression whose value is the cell's function: `async (scope, tools) => { … }`. */
  readonly code: string;
  readonly defined: readonly string[];
  readonly used: readonly string[];
  /** The defined names that are `var` or function bindings (a later `var` of one keeps its value). */
  readonly vars: readonly string[];
  /** Whether the last statement is an expression: the cell has a value to show. */
  readonly hasValue: boolean;
  /** The source map from `code` back to the input, made only when a stack trace needs it. */
  readonly sourceMap: () => DecodedMap;
  /** The text the user wrote for the function of this cell whose compiled text is `compiled`. */
  readonly originalText: (compiled: string) => string | undefined;
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

  const { declared, vars, free, imported, redeclarations, redeclared } = analyzeScopes(program, scopeOptions(options));
  const own = declared.filter((name) => !name.startsWith(internalPrefix));
  const defined = [...new Set([...own, ...redeclared])];
  const used = [...new Set(free.map((reference) => reference.node.name))];
  const nodes = allNodes(program);
  const listed = listedStatements(program, nodes);

  const code = new MagicString(source);

  const rewritten = new Set<Identifier>();
  for (const { node, role } of free) {
    if (options.earlierBinding(node.name) === undefined) continue;
    rewriteReference(code, node, role, `${scopeParam}.${node.name}`, listed);
    rewritten.add(node);
  }
  keepFunctionNames(nodes, code, rewritten);
  for (const { node, role } of imported) rewriteReference(code, node, role, `${importsName}.${node.name}`, listed);

  const hoisted = rewriteRedeclarations(redeclarations, code, { listed, loopHeads: loopHeads(nodes), redeclared: new Set(redeclared) });
  const importNames = rewriteModuleSyntax(program, nodes, code, {
    // TypeScript drops an import that only types use; a later cell may still use it as a value.
    mayBeTypes: options.language === 'ts' ? unusedNames(declared, imported) : new Set(),
  });
  instrumentLoops(nodes, code);
  correctCaughtErrors(nodes, code);

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
  const accessors = own.map((name) =>
    importNames.has(name)
      ? `get ${name}() { return ${importsName}.${name}; }, set ${name}(${setterParam}) { ${importsName}.${name} = ${setterParam}; }`
      : `get ${name}() { return ${name}; }, set ${name}(${setterParam}) { ${name} = ${setterParam}; }`,
  );
  const prologue = [
    `(function () {"use strict"; return async (${scopeParam}, ${toolsParam}) => {`,
    ...(importNames.size > 0 ? [`const ${importsName} = {};`] : []),
    ...(hoisted.length > 0 ? [`var ${hoisted.join(', ')};`] : []),
  ];
  code.prepend(prologue.join(' '));
  code.append(`\n;return [${value}, { __proto__: ${scopeParam}, ${accessors.join(', ')} }];\n}; })()`);

  return {
    code: code.toString(),
    defined,
    used,
    vars: [...vars],
    hasValue: value === valueName,
    ...sourceQueries(code, source, options.filename, functionRanges(nodes, source)),
  };
}

/**
 * The closures outlive the evaluation (stack traces and toString need them), so they are made
 * here, where they can hold nothing else: `options.earlierBinding` holds the previous scope, and
 * the syntax tree is large; either would then never be collected.
 */
function sourceQueries(
  code: MagicString,
  source: string,
  filename: string,
  functions: readonly (readonly [number, number])[],
): Pick<CompiledCell, 'sourceMap' | 'originalText'> {
  return {
    sourceMap: () => code.generateDecodedMap({ hires: true, source: filename }),
    originalText: (compiled) => originalFunctionText(code, source, functions, compiled),
  };
}

function scopeOptions(options: CompileOptions): ScopeOptions {
  return { isEarlierVar: (name) => options.earlierBinding(name) === 'var' };
}

/** The declared names the cell never uses itself. */
function unusedNames(declared: readonly string[], uses: readonly FreeReference[]): Set<string> {
  const usedNames = new Set(uses.map(({ node }) => node.name));
  return new Set(declared.filter((name) => !usedNames.has(name)));
}

/**
 * Rewrites one reference to a member of an object the cell reads bindings through. A call keeps
 * `this` undefined with `(0, member)(…)`; when that begins a statement, a `;` keeps it from
 * continuing the line before, which may end without one (ASI). V8 places such a call at its `(`,
 * and `f(…)` at `f`: a `(` right after the name is taken into the edit, which maps to the name.
 */
function rewriteReference(code: MagicString, node: Identifier, role: ReferenceRole, member: string, listed: Set<number>): void {
  if (role === 'shorthand') code.update(node.start, node.end, `${node.name}: ${member}`);
  else if (role === 'callee') {
    const open = code.original[node.end] === '(' ? '(' : '';
    code.update(node.start, node.end + open.length, `${listed.has(node.start) ? ';' : ''}(0, ${member})${open}`);
  } else code.update(node.start, node.end, member);
}

/**
 * `x = () => {}` names the function `x`, but not once `x` is rewritten to `scope.x`: the function
 * is then defined as a property's value, `scope.x = { x: () => {} }.x`, which names it the same.
 * Also for `var x = …` re-declared (an assignment then) and for defaults (`{ x = () => {} } = o`).
 */
function keepFunctionNames(nodes: Nodes, code: MagicString, rewritten: ReadonlySet<Identifier>): void {
  for (const [node] of nodes) {
    const [target, value] =
      node.type === 'AssignmentExpression' || node.type === 'AssignmentPattern'
        ? [node.left, node.right]
        : node.type === 'VariableDeclarator'
          ? [node.id, node.init]
          : [];
    if (target?.type !== 'Identifier' || !rewritten.has(target) || !value || !isAnonymousFunction(value)) continue;
    if (target.name === '__proto__') continue; // as a literal's key it would set the prototype
    code.prependRight(value.start, `{ ${target.name}: `);
    code.appendLeft(value.end, ` }.${target.name}`);
  }
}

function isAnonymousFunction(node: AnyNode): boolean {
  return (
    node.type === 'ArrowFunctionExpression' ||
    ((node.type === 'FunctionExpression' || node.type === 'ClassExpression') && !node.id)
  );
}

/**
 * Where an expression statement begins in a list of statements, where a `;` in front of it is an
 * empty statement; elsewhere (the body of an `if`) it would change what the code means.
 */
function listedStatements(program: Program, nodes: Nodes): Set<number> {
  const starts = new Set<number>();
  for (const [node] of nodes) {
    const list =
      node.type === 'Program' || node.type === 'BlockStatement' || node.type === 'StaticBlock'
        ? node.body
        : node.type === 'SwitchCase'
          ? node.consequent
          : [];
    for (const statement of list) starts.add(statement.start);
  }
  // The cell's value statement is preceded by `const value = (`, which already separates it.
  const last = program.body.at(-1);
  if (last?.type === 'ExpressionStatement') starts.delete(last.start);
  return starts;
}

/**
 * A `var` that re-declares an earlier cell's `var` is the same binding, as in one script: the
 * declaration becomes an assignment (`var x = 1` → `(x = 1)`, `var x` → `x`), whose names the
 * references pass then point at the earlier cell's binding. The names it declares for the first
 * time are returned, to be declared at the top of the cell, where `var` hoists them anyway.
 */
function rewriteRedeclarations(
  declarations: readonly VariableDeclaration[],
  code: MagicString,
  { listed, loopHeads, redeclared }: { listed: Set<number>; loopHeads: Set<AnyNode>; redeclared: Set<string> },
): string[] {
  const hoisted = new Set<string>();
  for (const declaration of declarations) {
    for (const name of declaredNames(declaration)) if (!redeclared.has(name)) hoisted.add(name);
    const first = declaration.declarations[0]!;
    const last = declaration.declarations.at(-1)!;
    if (loopHeads.has(declaration)) {
      code.remove(declaration.start, first.start);
      continue;
    }
    code.update(declaration.start, first.start, `${listed.has(declaration.start) ? ';' : ''}(`);
    code.appendLeft(last.end, ')');
  }
  return [...hoisted];
}

/** The declarations of `for (var x of …)` and `for (var x in …)`, which become `for (x of …)`. */
function loopHeads(nodes: Nodes): Set<AnyNode> {
  const heads = new Set<AnyNode>();
  for (const [node] of nodes) {
    if (node.type === 'ForOfStatement' || node.type === 'ForInStatement') heads.add(node.left);
  }
  return heads;
}

function declaredNames(declaration: VariableDeclaration): string[] {
  const names: string[] = [];
  const collect = (pattern: AnyNode | null): void => {
    if (!pattern) return;
    if (pattern.type === 'Identifier') names.push(pattern.name);
    else if (pattern.type === 'ObjectPattern') for (const p of pattern.properties) collect(p.type === 'RestElement' ? p.argument : p.value);
    else if (pattern.type === 'ArrayPattern') for (const element of pattern.elements) collect(element);
    else if (pattern.type === 'RestElement') collect(pattern.argument);
    else if (pattern.type === 'AssignmentPattern') collect(pattern.left);
  };
  for (const declarator of declaration.declarations) collect(declarator.id);
  return names;
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

/**
 * Imports are linked before the cell's code runs, as ES imports are: each declaration becomes an
 * awaited `tools.link(…)` moved to the top of the cell (its position still maps to the import, for
 * a missing export's stack), which loads the module, checks that it exports the names, and defines
 * them on the cell's imports object as live getters. Every use of an imported name reads through
 * that object, so `import { count }` sees the module's current value. Returns the imported names.
 */
function rewriteModuleSyntax(program: Program, nodes: Nodes, code: MagicString, { mayBeTypes }: { mayBeTypes: Set<string> }): Set<string> {
  const names = new Set<string>();
  // Imports go first, in order; one that already is first stays, and the others follow it.
  const first = program.body[0];
  const top = first?.type === 'ImportDeclaration' && first.start === 0 ? first.end : 0;
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
      code.remove(statement.start, statement.declaration.start);
    }
    if (statement.type !== 'ImportDeclaration') continue;
    const specifiers = statement.specifiers.map((specifier) => {
      names.add(specifier.local.name);
      const imported =
        specifier.type === 'ImportNamespaceSpecifier'
          ? '*'
          : specifier.type === 'ImportDefaultSpecifier'
            ? 'default'
            : specifier.imported.type === 'Identifier'
              ? specifier.imported.name
              : String(specifier.imported.value);
      return [specifier.local.name, imported, mayBeTypes.has(specifier.local.name)];
    });
    const link = `await ${toolsParam}.link(${importsName}, ${JSON.stringify(statement.source.value)}, ${importAttributes(statement)}, ${JSON.stringify(specifiers)});`;
    code.update(statement.start, statement.end, link);
    if (statement.start === 0) continue;
    code.move(statement.start, statement.end, top);
    // The import separated the statements around it, which may end without a semicolon (ASI).
    code.prependLeft(statement.start, ';');
  }
  for (const [node] of nodes) {
    if (node.type === 'ImportExpression') code.update(node.start, node.start + 'import'.length, `${toolsParam}.import`);
    else if (node.type === 'MetaProperty' && node.meta.name === 'import') {
      code.update(node.start, node.end, `${toolsParam}.importMeta`);
    }
  }
  return names;
}

function importAttributes(statement: ImportDeclaration): string {
  const attributes = statement.attributes ?? [];
  if (attributes.length === 0) return 'undefined';
  const entries = attributes.map((attribute) => {
    const key = attribute.key.type === 'Identifier' ? attribute.key.name : String(attribute.key.value);
    return `${JSON.stringify(key)}: ${JSON.stringify(attribute.value.value)}`;
  });
  return `{ ${entries.join(', ')} }`;
}

/**
 * The ranges `Function.prototype.toString` covers, for every function and class of the cell: a
 * method's text starts at its name (with `get`, `async` or `*`, without `static`).
 */
function functionRanges(nodes: Nodes, source: string): (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = [];
  const methods = new Set<AnyNode>();
  for (const [node] of nodes) {
    if (node.type === 'MethodDefinition' || (node.type === 'Property' && (node.method || node.kind !== 'init'))) {
      methods.add(node.value);
      const start = node.type === 'MethodDefinition' && node.static ? node.start + (/^static\s*/.exec(source.slice(node.start))?.[0].length ?? 0) : node.start;
      ranges.push([start, node.value.end]);
    } else if (functionTypes.has(node.type) && !methods.has(node)) ranges.push([node.start, node.end]);
  }
  return ranges;
}

const functionTypes = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression']);

/**
 * The source the user wrote for a function whose compiled text is `compiled`: the smallest
 * function of the cell whose compiled range contains it (a range may carry a `)` or ` }` the
 * compiler added at its edge, and an outer function contains the inner ones).
 */
function originalFunctionText(
  code: MagicString,
  source: string,
  ranges: readonly (readonly [number, number])[],
  compiled: string,
): string | undefined {
  let best: { length: number; text: string } | undefined;
  for (const [start, end] of ranges) {
    const slice = code.slice(start, end);
    if (slice.includes(compiled) && (!best || slice.length < best.length)) best = { length: slice.length, text: source.slice(start, end) };
  }
  return best?.text;
}

/**
 * An error V8 writes about compiled code names the compiler's forms (`(0 , __tsr_s.f) is not a
 * function`). The runtime corrects a message when it shows an error; a `catch` in the cell reads
 * it before that, so the caught error is corrected first (`tools.caught`).
 */
function correctCaughtErrors(nodes: Nodes, code: MagicString): void {
  for (const [node] of nodes) {
    if (node.type === 'CatchClause' && node.param?.type === 'Identifier') {
      code.appendRight(node.body.start + 1, ` ${toolsParam}.caught(${node.param.name});`);
    }
  }
}

const loopTypes = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/**
 * Each loop gets its own counter in a block around it (outside any label, so `continue label`
 * still works), counting down to the check. A local counter costs almost nothing; a shared one
 * would be a context variable read on every iteration. A `for` loop with an update expression
 * checks there, after its body (where `continue` goes too): V8 compiles a loop that does work
 * about 1.3× slower with the check at the start of its body and about 1.15× with it in the
 * update. Other loops check at the start of their body.
 */
function instrumentLoops(nodes: Nodes, code: MagicString): void {
  let counter = 0;
  for (const [node, labelled] of nodes) {
    if (!loopTypes.has(node.type)) continue;
    const loop = node as Node & { body: Node; update?: Node | null };
    const name = `${counterPrefix}${counter++}`;
    const outer = labelled ?? loop;
    code.appendRight(outer.start, `{ let ${name} = ${iterationsPerCheck}; `);
    code.appendLeft(outer.end, ' }');
    if (loop.type === 'ForStatement' && loop.update) {
      // The comma binds loosest: whatever the update is, it stays one expression before the check.
      code.appendLeft(loop.update.end, `, --${name} === 0 && (${name} = ${iterationsPerCheck}, ${toolsParam}.check())`);
      continue;
    }
    const check = `if (--${name} === 0) { ${name} = ${iterationsPerCheck}; ${toolsParam}.check(); } `;
    if (loop.body.type === 'BlockStatement') code.appendRight(loop.body.start + 1, ` ${check}`);
    else {
      code.appendRight(loop.body.start, `{ ${check}`);
      code.appendLeft(loop.body.end, ' }');
    }
  }
}

/** Every node of a cell, in source order, parents first, each with its outermost label (see allNodes). */
type Nodes = readonly (readonly [node: AnyNode, labelled: Node | undefined])[];

/**
 * Every node in source order, parents first; for a loop under labels, also the outermost label,
 * which is where the loop's statement really begins. Listed once, for all the passes.
 */
function allNodes(root: AnyNode): Nodes {
  const nodes: [AnyNode, Node | undefined][] = [];
  walk(root, (node, labelled) => nodes.push([node, labelled]));
  return nodes;
}

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
