/**
 * Scope analysis of one cell: which names the cell declares at its top level (they become
 * bindings that later cells see), and which identifiers are free (they name a binding of an
 * earlier cell or a global). The compiler rewrites free identifiers that name earlier cells'
 * bindings, so it needs every free identifier node with the context it stands in, not only the
 * names: a shorthand property or a callee is rewritten differently from a plain read.
 *
 * Cells are strict code (they are parsed as modules), so function declarations in blocks are
 * block-scoped and only `var` hoists to the enclosing function.
 */

import type {
  AnonymousFunctionDeclaration,
  AnyNode,
  ArrowFunctionExpression,
  FunctionDeclaration,
  FunctionExpression,
  Identifier,
  Node,
  Pattern,
  Program,
  VariableDeclaration,
} from 'acorn';

class Scope {
  readonly names = new Set<string>();
  constructor(
    readonly parent: Scope | null,
    readonly isFunction: boolean,
  ) {}

  functionScope(): Scope {
    return this.isFunction || !this.parent ? this : this.parent.functionScope();
  }

  /** The scope that declares `name`, if one does. */
  resolve(name: string): Scope | null {
    return this.names.has(name) ? this : (this.parent?.resolve(name) ?? null);
  }
}

/** How a free identifier stands in its parent, which decides how it may be rewritten. */
export type ReferenceRole =
  /** `{ name }` in an object literal or an assignment pattern: key and value in one token. */
  | 'shorthand'
  /** `name(...)` or ``name`...` ``: rewriting must keep `this` undefined in the call. */
  | 'callee'
  | 'plain';

export interface FreeReference {
  readonly node: Identifier;
  readonly role: ReferenceRole;
}

export interface ScopeAnalysis {
  /** Names declared at the top level of the cell, in order of first declaration. */
  readonly declared: readonly string[];
  /** The declared names that are `var` or function bindings: a later `var` of one keeps its value. */
  readonly vars: ReadonlySet<string>;
  /** Every identifier that resolves to no declaration inside the cell. */
  readonly free: readonly FreeReference[];
  /** Every use of a name the cell imports: imports are live, so each use reads the module. */
  readonly imported: readonly FreeReference[];
  /** Top-level `var` declarations that re-declare an earlier cell's `var`: they become assignments. */
  readonly redeclarations: readonly VariableDeclaration[];
  /** The names those declarations re-declare. */
  readonly redeclared: readonly string[];
}

export interface ScopeOptions {
  /** Whether an earlier cell declared this name as a `var` or a function, which a `var` keeps. */
  readonly isEarlierVar: (name: string) => boolean;
}

type NodeRecord = Node & Record<string, unknown>;

const skippedKeys = new Set(['type', 'start', 'end', 'loc', 'range']);

