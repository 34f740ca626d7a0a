import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { nextEvent } from '../../common/events.ts';
import { Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await Harness.start({ runtime: { interruptGraceMs: 500 } });
});
after(() => h.stop());

/** Evaluates `code` after `after`, interrupts it once it has run for a moment, and returns the error. */
async function interrupted(code: string, after: string | null, container = 'main') {
  const { response } = h.send(code, { after, container });
  await new Promise((resolve) => setTimeout(resolve, 150));
  h.client.interrupt(container);
  const answer = await response;
  assert.equal(answer.result.ok, false);
  return answer.result.ok ? undefined : answer.result.error;
}

describe('cooperative interrupt', () => {
  for (const [what, code] of [
    ['while (true) {}', 'while (true) {}'],
    ['for (;;) {}', 'for (;;) {}'],
    ['a for loop that checks in its update, its body always continuing', 'for (let i = 0; ; i++) { continue }'],
    ['a for loop whose update is a sequence, without a block', 'let s = 0; for (let i = 0, j = 0; i >= 0; i = (i + 1) % 1e9, j--) s += i * j'],
    ['a do-while loop', 'let i = 0; do { i++ } while (true)'],
    ['a labelled nested loop', 'outer: for (;;) { for (let i = 0; i < 10; i++) { if (i === 5) continue outer } }'],
    ['a loop in a function defined in an earlier cell', 'spin()'],
    ['an await that never settles', 'await new Promise(() => {})'],
  ] as const) {
    test(`stops ${what} and keeps the container's bindings`, async () => {
      const e1 = await h.evaluate('const kept = "still here"; function spin() { let n = 0; while (true) n++ }');
      const error = await interrupted(code, e1.ref);
      assert.equal(error?.name, 'InterruptError');
      assert.match(error?.message ?? '', /bindings of earlier cells are kept/);
      assert.equal((await h.evaluate('kept', { after: e1.ref })).value, "'still here'");
    });
  }

  test('marks the line the loop was stopped at', async () => {
    const error = await interrupted('const a = 1;\nwhile (true) {\n  a + 1;\n}', null);
    assert.equal(error?.location?.line, 2);
  });
});

describe('terminating a container that does not stop', () => {
  before(() => {
    mkdirSync(join(h.dir, 'node_modules', 'busy'), { recursive: true });
    writeFileSync(join(h.dir, 'node_modules', 'busy', 'package.json'), JSON.stringify({ name: 'busy', main: 'index.js' }));
    writeFileSync(join(h.dir, 'node_modules', 'busy', 'index.js'), 'exports.spin = () => { while (true) {} };');
  });

  for (const [what, code] of [
    ['a busy loop inside an imported package', "const { spin } = require('busy'); spin()"],
    ['a catastrophic regular expression', '/^(a+)+$/.test("a".repeat(40) + "b")'],
  ] as const) {
    test(`ends the container for ${what} and says its state is lost`, async () => {
      const e1 = await h.evaluate('const lost = 1', { container: 'stuck' });
      const down = nextEvent(h.client.onContainerDown, (m) => m.containerRef === 'stuck');
      const error = await interrupted(code, e1.ref, 'stuck');
      assert.equal(error?.name, 'InterruptError');
      assert.match(error?.message ?? '', /did not stop within 0.5 s.*bindings of its cells are lost/);
      const message = await down;
      assert.equal(message.reason, 'interrupted');
      const after = await h.error('lost', { after: e1.ref, container: 'stuck' });
      assert.equal(after.name, 'UnknownEvaluationError');
      assert.equal((await h.evaluate('"fresh"', { container: 'stuck' })).value, "'fresh'");
    });
  }

  test('answers evaluations queued behind the stuck one', async () => {
    const stuck = h.send('/^(a+)+$/.test("a".repeat(40) + "b")', { container: 'queue' });
    const queued = h.send('1', { container: 'queue' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.client.interrupt('queue');
    assert.equal((await stuck.response).result.ok, false);
    const answer = await queued.response;
    assert.ok(!answer.result.ok && answer.result.error.message.startsWith('Not evaluated'));
  });
});

describe('a runtime that stops answering', () => {
  test('is killed by the host when its heartbeat goes unanswered', async () => {
    const frozen = await Harness.start({ heartbeatIntervalMs: 100, heartbeatTimeoutMs: 600 });
    const down = nextEvent(frozen.client.onRuntimeDown);
    process.kill(frozen.client.pid!, 'SIGSTOP');
    const reported = await down;
    assert.equal(reported.reason, 'unresponsive');
    assert.equal(reported.signal, 'SIGKILL');
    assert.match(reported.message, /stopped answering/);
    frozen.client.dispose();
  });
});
