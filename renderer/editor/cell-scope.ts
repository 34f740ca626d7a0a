/**
 * What each code cell sees of the cells above it, for the TypeScript service in the editor's
 * worker (see notebook-ts.worker.ts). It mirrors the runtime's rule: a cell sees the names the
 * cells above it declared, the latest declaration of a name winning, and nothing of the cells below.
 *
 * Every cell is a module of one program. Before its source goes a one-line prelude that no one
 * sees: an import of each name it mentions that a cell above declared (from the cell that declared
 * it last), and an export of each name it declares. That is enough to check the cell and to infer
 * the types of what it declares, and keeps the program of a thousand-cell notebook small: a cell
 * that imported every name above it would take the service a long moment to check at every pause
 * in typing. Completion offers the other names above a cell too (`namesAbove`), the worker adding
 * them to what the service finds.
 *
 * This module parses with the TypeScript the worker already has, passed in: the renderer's own
 * bundle has no TypeScript.
 */

/** The part of TypeScript's API this module uses. */
export interface TypeScriptApi {
  readonly SyntaxKind: Readonly<Record<string, number>>;
  readonly NodeFlags: Readonly<Record<string, number>>;
  readonly ScriptTarget: Readonly<Record<string, number>>;
  readonly ScriptKind: Readonly<Record<string, number>>;
  createSourceFile(fileName: string, text: string, target: number, setParentNodes: boolean, kind: number): SyntaxNode;
  forEachChild<T>(node: SyntaxNode, visit: (child: SyntaxNode) => T | undefined): T | undefined;
}

export interface SyntaxNode {
  readonly kind: number;
  readonly flags: number;
}

/** How a cell declared a name; the words are TypeScript's own (`ScriptElementKind`). */
export type DeclarationKind = 'const' | 'let' | 'var' | 'function' | 'class' | 'interface' | 'type' | 'enum' | 'module' | 'alias';

export interface CellFacts {
  /** The names the cell declares at its top level, with how. */
  readonly declared: ReadonlyMap<string, DeclarationKind>;
  /** Where in the cell each of them is first declared: the offset of its name. */
  readonly declaredAt: ReadonlyMap<string, number>;
  /** Names the cell's own `export`s already export: the prelude must not export them again. */
  readonly exported: ReadonlySet<string>;
  /** Every identifier in the cell: a superset of the names it takes from cells above. */
  readonly mentioned: ReadonlySet<string>;
}

export interface ScopedCell {
  readonly fileName: string;
  readonly facts: CellFacts;
}

/** A name a cell above declared: which cell declared it last, and how. */
export interface NameAbove {
  readonly fileName: string;
  readonly how: DeclarationKind;
}

export interface Prelude {
  readonly text: string;
  /** The names the prelude imports, with how the cell above declared them. */
  readonly imports: ReadonlyMap<string, DeclarationKind>;
}

