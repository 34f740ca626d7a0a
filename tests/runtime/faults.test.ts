import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { nextEvent } from '../../common/events.ts';
import { runtimeEntry } from '../../host/paths.ts';
import { isAlive } from '../support.ts';
import { Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await Harness.start({ runtime: { containerHeapLimitMb: 64, memoryIntervalMs: 100 } });
});
after(() => h.stop());


describe('a cell that exhausts memory', () => {
  test('ends its container with out of memory while the runtime and other containers go on', async () => {
    const other = await h.evaluate('const survivor = "ok"', { container: 'other' });
    const down = nextEvent(h.client.onContainerDown, (m) => m.containerRef === 'hungry');
    const error = await h.error('const hoard = []; while (true) hoard.push(new Array(1e5).fill(Math.random()))', { container: 'hungry' });
    assert.match(error.message, /Out of memory: .*heap limit of 64 MiB/);
    assert.equal((await down).reason, 'out_of_memory');
    assert.equal((await h.evaluate('survivor', { after: other.ref, container: 'other' })).value, "'ok'");
  });
});

describe('process.exit in a cell', () => {
  test('is reported for that cell and the runtime goes on', async () => {
    const down = nextEvent(h.client.onContainerDown, (m) => m.containerRef === 'exiting');
    const { ref, response } = await h.evaluate('console.log("bye"); process.exit(3)', { container: 'exiting' });
    assert.ok(!response.result.ok);
    assert.match(response.result.error.message, new RegExp(`process.exit\\(3\\) was called by evaluation ${ref}`));
    const message = await down;
    assert.equal(message.reason, 'process_exit');
    assert.equal(message.exitCode, 3);
    assert.equal(h.textOf(ref), 'bye\n');
    assert.equal((await h.evaluate('"alive"')).value, "'alive'");
  });
});

describe('errors that escape an evaluation', () => {
  test('an exception thrown in a timer is reported to the evaluation that scheduled it', async () => {
    const { ref } = await h.evaluate('setTimeout(() => { throw new Error("from a timer") }, 20); "scheduled"', { label: 'timer cell' });
    await h.until(() => h.outputsOf(ref).some((o) => o.kind === 'error'));
    const reported = h.outputsOf(ref).find((o) => o.kind === 'error');
    assert.ok(reported?.kind === 'error');
    assert.equal(reported.error.message, 'from a timer');
    assert.match(reported.error.stack, /at timer cell:1:26/);
    assert.equal((await h.evaluate('"still running"')).value, "'still running'");
  });

  test('an unhandled rejection is reported to the evaluation that caused it', async () => {
    const { ref } = await h.evaluate('async function later() { throw new Error("rejected") }\nlater(); 1');
    await h.until(() => h.outputsOf(ref).some((o) => o.kind === 'error'));
    const reported = h.outputsOf(ref).find((o) => o.kind === 'error');
    assert.ok(reported?.kind === 'error' && reported.error.message === 'rejected');
  });
});

describe('memory', () => {
  test('the runtime reports its RSS and each container’s heap', async () => {
    await h.evaluate('1', { container: 'measured' });
    const report = await nextEvent(h.client.onMemory, (m) => m.containers.some((c) => c.containerRef === 'measured' && c.heapUsedBytes > 0));
    assert.ok(report.rssBytes > 10 * 1024 * 1024);
    const measured = report.containers.find((c) => c.containerRef === 'measured');
    assert.ok(measured && measured.heapLimitBytes >= 64 * 1024 * 1024);
  });
});

describe('the runtime process', () => {
  test('killed from outside, it reaches the owner as runtime down with its signal', async () => {
    const doomed = await Harness.start();
    const down = nextEvent(doomed.client.onRuntimeDown);
    process.kill(doomed.client.pid!, 'SIGKILL');
    const reported = await down;
    assert.equal(reported.reason, 'exited');
    assert.equal(reported.signal, 'SIGKILL');
    await assert.rejects(doomed.client.evaluateAndWait({
      containerRef: 'main', evaluationRef: 'late', prevEvaluationRef: null, code: '1', options: { language: 'js', notebookDir: doomed.dir },
    }));
    doomed.client.dispose();
  });

  test('killed from a cell, it reaches the owner as runtime down with its exit', async () => {
    const doomed = await Harness.start();
    const down = nextEvent(doomed.client.onRuntimeDown);
    const { response } = doomed.send('process.kill(process.pid, "SIGTERM")');
    await assert.rejects(response, /The runtime stopped \(signal SIGTERM\)/);
    assert.equal((await down).signal, 'SIGTERM');
    doomed.client.dispose();
  });

  test('exits when its owner dies: no orphan', async () => {
    // A real owner process that starts a runtime, prints its pid, then is killed.
    const owner = spawn(process.execPath, ['-e', `
      const child = require('node:child_process').fork(${JSON.stringify(runtimeEntry())}, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
      child.send({ type: 'connect', options: { containerHeapLimitMb: 64, memoryIntervalMs: 0, interruptGraceMs: 100, outputCapBytes: 1000 } });
      child.on('message', (m) => { if (m.type === 'ready') { child.send({ type: 'evaluate', containerRef: 'c', evaluationRef: 'e', prevEvaluationRef: null, code: 'while (true) {}', options: { language: 'js', notebookDir: ${JSON.stringify(join(h.dir))} } }); console.log(child.pid); } });
      setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const runtimePid = await new Promise<number>((resolve) => owner.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim()))));
    assert.ok(isAlive(runtimePid));
    owner.kill('SIGKILL');
    await h.until(() => !isAlive(runtimePid), 5000);
  });

  test('disconnect ends the process', async () => {
    const leaving = await Harness.start();
    const pid = leaving.client.pid!;
    await leaving.client.disconnect();
    await h.until(() => !isAlive(pid));
    leaving.client.dispose();
  });
});
