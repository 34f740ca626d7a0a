/**
 * Compilation never changes what code means: a notebook behaves as the same code in one module,
 * and what the user sees (messages, stacks, function text) speaks the code the user wrote.
 */

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Language } from '../../common/protocol/runtime.ts';
import { Harness, type Evaluated } from './harness.ts';

let h: Harness;
before(async () => {
  h = await Harness.start();
  writeFileSync(join(h.dir, 'counter.mjs'), 'export let count = 0;\nexport function inc() { count++ }\nexport default "dflt";');
  writeFileSync(join(h.dir, 'data.json'), '{ "a": 1 }');
  writeFileSync(join(h.dir, 'package.json'), JSON.stringify({ name: 'notebook', imports: { '#counter': './counter.mjs' } }));
});
after(() => h.stop());

/** Evaluates cells one after the other, each starting from the one before, as a notebook does. */
async function chain(cells: readonly string[], language: Language = 'js'): Promise<Evaluated[]> {
  const evaluated: Evaluated[] = [];
  for (const [index, code] of cells.entries()) {
    evaluated.push(await h.evaluate(code, { after: evaluated.at(-1)?.ref ?? null, language, label: `cell ${index + 1}` }));
  }
  return evaluated;
}

async function lastValue(cells: readonly string[], language: Language = 'js'): Promise<string> {
  return (await chain(cells, language)).at(-1)!.value;
}

async function lastError(cells: readonly string[], language: Language = 'js') {
  const last = (await chain(cells, language)).at(-1)!;
  if (last.response.result.ok) throw new Error(`expected an error, got ${last.value}`);
  return last.response.result.error;
}

describe('rewriting is ASI-safe', () => {
  test('a call of an earlier cell’s function on its own line does not continue the line before', async () => {
    const [, second] = await chain([
      'function f(x) { return x * 10 }',
      "const h = () => console.log\nf(2)\nconsole.log('done', typeof h())",
    ]);
    assert.equal(h.textOf(second!.ref), 'done function\n');
  });

  test('an import moved to the top of its cell still separates the lines around it', async () => {
    const [cell] = await chain(["const x = 1\nimport { inc } from './counter.mjs'\n(console.log('printed'))\n'end'"]);
    assert.equal(cell!.value, "'end'");
    assert.equal(h.textOf(cell!.ref), 'printed\n');
  });

  test('inside function bodies, and for tagged templates and optional calls', async () => {
    const value = await lastValue([
      'function f(x) { return `f${x}` }\nconst out = []',
      'function g() {\n  let a = out\n  f`t`\n  f?.(1)\n  out.push(f(2))\n  return a\n}\ng()',
    ]);
    assert.equal(value, "[ 'f2' ]");
  });
});

