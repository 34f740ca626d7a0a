import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Harness, stripAnsi } from './harness.ts';

let h: Harness;
before(async () => {
  h = await Harness.start({ runtime: { outputCapBytes: 200_000 } });
});
after(() => h.stop());

describe('attribution', () => {
  test('every console method and both process streams reach the evaluation', async () => {
    const { ref } = await h.evaluate(`
      console.log('log'); console.info('info'); console.debug('debug');
      console.warn('warn'); console.error('error'); console.trace('trace');
      console.table([{ a: 1 }]); console.dir({ d: 1 }); console.group('group'); console.log('inside'); console.groupEnd();
      console.count(); console.assert(false, 'assert'); console.time('t'); console.timeEnd('t');
      process.stdout.write('out\\n'); process.stderr.write('err\\n');`);
    const stdout = h.textOf(ref, 'stdout');
    const stderr = h.textOf(ref, 'stderr');
    for (const text of ['log\n', 'info\n', 'debug\n', 'group\n', '  inside\n', 'default: 1\n', '│ (index) │', '{ d: \u001b[33m1\u001b[39m }', 'out\n']) {
      assert.ok(stdout.includes(text), `stdout lacks ${JSON.stringify(text)}: ${stdout}`);
    }
    for (const text of ['warn\n', 'error\n', 'Trace: trace', 'Assertion failed: assert', 'err\n']) {
      assert.ok(stderr.includes(text), `stderr lacks ${text}`);
    }
    assert.match(h.textOf(ref), /t: [\d.]+m?s/);
  });

  test('timers and promises write to the evaluation that started them, marked late after its response', async () => {
    const { ref, response } = await h.evaluate(`
      setTimeout(() => console.log('timer'), 50);
      Promise.resolve().then(() => console.log('microtask'));
      setImmediate(() => console.log('immediate'));
      'done'`);
    assert.ok(response.result.ok);
    await h.until(() => h.textOf(ref).includes('timer'));
    const late = h.outputs.filter((m) => m.evaluationRef === ref && m.late);
    assert.ok(late.some((m) => m.outputs.some((o) => o.kind === 'text' && o.text === 'timer\n')));
    assert.ok(h.textOf(ref).includes('microtask'));
  });

  test('output of an earlier evaluation’s timer is not given to a later evaluation', async () => {
    const first = await h.evaluate('globalThis.ticker = setInterval(() => console.log("tick"), 20)');
    const second = await h.evaluate('await new Promise((r) => setTimeout(r, 100)); console.log("second")');
    assert.equal(h.textOf(second.ref), 'second\n');
    assert.ok(h.textOf(first.ref).includes('tick'));
    await h.evaluate('clearInterval(globalThis.ticker)');
  });

  test('concurrent output of two containers never mixes', async () => {
    const code = (tag: string) => `for (let i = 0; i < 2000; i++) console.log('${tag}' + i); await new Promise((r) => setTimeout(r, 5)); for (let i = 0; i < 2000; i++) console.log('${tag}' + i)`;
    const a = h.send(code('a'), { container: 'mixA' });
    const b = h.send(code('b'), { container: 'mixB' });
    await Promise.all([a.response, b.response]);
    const lines = (ref: string) => h.textOf(ref).trimEnd().split('\n');
    assert.ok(lines(a.ref).every((line) => line.startsWith('a')));
    assert.ok(lines(b.ref).every((line) => line.startsWith('b')));
    assert.equal(lines(a.ref).length, 4000);
  });
});

describe('coalescing and the cap', () => {
  test('100 000 printed lines arrive in a bounded number of messages, nothing lost under the cap', async () => {
    const big = await Harness.start();
    try {
      const { ref, response } = await big.evaluate('for (let i = 0; i < 100000; i++) console.log(i)');
      const messages = big.outputs.filter((m) => m.evaluationRef === ref);
      const lines = stripAnsi(big.textOf(ref)).split('\n');
      assert.equal(lines.length, 100001);
      assert.equal(lines[99999], '99999');
      // About one message per 16 ms of printing, plus the final flush.
      assert.ok(messages.length <= response.metadata.durationMs / 16 + 2, `${messages.length} messages in ${response.metadata.durationMs} ms`);
    } finally {
      await big.stop();
    }
  });

  test('past the cap, output is counted and one notice gives the bytes dropped', async () => {
    const { ref } = await h.evaluate('const line = "x".repeat(99) + "\\n"; for (let i = 0; i < 5000; i++) process.stdout.write(line)');
    const outputs = h.outputsOf(ref);
    const notices = outputs.filter((o) => o.kind === 'truncated');
    assert.equal(notices.length, 1);
    assert.deepEqual(notices[0], { kind: 'truncated', droppedBytes: 500_000 - 200_000 });
    assert.equal(Buffer.byteLength(h.textOf(ref)), 200_000);
  });
});

