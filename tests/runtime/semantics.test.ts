import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Harness, stripAnsi } from './harness.ts';

let h: Harness;
before(async () => {
  h = await Harness.start();
});
after(() => h.stop());

describe('bindings', () => {
  test('a binding of one evaluation is visible to the next', async () => {
    const e1 = await h.evaluate('const x = 1');
    assert.equal((await h.evaluate('x + 1', { after: e1.ref })).value, '2');
  });

  for (const [kind, declare, read] of [
    ['const', 'const v = 1', 'v'],
    ['let', 'let v = 1', 'v'],
    ['var', 'var v = 1', 'v'],
    ['function', 'function v() { return 1 }', 'v()'],
    ['class', 'class v { static one = 1 }', 'v.one'],
    ['destructuring', 'const { v, w: [u] } = { v: 1, w: [1] }', 'v + u - 1'],
    ['import', "import { sep as v } from 'node:path'", "v === '/' ? 1 : 0"],
  ] as const) {
    test(`re-declaring a ${kind} in a later cell and re-running a cell never fails`, async () => {
      const e1 = await h.evaluate(declare);
      const e2 = await h.evaluate(declare, { after: e1.ref });
      assert.equal((await h.evaluate(read, { after: e2.ref })).value, '1');
      const again = await h.evaluate(declare, { after: e1.ref });
      assert.equal((await h.evaluate(read, { after: again.ref })).value, '1');
    });
  }

  test('a re-evaluated cell sees the evaluation it starts from, not a later one', async () => {
    const e1 = await h.evaluate('const a = 1');
    const e2 = await h.evaluate('const b = a + 1', { after: e1.ref });
    await h.evaluate('const a = 100', { after: e2.ref });
    const e2again = await h.evaluate('const b = a + 1; a', { after: e1.ref });
    assert.equal(e2again.value, '1');
  });

  test('closures keep one live binding across cells', async () => {
    const e1 = await h.evaluate('let n = 0; const inc = () => ++n');
    assert.equal((await h.evaluate('inc(); inc(); n', { after: e1.ref })).value, '2');
  });

  test('assigning an earlier cell’s let updates it for its closures', async () => {
    const e1 = await h.evaluate('let n = 0; const get = () => n');
    const e2 = await h.evaluate('n = 41; n++', { after: e1.ref });
    assert.equal((await h.evaluate('get()', { after: e2.ref })).value, '42');
  });

  test('assigning an earlier cell’s const fails as in JavaScript', async () => {
    const e1 = await h.evaluate('const c = 1');
    const error = await h.error('c = 2', { after: e1.ref });
    assert.equal(error.name, 'TypeError');
    assert.match(error.message, /constant/);
  });

  test('a failed cell defines nothing and the next cell starts from the one before it', async () => {
    const e1 = await h.evaluate('const base = 1');
    const failed = await h.evaluate('const extra = 2; throw new Error("stop")', { after: e1.ref });
    assert.equal(failed.response.result.ok, false);
    assert.equal((await h.evaluate('typeof extra + base', { after: failed.ref })).value, "'undefined1'");
  });

  test('calling a function from an earlier cell keeps this undefined', async () => {
    const e1 = await h.evaluate('function who() { return this }');
    assert.equal((await h.evaluate('who()', { after: e1.ref })).value, 'undefined');
  });
});

describe('forget', () => {
  test('an evaluation after a forgotten one gets an unknown evaluation error', async () => {
    const e1 = await h.evaluate('const gone = 1');
    h.client.forget('main', e1.ref);
    const error = await h.error('gone', { after: e1.ref });
    assert.equal(error.name, 'UnknownEvaluationError');
    assert.match(error.message, new RegExp(`Unknown evaluation "${e1.ref}"`));
  });

  test('the scope of a forgotten evaluation becomes collectable', async () => {
    const setup = await h.evaluate(`
      globalThis.collected = false;
      globalThis.registry = new FinalizationRegistry(() => { globalThis.collected = true });`);
    const e1 = await h.evaluate('const payload = { big: new Array(1e5).fill(1) }; registry.register(payload, "payload")', {
      after: setup.ref,
    });
    const e2 = await h.evaluate('payload.big.length', { after: e1.ref });
    assert.equal(e2.value, '100000');
    h.client.forget('main', e2.ref);
    h.client.forget('main', e1.ref);
    const collected = await h.evaluate(`
      require('node:v8').setFlagsFromString('--expose-gc');
      const gc = require('node:vm').runInNewContext('gc');
      for (let i = 0; i < 50 && !globalThis.collected; i++) { gc(); await new Promise((r) => setTimeout(r, 20)); }
      globalThis.collected`);
    assert.equal(collected.value, 'true');
  });
});

