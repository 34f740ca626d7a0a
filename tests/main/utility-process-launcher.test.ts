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

  test('reports the process’s end as runtime down, and kill is safe twice', async () => {
    const client = await RuntimeClient.start(utilityProcessLauncher(runtimeEntry()), { cwd: tmpdir() });
    const down = nextEvent(client.onRuntimeDown);
    client.kill();
    client.kill();
    assert.equal((await down).reason, 'disconnected');
    client.dispose();
  });
});
