import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { RuntimeStatus } from '../../common/bridge/contract.ts';
import type { RuntimeMessage } from '../../common/protocol/runtime.ts';
import { forkLauncher } from '../../host/fork-launcher.ts';
import { RuntimeSession } from '../../host/session/runtime-session.ts';
import { isAlive, until } from '../support.ts';



function watched(session: RuntimeSession) {
  const statuses: RuntimeStatus[] = [];
  const batches: (readonly RuntimeMessage[])[] = [];
  session.onStatus((status) => statuses.push(status));
  session.onMessages((batch) => batches.push(batch));
  const messages = () => batches.flat();
  return { statuses, batches, messages };
}

const evaluation = (evaluationRef: string, code: string, prevEvaluationRef: string | null = null) => ({
  containerRef: 'main',
  evaluationRef,
  prevEvaluationRef,
  code,
  language: 'js' as const,
});

describe('RuntimeSession', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-session-'));

  test('starts its runtime on the first evaluation and reports starting, busy and ready', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    const { statuses, messages } = watched(session);
    assert.deepEqual(session.status, { state: 'disconnected' });
    await session.evaluate(evaluation('e1', '1 + 1'));
    await until(() => messages().some((m) => m.type === 'response'));
    await until(() => session.status.state === 'ready');
    assert.deepEqual(statuses.map((s) => s.state).slice(0, 3), ['starting', 'ready', 'busy']);
    assert.equal(statuses.at(-1)?.state, 'ready');
    session.dispose();
  });

  test('keeps the order of commands sent while its runtime starts', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    const { messages } = watched(session);
    const answer = async (evaluationRef: string) => {
      await until(() => messages().some((m) => m.type === 'response' && m.evaluationRef === evaluationRef));
      const response = messages().find((m) => m.type === 'response' && m.evaluationRef === evaluationRef);
      return response?.type === 'response' && response.result.ok ? response.result.value.text : 'error';
    };
    // All sent before the runtime is up: the forget must reach it after "first" and "second".
    try {
      const sent = [session.evaluate(evaluation('first', 'const x = 1')), session.evaluate(evaluation('second', 'x + 1', 'first'))];
      session.forget('main', 'first');
      sent.push(session.evaluate(evaluation('third', 'x', 'first')));
      await Promise.all(sent);
      assert.match(await answer('second'), /2/);
      assert.equal(await answer('third'), 'error');
    } finally {
      session.dispose();
    }
  });

  test('runs cells in the notebook folder', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    const { messages } = watched(session);
    await session.evaluate(evaluation('e1', 'process.cwd()'));
    await until(() => messages().some((m) => m.type === 'response'));
    const response = messages().find((m) => m.type === 'response');
    assert.ok(response?.type === 'response' && response.result.ok && response.result.value.text.includes(dir));
    session.dispose();
  });

  test('batches output: a cell printing 20 000 lines reaches the renderer in few batches', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    const { batches, messages } = watched(session);
    await session.evaluate(evaluation('e1', 'for (let i = 0; i < 20000; i++) console.log(i)'));
    await until(() => messages().some((m) => m.type === 'response'));
    const lines = messages()
      .flatMap((m) => (m.type === 'output' ? m.outputs : []))
      .map((o) => (o.kind === 'text' ? o.text : ''))
      .join('')
      .split('\n').length - 1;
    assert.equal(lines, 20000);
    assert.ok(batches.length < 100, `${batches.length} batches`);
    session.dispose();
  });

  test('sends an answer at once, without waiting for the output batch window', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir, batchIntervalMs: 60_000 });
    const { messages } = watched(session);
    await session.evaluate(evaluation('e1', 'console.log("first"); 1'));
    await until(() => messages().some((m) => m.type === 'response'), 5000);
    // The output written before the answer comes with it, in order.
    assert.deepEqual(messages().map((m) => m.type), ['output', 'response']);
    session.dispose();
  });

  test('reports a crash as down with its signal, then restarts into a fresh runtime', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    await session.connect();
    const first = session.pid!;
    process.kill(first, 'SIGKILL');
    await until(() => session.status.state === 'down');
    const down = session.status;
    assert.ok(down.state === 'down' && down.signal === 'SIGKILL');
    assert.match(down.state === 'down' ? down.message : '', /runtime stopped/);
    await session.restart();
    assert.equal(session.status.state, 'ready');
    assert.notEqual(session.pid, first);
    const { messages } = watched(session);
    await session.evaluate(evaluation('again', '"alive"'));
    await until(() => messages().some((m) => m.type === 'response'));
    session.dispose();
  });

  test('the next evaluation after a crash starts a runtime by itself', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    const { messages } = watched(session);
    await session.evaluate(evaluation('e1', 'process.kill(process.pid, "SIGKILL")'));
    await until(() => session.status.state === 'down');
    await session.evaluate(evaluation('e2', '"back"'));
    await until(() => messages().some((m) => m.type === 'response' && m.evaluationRef === 'e2'));
    session.dispose();
  });

  test('disposing it stops its runtime: no orphan', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    await session.connect();
    const pid = session.pid!;
    assert.ok(isAlive(pid));
    session.dispose();
    await until(() => !isAlive(pid));
  });

  test('disconnect stops the runtime and says there is none, which is no failure', async () => {
    const session = new RuntimeSession({ launcher: forkLauncher(), notebookDir: () => dir });
    await session.connect();
    const pid = session.pid!;
    await session.disconnect();
    assert.deepEqual(session.status, { state: 'disconnected' });
    await until(() => !isAlive(pid));
    session.dispose();
  });
});