export function cellFacts(ts: TypeScriptApi, fileName: string, text: string): CellFacts {
  const kind = member(ts.ScriptKind, fileName.endsWith('.js') ? 'JS' : 'TS');
  const file = ts.createSourceFile(fileName, text, member(ts.ScriptTarget, 'ESNext'), false, kind);
  const syntax = ts.SyntaxKind;
  const blockScoped = member(ts.NodeFlags, 'Let') | member(ts.NodeFlags, 'Const');
  const declared = new Map<string, DeclarationKind>();
  const declaredAt = new Map<string, number>();
  const exported = new Set<string>();
  const mentioned = new Set<string>();

  const nameOf = (node: SyntaxNode | undefined): string | undefined =>
    node !== undefined && node.kind === syntax.Identifier ? (node as unknown as { text: string }).text : undefined;
  const declare = (node: SyntaxNode | undefined, how: DeclarationKind, exporting: boolean) => {
    const name = nameOf(node);
    if (name === undefined || node === undefined) return;
    if (!declared.has(name)) {
      declared.set(name, how);
      declaredAt.set(name, (node as unknown as { end: number }).end - name.length);
    }
    if (exporting) exported.add(name);
  };
  const declareBinding = (binding: SyntaxNode, how: DeclarationKind, exporting: boolean) => {
    if (binding.kind === syntax.Identifier) declare(binding, how, exporting);
    else if (binding.kind === syntax.ObjectBindingPattern || binding.kind === syntax.ArrayBindingPattern) {
      for (const element of (binding as unknown as { elements: readonly SyntaxNode[] }).elements) {
        const name = (element as unknown as { name?: SyntaxNode }).name;
        if (name !== undefined) declareBinding(name, how, exporting);
      }
    }
  };
  const declareVariables = (list: SyntaxNode, exporting: boolean) => {
    const how: DeclarationKind = list.flags & member(ts.NodeFlags, 'Const') ? 'const' : list.flags & member(ts.NodeFlags, 'Let') ? 'let' : 'var';
    for (const declaration of (list as unknown as { declarations: readonly SyntaxNode[] }).declarations) {
      declareBinding((declaration as unknown as { name: SyntaxNode }).name, how, exporting);
    }
  };
  /** Whether the statement exports what it declares under its own name (not as `default`). */
  const isExported = (node: SyntaxNode) => {
    const modifiers = (node as unknown as { modifiers?: readonly SyntaxNode[] }).modifiers ?? [];
    return modifiers.some((modifier) => modifier.kind === syntax.ExportKeyword) && !modifiers.some((modifier) => modifier.kind === syntax.DefaultKeyword);
  };

  const named: Readonly<Record<number, DeclarationKind>> = Object.fromEntries(
    (
      [
        ['FunctionDeclaration', 'function'],
        ['ClassDeclaration', 'class'],
        ['InterfaceDeclaration', 'interface'],
        ['TypeAliasDeclaration', 'type'],
        ['EnumDeclaration', 'enum'],
        ['ModuleDeclaration', 'module'],
        ['ImportEqualsDeclaration', 'alias'],
      ] as const
    ).map(([syntaxName, how]) => [syntax[syntaxName], how]),
  );

  /** A `var` anywhere outside functions belongs to the cell's top level, as in the runtime. */
  const functionLike = new Set(
    ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunction', 'MethodDeclaration', 'Constructor', 'GetAccessor', 'SetAccessor', 'ClassDeclaration', 'ClassExpression', 'ModuleDeclaration'].map(
      (syntaxName) => syntax[syntaxName],
    ),
  );
  const hoistVars = (node: SyntaxNode) => {
    if (node.kind === syntax.VariableDeclarationList && !(node.flags & blockScoped)) declareVariables(node, false);
    if (!functionLike.has(node.kind)) ts.forEachChild(node, hoistVars);
  };

  for (const statement of (file as unknown as { statements: readonly SyntaxNode[] }).statements) {
    const exporting = isExported(statement);
    const how = named[statement.kind];
    if (how === 'module' && statement.flags & member(ts.NodeFlags, 'GlobalAugmentation')) {
      // `declare global { … }` declares no name of the cell's.
    } else if (how !== undefined) {
      declare((statement as unknown as { name?: SyntaxNode }).name, how, exporting);
    } else if (statement.kind === syntax.VariableStatement) {
      const list = (statement as unknown as { declarationList: SyntaxNode }).declarationList;
      declareVariables(list, exporting);
    } else if (statement.kind === syntax.ImportDeclaration) {
      const clause = (statement as unknown as { importClause?: { name?: SyntaxNode; namedBindings?: SyntaxNode } }).importClause;
      declare(clause?.name, 'alias', false);
      const bindings = clause?.namedBindings;
      if (bindings?.kind === syntax.NamespaceImport) declare((bindings as unknown as { name: SyntaxNode }).name, 'alias', false);
      else if (bindings !== undefined) {
        for (const element of (bindings as unknown as { elements: readonly SyntaxNode[] }).elements) declare((element as unknown as { name: SyntaxNode }).name, 'alias', false);
      }
    } else if (statement.kind === syntax.ExportDeclaration) {
      const clause = (statement as unknown as { exportClause?: SyntaxNode }).exportClause;
      if (clause?.kind === syntax.NamedExports) {
        for (const element of (clause as unknown as { elements: readonly SyntaxNode[] }).elements) {
          const name = nameOf((element as unknown as { name: SyntaxNode }).name);
          if (name !== undefined) exported.add(name);
        }
      }
    } else {
      hoistVars(statement);
    }
  }

  const mention = (node: SyntaxNode) => {
    const name = nameOf(node);
    if (name !== undefined) mentioned.add(name);
    ts.forEachChild(node, mention);
  };
  mention(file);
  return { declared, declaredAt, exported, mentioned };
}

/** The prelude of every cell, in the notebook's order. */
export function cellPreludes(cells: readonly ScopedCell[]): Map<string, Prelude> {
  const preludes = new Map<string, Prelude>();
  walkNames(cells, (cell, visible) => {
    const { declared, exported, mentioned } = cell.facts;
    const imports = new Map<string, DeclarationKind>();
    const byCell = new Map<string, string[]>();
    for (const name of mentioned) {
      const source = visible.get(name);
      if (source === undefined || declared.has(name)) continue;
      imports.set(name, source.how);
      const names = byCell.get(source.fileName) ?? [];
      names.push(name);
      byCell.set(source.fileName, names);
    }
    const statements = [...byCell].map(([fileName, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(`./${baseName(fileName)}`)};`);
    const ownExports = [...declared.keys()].filter((name) => !exported.has(name));
    // Always an export, so that the cell is a module even when it declares nothing.
    statements.push(ownExports.length === 0 ? 'export {};' : `export { ${ownExports.join(', ')} };`);
    preludes.set(cell.fileName, { text: `${statements.join(' ')}\n`, imports });
  });
  return preludes;
}

/** Every name the cells above `fileName` declared, with the cell that declared it last. */
export function namesAbove(cells: readonly ScopedCell[], fileName: string): ReadonlyMap<string, NameAbove> {
  let above: ReadonlyMap<string, NameAbove> = new Map();
  walkNames(cells, (cell, visible) => {
    if (cell.fileName !== fileName) return true;
    above = new Map(visible);
    return false;
  });
  return above;
}

/**
 * Visits the cells in order, each with the names declared above it; stops when `visit` says false.
 * The map is the walk's own, changed as it goes on.
 */
function walkNames(cells: readonly ScopedCell[], visit: (cell: ScopedCell, visible: ReadonlyMap<string, NameAbove>) => boolean | void): void {
  const visible = new Map<string, NameAbove>();
  for (const cell of cells) {
    if (visit(cell, visible) === false) return;
    for (const [name, how] of cell.facts.declared) visible.set(name, { fileName: cell.fileName, how });
  }
}

function member(record: Readonly<Record<string, number>>, name: string): number {
  const value = record[name];
  if (value === undefined) throw new Error(`TypeScript has no ${name}`);
  return value;
}

function baseName(fileName: string): string {
  return fileName.slice(fileName.lastIndexOf('/') + 1);
}