describe("console's fast path for primitives", () => {
  test('prints exactly what the console prints, styles, formats and groups included', async () => {
    const { ref, value } = await h.evaluate(`
      const { formatWithOptions, inspect } = require('node:util');
      const cases = [[], ['text'], ['a', 'b'], [1, -0, 2.5, NaN, -Infinity], [true, false, null, undefined, 10n], ['%s and %d', 'x', 4],
        ['100%'], ['100%', 5], [7, 'after a number'], ['obj', { a: 1 }], [Symbol('s')]];
      let expected = '';
      for (const args of cases) { console.log(...args); expected += formatWithOptions({ colors: true }, ...args) + '\\n'; }
      inspect.styles.number = 'red';
      console.info(42); expected += formatWithOptions({ colors: true }, 42) + '\\n';
      inspect.styles.number = 'yellow';
      console.group('group'); console.log(1, 'inside'); console.groupEnd(); console.debug('out');
      expected += 'group\\n  ' + formatWithOptions({ colors: true }, 1, 'inside') + '\\nout\\n';
      console.error('to', 'stderr', 3); console.warn(false);
      const expectedErr = formatWithOptions({ colors: true }, 'to', 'stderr', 3) + '\\n' + formatWithOptions({ colors: true }, false) + '\\n';
      require('node:fs').writeFileSync('expected-console.json', JSON.stringify([expected, expectedErr]));`);
    assert.equal(value, 'undefined');
    const [stdout, stderr] = JSON.parse(readFileSync(join(h.dir, 'expected-console.json'), 'utf8')) as [string, string];
    assert.match(stdout, /\u001b\[31m42\u001b\[39m/);
    assert.equal(h.textOf(ref, 'stdout'), stdout);
    assert.equal(h.textOf(ref, 'stderr'), stderr);
  });
});

describe('output that bypasses console', () => {
  test('writes to descriptors 1 and 2 reach the cell, process.stdout.fd included', async () => {
    const { ref, value } = await h.evaluate(`
      const fs = require('node:fs');
      fs.writeSync(1, 'one\\n');
      fs.writeSync(process.stdout.fd, Buffer.from('[two]\\n'), 1, 3);
      fs.writeSync(process.stderr.fd, 'to stderr\\n');
      const written = await new Promise((resolve) => fs.write(1, 'three\\n', (error, bytes) => resolve(bytes)));
      const { writeSync } = await import('node:fs');
      writeSync(1, 'four\\n');
      [process.stdout.fd, process.stderr.fd, written]`);
    assert.equal(value, '[ 1, 2, 6 ]');
    assert.equal(h.textOf(ref, 'stdout'), 'one\ntwothree\nfour\n');
    assert.equal(h.textOf(ref, 'stderr'), 'to stderr\n');
  });

  test("a child process started with stdio 'inherit' writes to the cell that started it", async () => {
    const node = JSON.stringify(process.execPath);
    const { ref, value } = await h.evaluate(`
      const { spawn, spawnSync, execSync, fork } = require('node:child_process');
      const child = spawn(${node}, ['-e', 'console.log("spawned"); console.error("spawned err")'], { stdio: 'inherit' });
      const streams = [child.stdout, child.stderr];
      await new Promise((resolve) => child.on('close', resolve));
      const sync = spawnSync(${node}, ['-e', 'console.log("spawnSync")'], { stdio: ['ignore', 'inherit', 'inherit'] });
      const exec = execSync('echo execSync', { stdio: 'inherit' });
      require('node:fs').writeFileSync('child.cjs', 'console.log("forked")');
      await new Promise((resolve) => fork('child.cjs').on('exit', resolve));
      await new Promise((resolve) => fork('child.cjs', [], { stdio: 'inherit' }).on('exit', resolve));
      [streams, sync.stdout, exec]`);
    assert.equal(value, '[ [ null, null ], null, null ]');
    assert.equal(h.textOf(ref, 'stdout'), 'spawned\nspawnSync\nexecSync\nforked\nforked\n');
    assert.equal(h.textOf(ref, 'stderr'), 'spawned err\n');
  });

  test('a child process whose output is piped is left alone', async () => {
    const { ref, value } = await h.evaluate(`require('node:child_process').execSync('echo piped').toString()`);
    assert.equal(value, "'piped\\n'");
    assert.equal(h.textOf(ref), '');
  });

  test('replacing process.stdout.write in a cell catches console.log, as in Node', async () => {
    const { ref, value } = await h.evaluate(`
      const caught = [];
      const original = process.stdout.write;
      process.stdout.write = (chunk) => { caught.push(String(chunk)); return true; };
      console.log('caught', 'line');
      process.stdout.write = original;
      console.log('shown');
      caught`);
    assert.equal(value, "[ 'caught line\\n' ]");
    assert.equal(h.textOf(ref), 'shown\n');
  });
});

describe('the display API', () => {
  test('does not hide a global of the same name', async () => {
    const before = await h.evaluate('[typeof json, typeof table]');
    assert.equal(before.value, "[ 'function', 'function' ]");
    const set = await h.evaluate('globalThis.json = { mine: true }; globalThis.md = "markdown"; json');
    assert.equal(set.value, '{ mine: true }');
    const later = await h.evaluate('[json, md, typeof table]', { after: set.ref });
    assert.equal(later.value, "[ { mine: true }, 'markdown', 'function' ]");
    await h.evaluate('delete globalThis.json; delete globalThis.md');
    assert.equal((await h.evaluate('typeof json')).value, "'function'");
  });
});