describe('containers', () => {
  test('two containers never see each other’s bindings, globals or output', async () => {
    const a = await h.evaluate('const only = "a"; globalThis.mark = "a"; console.log("from a")', { container: 'A' });
    const b = await h.evaluate('console.log("from b"); [typeof only, typeof globalThis.mark]', { container: 'B' });
    assert.equal(b.value, "[ 'undefined', 'undefined' ]");
    assert.equal(h.textOf(a.ref), 'from a\n');
    assert.equal(h.textOf(b.ref), 'from b\n');
    assert.ok(h.outputs.filter((m) => m.evaluationRef === a.ref).every((m) => m.containerRef === 'A'));
  });

  test('containers run in parallel', async () => {
    const slow = h.send('await new Promise((r) => setTimeout(r, 400)); "slow"', { container: 'slow' });
    const fast = await h.evaluate('"fast"', { container: 'fast' });
    assert.equal(fast.value, "'fast'");
    let slowDone = false;
    void slow.response.then(() => (slowDone = true));
    assert.equal(slowDone, false);
    await slow.response;
  });

  test('a container runs its evaluations one at a time in arrival order', async () => {
    const first = h.send('await new Promise((r) => setTimeout(r, 100)); globalThis.order = ["first"]', { container: 'order' });
    const second = h.send('globalThis.order.push("second"); globalThis.order', { container: 'order' });
    await first.response;
    const answer = await second.response;
    assert.ok(answer.result.ok);
    assert.equal(stripAnsi(answer.result.value.text), "[ 'first', 'second' ]");
  });
});

describe('TypeScript', () => {
  test('types are stripped: interfaces, aliases, enums, generics, as, satisfies, type-only imports', async () => {
    const e1 = await h.evaluate(
      `import type { Stats } from 'node:fs';
       import { type PathLike, existsSync } from 'node:fs';
       interface Point { x: number; y: number }
       type Pair<T> = [T, T];
       enum Colour { Red, Green }
       function first<T>(pair: Pair<T>): T { return pair[0] }
       const p = { x: 1, y: 2 } satisfies Point;
       const n = (p.x as number) + first<number>([Colour.Green, 0]);`,
      { language: 'ts' },
    );
    assert.equal((await h.evaluate('[n, Colour.Red, typeof existsSync]', { after: e1.ref, language: 'ts' })).value, "[ 2, 0, 'function' ]");
  });

  test('a type error does not stop a cell from running', async () => {
    assert.equal((await h.evaluate('const s: string = 42; s', { language: 'ts' })).value, '42');
  });

  test('an import used only in a later cell is kept', async () => {
    const e1 = await h.evaluate("import { basename } from 'node:path'", { language: 'ts' });
    assert.equal((await h.evaluate("basename('/a/b.txt')", { after: e1.ref, language: 'ts' })).value, "'b.txt'");
  });
});

