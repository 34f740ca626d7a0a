import assert from 'node:assert/strict';
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
