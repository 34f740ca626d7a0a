import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { forkCalls } from '../fakes/electron.ts';
import { nextEvent } from '../../common/events.ts';
import { runtimeEntry } from '../../host/paths.ts';
import { RuntimeClient } from '../../host/runtime-client.ts';
import { utilityProcessLauncher } from '../../main/utility-process-launcher.ts';
import type { RuntimeExit } from '../../common/runtime-process.ts';

describe('utilityProcessLauncher', () => {
  test('starts the runtime entry as a utility process in the notebook folder and evaluates through it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-utility-'));
    const client = await RuntimeClient.start(utilityProcessLauncher(runtimeEntry()), { cwd: dir });
    try {
      const call = forkCalls.at(-1);
      assert.equal(call?.modulePath, runtimeEntry());
      assert.equal(call?.options.cwd, dir);
      assert.equal(call?.options.serviceName, 'Tessera runtime');
      const response = await client.evaluateAndWait({
        containerRef: 'main',
        evaluationRef: 'e1',
        prevEvaluationRef: null,
        code: '[1 + 1, process.cwd()]',
        options: { language: 'js', notebookDir: dir },
      });
      assert.ok(response.result.ok);
      assert.match(response.result.value.text, /2.*tessera-utility-/s);
    } finally {
      await client.disconnect();
      client.dispose();
    }
  });

  test('a fatal error in the runtime is its end, reported as an exit, and never an exception in main', async () => {
    const process = utilityProcessLauncher(join(__dirname, '..', '..', '..', 'tests', 'main', 'fixtures', 'fatal-error.cjs')).launch({ cwd: tmpdir() });
    const exited = new Promise<RuntimeExit>((resolve) => process.onExit(resolve));
    process.postMessage({ type: 'disconnect' });
    assert.notEqual((await exited).code, 0);
  });

  test('a kill before the process has spawned (a window closed as it opens) ends it once spawned', { timeout: 30_000 }, async () => {
    const process = utilityProcessLauncher(runtimeEntry()).launch({ cwd: tmpdir() });
    assert.equal(process.pid, undefined, 'no pid before spawn, as in Electron');
    const exited = new Promise((resolve) => process.onExit(resolve));
    process.kill();
    assert.ok(await exited);
    assert.equal(process.pid, undefined);
  });

  test('reports the process’s end as runtime down, and kill is safe twice', async () => {
    const client = await RuntimeClient.start(utilityProcessLauncher(runtimeEntry()), { cwd: tmpdir() });
    const down = nextEvent(client.onRuntimeDown);
    client.kill();
    client.kill();
    assert.equal((await down).reason, 'disconnected');
    client.dispose();
  });
});