describe('messages, stacks and function text speak the user’s code', () => {
  for (const [what, code, message] of [
    ['a call', 'x()', 'x is not a function'],
    ['a tagged template', 'x`t`', 'x is not a function'],
    ['new', 'new x()', 'x is not a constructor'],
    ['iteration', 'for (const item of x) {}', 'x is not iterable'],
    ['spreading', '[...x]', /x is not iterable/],
  ] as const) {
    test(`${what} of an earlier cell’s binding names it as written`, async () => {
      const error = await lastError(['const x = 3', code]);
      assert.equal(error.name, 'TypeError');
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      assert.doesNotMatch(error.stack, /__tsr_/);
    });
  }

  test('a call of an earlier cell’s function is placed at its name, as Node places it', async () => {
    const error = await lastError(["function boom() { throw new Error('b') }", '1\n  boom()']);
    assert.equal(error.stack, 'Error: b\n    at boom (cell 1:1:25)\n    at cell 2:2:3');
  });

  test('a function assigned to an earlier cell’s binding is named after it, in its stack frames too', async () => {
    const cells = await chain([
      'let handler, other; var old',
      'handler = () => { throw new Error("h") }\nvar old = function () {}\n;({ other = class {} } = {})\n;[handler.name, old.name, other.name]',
      'handler()',
    ]);
    assert.equal(cells[1]!.value, "[ 'handler', 'old', 'other' ]");
    const { result } = cells[2]!.response;
    assert.ok(!result.ok);
    assert.equal(result.error.stack, 'Error: h\n    at handler (cell 2:1:25)\n    at cell 3:1:1');
  });

  test('an error caught by the cell reads as written once shown', async () => {
    const value = await lastValue(['const x = 3', 'let caught; try { x() } catch (error) { caught = error }\nString(caught.stack).split("\\n")[0]']);
    assert.equal(value, "'TypeError: x is not a function'");
  });

  test('Function.prototype.toString returns exactly the source the user wrote', async () => {
    const cells = await chain([
      'const f = (x) => x\nlet n = 0',
      'function g(a) {\n  for (let i = 0; i < 2; i++) n += f(a)\n  return { f }\n}\nconst k = class extends Object { m() { return f } static s() { return n } }\n' +
        'console.log(JSON.stringify([g.toString(), k.toString(), k.prototype.m.toString(), k.s.toString(), (() => f).toString()]))',
    ]);
    assert.deepEqual(JSON.parse(h.textOf(cells[1]!.ref)), [
      'function g(a) {\n  for (let i = 0; i < 2; i++) n += f(a)\n  return { f }\n}',
      'class extends Object { m() { return f } static s() { return n } }',
      'm() { return f }',
      's() { return n }',
      '() => f',
    ]);
  });

  test('a cell’s arguments and this are a module’s, never the runtime’s', async () => {
    assert.equal(await lastValue(['[typeof this, typeof arguments === "undefined" || arguments.length === 0]']), "[ 'undefined', true ]");
  });

  test('a missing module is imported from the notebook, not from the runtime', async () => {
    const error = await lastError(["await import('./missing.mjs')"]);
    assert.match(error.message, /Cannot find module/);
    assert.ok(error.message.includes(`imported from ${h.dir}`), error.message);
    assert.doesNotMatch(error.message, /evaluator/);
  });
});

describe('names from later cells', () => {
  test('a function that uses a name only a later cell declares says where it is', async () => {
    const error = await lastError(['function useHelper() { return helper() }', '1', 'const helper = () => 1', 'useHelper()']);
    assert.equal(error.name, 'ReferenceError');
    assert.equal(error.message, 'helper is declared in a later cell (cell 3): a cell sees only the cells above it');
  });

  test('a name eval misses in a cell above is not blamed on a later cell (direct eval reads only globals)', async () => {
    const error = await lastError(['const above = 1', "eval('above')"]);
    assert.equal(error.message, 'above is not defined');
  });

  test('a cell that names what only a cell below it declares says so', async () => {
    const [first] = await chain(['1', 'typeof later', 'const later = 1']);
    const error = await h.error('later', { after: first!.ref, label: 'cell 2' });
    assert.equal(error.message, 'later is declared in a later cell (cell 3): a cell sees only the cells above it');
  });

  test('a name no cell declares stays a plain ReferenceError', async () => {
    const error = await lastError(['function useNothing() { return nowhere }', 'useNothing()']);
    assert.equal(error.message, 'nowhere is not defined');
  });
});

describe('var re-declared', () => {
  test('keeps its value, as in one script', async () => {
    assert.equal(await lastValue(['var x = 1', 'var x; x']), '1');
    assert.equal(await lastValue(['var y = 1', 'var y = y + 1; y']), '2');
  });

  test('is the same binding for the earlier cell’s closures, also in loops and patterns', async () => {
    const value = await lastValue([
      'var v = 1; const read = () => v',
      'for (var v of [2, 3]) {}\nvar { w = 4 } = {}, v = v * 10',
      '[read(), v, w]',
    ]);
    assert.equal(value, '[ 30, 30, 4 ]');
  });

  test('assigning an earlier binding works whatever its name (the accessors’ own names never shadow it)', async () => {
    assert.equal(await lastValue(['let v = 1, value = 1', 'v = 2; value = 2', '[v, value]']), '[ 2, 2 ]');
  });

  test('a var after a const or let starts a new binding', async () => {
    assert.equal(await lastValue(['const c = 1', 'var c = 2; c']), '2');
  });
});