export function analyzeScopes(program: Program, options: ScopeOptions): ScopeAnalysis {
  const root = new Scope(null, true);
  const declared: string[] = [];
  const vars = new Set<string>();
  const importNames = new Set<string>();
  const redeclarations = new Set<VariableDeclaration>();
  const redeclared = new Set<string>();
  const pending: { scope: Scope; node: Identifier; role: ReferenceRole }[] = [];

  const declare = (scope: Scope, name: string, kind: 'var' | 'lexical' = 'lexical') => {
    scope.names.add(name);
    if (scope !== root) return;
    if (!declared.includes(name)) declared.push(name);
    if (kind === 'var') vars.add(name);
  };

  const reference = (scope: Scope, node: Identifier, role: ReferenceRole = 'plain') => {
    pending.push({ scope, node, role });
  };

  /**
   * Declares the names a binding pattern introduces; visits its defaults and computed keys.
   * `bind` declares one identifier; `shorthand` says it is a `{ name }` property's key as well.
   */
  const declarePattern = (
    pattern: Pattern,
    visitScope: Scope,
    bind: (node: Identifier, shorthand: boolean) => void,
    shorthand = false,
  ) => {
    switch (pattern.type) {
      case 'Identifier':
        bind(pattern, shorthand);
        break;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') declarePattern(property.argument, visitScope, bind);
          else {
            if (property.computed) visit(property.key, visitScope);
            declarePattern(property.value, visitScope, bind, property.shorthand);
          }
        }
        break;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) declarePattern(element, visitScope, bind);
        break;
      case 'RestElement':
        declarePattern(pattern.argument, visitScope, bind);
        break;
      case 'AssignmentPattern':
        declarePattern(pattern.left, visitScope, bind, shorthand);
        visit(pattern.right, visitScope);
        break;
      case 'MemberExpression':
        visit(pattern, visitScope);
        break;
    }
  };

  const visitFunction = (
    fn: FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression,
    scope: Scope,
  ) => {
    const inner = new Scope(scope, true);
    if (fn.type === 'FunctionExpression' && fn.id) declare(inner, fn.id.name);
    for (const param of fn.params) declarePattern(param, inner, (node) => declare(inner, node.name));
    if (fn.body.type === 'BlockStatement') visitStatements(fn.body.body, inner);
    else visit(fn.body, inner);
  };

  const visitStatements = (statements: readonly AnyNode[], scope: Scope) => {
    for (const statement of statements) visit(statement, scope);
  };

  const visitChildren = (node: AnyNode, scope: Scope) => {
    for (const key of Object.keys(node)) {
      if (skippedKeys.has(key)) continue;
      const value = (node as NodeRecord)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item, scope, node);
      } else if (isNode(value)) visit(value, scope, node);
    }
  };

  function visit(node: AnyNode, scope: Scope, parent?: AnyNode): void {
    switch (node.type) {
      case 'Identifier':
        reference(scope, node, roleIn(node, parent));
        return;
      case 'VariableDeclaration': {
        const isVar = node.kind === 'var';
        const target = isVar ? scope.functionScope() : scope;
        const bind = (id: Identifier, shorthand: boolean) => {
          // In one script a second `var x` is the same binding: it keeps x's value.
          if (isVar && target === root && options.isEarlierVar(id.name)) {
            redeclarations.add(node);
            redeclared.add(id.name);
            reference(scope, id, shorthand ? 'shorthand' : 'plain');
          } else declare(target, id.name, isVar ? 'var' : 'lexical');
        };
        for (const declarator of node.declarations) {
          declarePattern(declarator.id, scope, bind);
          if (declarator.init) visit(declarator.init, scope);
        }
        return;
      }
      case 'FunctionDeclaration':
        if (node.id) declare(scope, node.id.name, 'var');
        visitFunction(node, scope);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        visitFunction(node, scope);
        return;
      case 'ClassDeclaration':
        if (node.id) declare(scope, node.id.name);
        if (node.superClass) visit(node.superClass, scope);
        visit(node.body, new Scope(scope, false));
        return;
      case 'ClassExpression': {
        const inner = new Scope(scope, false);
        if (node.id) declare(inner, node.id.name);
        if (node.superClass) visit(node.superClass, scope);
        visit(node.body, inner);
        return;
      }
      case 'MethodDefinition':
      case 'PropertyDefinition':
        if (node.computed) visit(node.key, scope);
        if (node.value) visit(node.value, node.type === 'PropertyDefinition' ? new Scope(scope, true) : scope);
        return;
      case 'BlockStatement':
      case 'StaticBlock':
        visitStatements(node.body, new Scope(scope, node.type === 'StaticBlock'));
        return;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'SwitchStatement':
        visitChildren(node, new Scope(scope, false));
        return;
      case 'CatchClause': {
        const inner = new Scope(scope, false);
        if (node.param) declarePattern(node.param, inner, (id) => declare(inner, id.name));
        visitStatements(node.body.body, inner);
        return;
      }
      case 'ImportDeclaration':
        for (const specifier of node.specifiers) {
          declare(scope, specifier.local.name);
          importNames.add(specifier.local.name);
        }
        return;
      case 'MemberExpression':
        visit(node.object, scope, node);
        if (node.computed) visit(node.property, scope, node);
        return;
      case 'Property':
        if (node.computed) visit(node.key, scope, node);
        if (node.shorthand && node.value.type === 'Identifier') reference(scope, node.value, 'shorthand');
        else if (node.shorthand && node.value.type === 'AssignmentPattern' && node.value.left.type === 'Identifier') {
          reference(scope, node.value.left, 'shorthand');
          visit(node.value.right, scope);
        } else visit(node.value, scope, node);
        return;
      case 'LabeledStatement':
        visit(node.body, scope);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
        return;
      case 'CallExpression':
      case 'NewExpression':
        visit(node.callee, scope, node);
        for (const argument of node.arguments) visit(argument, scope, node);
        return;
      case 'TaggedTemplateExpression':
        visit(node.tag, scope, node);
        visit(node.quasi, scope, node);
        return;
      default:
        visitChildren(node, scope);
    }
  }

  visitStatements(program.body, root);

  const free: FreeReference[] = [];
  const imported: FreeReference[] = [];
  for (const { scope, node, role } of pending) {
    const owner = scope.resolve(node.name);
    if (!owner) free.push({ node, role });
    else if (owner === root && importNames.has(node.name)) imported.push({ node, role });
  }
  return { declared, vars, free, imported, redeclarations: [...redeclarations], redeclared: [...redeclared] };
}

function roleIn(node: Identifier, parent: AnyNode | undefined): ReferenceRole {
  if (!parent) return 'plain';
  if (parent.type === 'CallExpression' && parent.callee === node) return 'callee';
  if (parent.type === 'TaggedTemplateExpression' && parent.tag === node) return 'callee';
  return 'plain';
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