describe('values', () => {
  test('top-level await works in JavaScript and TypeScript', async () => {
    assert.equal((await h.evaluate('await Promise.resolve(5)')).value, '5');
    assert.equal((await h.evaluate('const v: number = await Promise.resolve(6); v', { language: 'ts' })).value, '6');
  });

  test('the value is the last expression statement, undefined when there is none', async () => {
    assert.equal((await h.evaluate('1; 2; "three"')).value, "'three'");
    assert.equal((await h.evaluate('const quiet = 1')).value, 'undefined');
    assert.equal((await h.evaluate('if (true) { 5 }')).value, 'undefined');
  });

  test('a Promise value is shown as a Promise with its state', async () => {
    assert.equal((await h.evaluate('Promise.resolve(3)')).value, 'Promise { 3 }');
    assert.equal((await h.evaluate('new Promise(() => {})')).value, 'Promise { <pending> }');
    assert.match((await h.evaluate('Promise.reject(new Error("no"))')).value, /^Promise \{ <rejected> Error: no/);
  });

  test('values are shown as util.inspect shows them, with colours and a depth limit', async () => {
    const shown = await h.evaluate('({ a: 1, s: "x", deep: { b: { c: { d: { e: 1 } } } } })');
    assert.ok(shown.response.result.ok && shown.response.result.value.text.includes('a: \u001b[33m1\u001b[39m'));
    assert.equal(shown.value, "{ a: 1, s: 'x', deep: { b: { c: [Object] } } }");
  });
});

describe('imports and require', () => {
  let dir: string;
  before(() => {
    dir = h.dir;
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('local.mjs', 'export const local = "esm file";');
    write('local.cjs', 'module.exports = { local: "cjs file" };');
    write('data.txt', 'beside the notebook');
    write('node_modules/esm-only/package.json', JSON.stringify({ name: 'esm-only', type: 'module', exports: { import: './index.js' } }));
    write('node_modules/esm-only/index.js', 'export default "esm package"; export const named = 1;');
    write('node_modules/cjs-pkg/package.json', JSON.stringify({ name: 'cjs-pkg', main: 'lib.js' }));
    write('node_modules/cjs-pkg/lib.js', 'module.exports = { hello: () => "cjs package" };');
    write('node_modules/dual/package.json', JSON.stringify({ name: 'dual', exports: { import: './esm.mjs', require: './cjs.cjs' } }));
    write('node_modules/dual/esm.mjs', 'export const flavour = "esm";');
    write('node_modules/dual/cjs.cjs', 'exports.flavour = "cjs";');
  });

  test('node: built-ins, relative files and packages resolve from the notebook folder', async () => {
    const e1 = await h.evaluate(`
      import { readFileSync } from 'node:fs';
      import os from 'os';
      import { local } from './local.mjs';
      import cjsFile from './local.cjs';
      import esm, { named } from 'esm-only';
      import { hello } from 'cjs-pkg';
      import { flavour } from 'dual';`);
    assert.equal(
      (await h.evaluate('[readFileSync("data.txt", "utf8"), typeof os.cpus, local, cjsFile.local, esm, named, hello(), flavour]', { after: e1.ref })).value,
      "[\n  'beside the notebook',\n  'function',\n  'esm file',\n  'cjs file',\n  'esm package',\n  1,\n  'cjs package',\n  'esm'\n]",
    );
  });

  test('require() and dynamic import() resolve from the notebook folder', async () => {
    const shown = await h.evaluate(`[require('dual').flavour, require('cjs-pkg').hello(), (await import('esm-only')).named, __dirname === process.cwd()]`);
    assert.equal(shown.value, "[ 'cjs', 'cjs package', 1, true ]");
  });

  test('a missing package names the package and the folder searched', async () => {
    const error = await h.error("import nothing from 'no-such-package'");
    assert.match(error.message, /Cannot find package 'no-such-package'/);
    assert.ok(error.message.includes(dir), error.message);
  });
});

describe('errors', () => {
  test('a stack is in cell coordinates without the runtime’s frames', async () => {
    const error = await h.error('function fail() {\n  throw new RangeError("bad")\n}\nfail()', { label: 'cell 3' });
    assert.equal(error.name, 'RangeError');
    assert.equal(error.message, 'bad');
    assert.equal(error.stack, 'RangeError: bad\n    at fail (cell 3:2:9)\n    at cell 3:4:1');
    assert.deepEqual(error.location, { line: 2, column: 9 });
  });

  test('TypeScript errors point at the TypeScript the user wrote', async () => {
    const error = await h.error('interface A { a: number }\nconst x: A = { a: 1 };\nconst y: number = (x as any).missing.deep;', { language: 'ts', label: 'ts cell' });
    assert.equal(error.name, 'TypeError');
    assert.deepEqual(error.location, { line: 3, column: 38 });
    assert.match(error.stack, /at ts cell:3:38$/);
  });

  test('syntax errors carry their position in the cell', async () => {
    const js = await h.error('const ok = 1;\nconst = 2;', { label: 'js cell' });
    assert.equal(js.name, 'SyntaxError');
    assert.deepEqual(js.location, { line: 2, column: 7 });
    const ts = await h.error('let a: number = 1;\nlet b: = 2;', { language: 'ts' });
    assert.equal(ts.name, 'SyntaxError');
    assert.equal(ts.location?.line, 2);
  });

  test('a cell that exports is told why it cannot', async () => {
    const error = await h.error('const a = 1;\nexport { a }');
    assert.match(error.message, /Cells cannot export/);
    assert.deepEqual(error.location, { line: 2, column: 1 });
  });

  test('throwing a non-error value is reported', async () => {
    const error = await h.error('throw { code: 7 }');
    assert.equal(error.message, '{ code: 7 }');
  });
});

describe('metadata', () => {
  test('a response carries the time taken and the names defined and used', async () => {
    const e1 = await h.evaluate('const unit = 2');
    const { response } = await h.evaluate('let total = unit * 3; function twice(x) { return x * 2 }\nconsole.log(twice(total))', { after: e1.ref });
    assert.deepEqual(response.metadata.defined, ['total', 'twice']);
    assert.deepEqual([...response.metadata.used].sort(), ['console', 'unit']);
    assert.ok(response.metadata.durationMs >= 0);
  });
});