describe('imports are ES imports', () => {
  test('named imports are live bindings', async () => {
    assert.equal(await lastValue(["import { count, inc } from './counter.mjs'", 'inc(); inc(); count']), '2');
  });

  test('importing a name the module does not export is Node’s SyntaxError naming it', async () => {
    const error = await lastError(["import { nope } from './counter.mjs'"]);
    assert.equal(error.name, 'SyntaxError');
    assert.equal(error.message, "The requested module './counter.mjs' does not provide an export named 'nope'");
  });

  test('assigning an import fails as in a module', async () => {
    const error = await lastError(["import { count } from './counter.mjs'", 'count = 1']);
    assert.equal(error.name, 'TypeError');
    assert.equal(error.message, 'Assignment to constant variable.');
  });

  test('import declarations are hoisted within their cell', async () => {
    const [cell] = await chain(["console.log(typeof inc, label)\nimport label, { inc } from './counter.mjs'"]);
    assert.equal(h.textOf(cell!.ref), "function dflt\n");
  });

  test('import attributes, in declarations and in dynamic import()', async () => {
    assert.equal(await lastValue(["import data from './data.json' with { type: 'json' }\ndata.a"]), '1');
    assert.equal(await lastValue(["(await import('./data.json', { with: { type: 'json' } })).default.a"]), '1');
  });

  test('import.meta: the notebook file’s url, dirname, filename, and resolve', async () => {
    const notebookFile = join(h.dir, 'analysis.md');
    const shown = await h.evaluate("[import.meta.url, import.meta.dirname, import.meta.filename, import.meta.resolve('./counter.mjs')]", { notebookFile });
    assert.equal(shown.value, `[\n  'file://${notebookFile}',\n  '${h.dir}',\n  '${notebookFile}',\n  'file://${h.dir}/counter.mjs'\n]`);
  });

  test('#imports of the notebook folder’s package.json resolve', async () => {
    assert.equal(await lastValue(["import { inc as bump } from '#counter'\ntypeof bump"]), "'function'");
  });

  test('TypeScript: an import used only as a type is dropped, as TypeScript drops it', async () => {
    const value = await lastValue(
      ["import { Missing } from './counter.mjs'\nimport { Types } from './types-only.ts'\nimport type { Stats } from 'node:fs'\nlet m: Missing | Types | Stats | undefined\n'ran'"],
      'ts',
    );
    assert.equal(value, "'ran'");
  });
});

describe('TypeScript declaration merging across cells', () => {
  test('enums merge', async () => {
    assert.equal(await lastValue(['enum E { A = 1 }', 'enum E { B = 2 }', 'E.A === 1 && E.B === 2'], 'ts'), 'true');
  });

  test('namespaces merge, and a namespace after a function extends it', async () => {
    assert.equal(await lastValue(['namespace N { export const x = 1 }', 'namespace N { export const y = 2 }', '[N.x, N.y]'], 'ts'), '[ 1, 2 ]');
    assert.equal(await lastValue(['function f() { return 0 }', 'namespace f { export const x = 1 }', '[f(), f.x]'], 'ts'), '[ 0, 1 ]');
  });
});

describe('syntax errors carry their position in the cell as written', () => {
  test('an error V8 finds after the transform maps to the cell', async () => {
    // Node 20's V8 has no `using`, which the parser before it accepts; a later V8 runs the cell.
    const [cell] = await chain(['const a = 1;\n{ using x = null }']);
    const { result } = cell!.response;
    if (!result.ok) {
      assert.equal(result.error.name, 'SyntaxError');
      assert.deepEqual(result.error.location, { line: 2, column: 9 });
    }
  });

  test('a duplicate let', async () => {
    const error = await lastError(['let a = 1\nlet a = 2']);
    assert.equal(error.name, 'SyntaxError');
    assert.deepEqual(error.location, { line: 2, column: 5 });
  });
});
