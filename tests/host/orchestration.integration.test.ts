/**
 * The orchestration driven against the real runtime: the driver loop of common/session/driver.ts,
 * with a real runtime process answering, so that the reducer's idea of what ran, what is stale and
 * what was lost matches what the runtime really did.
 */

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stripAnsi } from '../../common/notebook/ansi.ts';
import { cellState, newSessionData, type SessionData } from '../../common/session/data.ts';
import { operationFromRuntimeMessage, toRuntimeRequest } from '../../common/session/driver.ts';
import { applyOperation, type Operation } from '../../common/session/operations.ts';
import { forkLauncher } from '../../host/fork-launcher.ts';
import { RuntimeClient } from '../../host/runtime-client.ts';
import { until } from '../support.ts';
import { code, notebookOf, section } from '../common/session/support.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-orchestration-'));

/** A session as a renderer or the CLI holds one: the reducer's data, and a runtime it drives. */
class Driver {
  data: SessionData;
  client: RuntimeClient | undefined;
  readonly rejected: string[] = [];

  constructor(...cells: Parameters<typeof code>[]) {
    this.data = newSessionData(notebookOf(section('main', cells.map((args) => code(...args)))));
  }

  dispatch(operation: Operation): void {
    const result = applyOperation(this.data, operation);
    if (!result.ok) {
      this.rejected.push(`${operation.type}: ${result.reason}`);
      return;
    }
    this.data = result.data;
    for (const action of result.actions) {
      if (action.type === 'connectRuntime') void this.connect();
      else this.perform(toRuntimeRequest(action, dir));
    }
  }

  private perform(request: ReturnType<typeof toRuntimeRequest>): void {
    const client = this.client;
    if (!client) throw new Error(`${request.type} before the runtime connected`);
    if (request.type === 'evaluate') client.evaluate(request);
    else if (request.type === 'forget') client.forget(request.containerRef, request.evaluationRef);
    else if (request.type === 'drop') client.drop(request.containerRef);
    else if (request.type === 'interrupt') client.interrupt(request.containerRef);
  }

  private async connect(): Promise<void> {
    const client = await RuntimeClient.start(forkLauncher(), { cwd: dir });
    this.client = client;
    const forward = (message: Parameters<typeof operationFromRuntimeMessage>[0]) => {
      const operation = operationFromRuntimeMessage(message);
      if (operation) this.dispatch(operation);
    };
    client.onOutput(forward);
    client.onResponse(forward);
    client.onContainerDown(forward);
    client.onRuntimeDown(() => this.dispatch({ type: 'runtimeDown' }));
    this.dispatch({ type: 'runtimeConnected' });
  }

  state(cellId: string) {
    return cellState(this.data, cellId);
  }

  /** The value a cell showed, colours removed. */
  value(cellId: string): string | undefined {
    const cell = [this.data.notebook.setup, ...this.data.notebook.sections].flatMap((s) => s.cells).find((c) => c.id === cellId);
    const output = cell?.kind === 'code' ? cell.outputs.find((o) => o.kind === 'value') : undefined;
    return output?.kind === 'value' ? stripAnsi(output.text) : undefined;
  }

  settled(): Promise<void> {
    return until(() => [...this.data.cells.keys()].every((id) => !['queued', 'evaluating'].includes(this.state(id) ?? '')), 20_000);
  }

  dispose(): void {
    this.client?.dispose();
  }
}

describe('orchestration with the real runtime', () => {
  let driver: Driver;
  before(() => {
    driver = new Driver(['a', 'const base = 2'], ['b', 'const twice = base * 2; twice'], ['c', 'const other = "unrelated"; other'], ['d', 'twice + 1']);
  });
  after(() => driver.dispose());

  test('evaluating the last cell starts a runtime and runs the cells above it first', async () => {
    driver.dispatch({ type: 'queueCellEvaluation', cellId: 'd' });
    await driver.settled();
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => driver.state(id)), ['evaluated', 'evaluated', 'evaluated', 'evaluated']);
    assert.equal(driver.value('d'), '5');
  });

  test('editing a cell makes exactly its dependents stale, and running them sees the edit', async () => {
    driver.dispatch({ type: 'editCell', cellId: 'a', source: 'const base = 10' });
    assert.equal(driver.state('b'), 'stale');
    assert.equal(driver.state('d'), 'stale');
    assert.equal(driver.state('c'), 'evaluated');
    driver.dispatch({ type: 'queueCellEvaluation', cellId: 'd' });
    await driver.settled();
    assert.equal(driver.value('d'), '21');
    assert.equal(driver.state('d'), 'evaluated');
  });

  test('an error stops the queue behind it', async () => {
    driver.dispatch({ type: 'editCell', cellId: 'b', source: 'throw new Error("broken")' });
    driver.dispatch({ type: 'queueCellEvaluation', cellId: 'd' });
    await driver.settled();
    assert.equal(driver.state('b'), 'errored');
    assert.notEqual(driver.state('d'), 'evaluated');
  });

  test('the runtime dying aborts the cells it had evaluated; evaluating again starts a fresh one', async () => {
    driver.dispatch({ type: 'editCell', cellId: 'b', source: 'const twice = base * 2; twice' });
    driver.dispatch({ type: 'queueAllEvaluation' });
    await driver.settled();
    const pid = driver.client?.pid;
    process.kill(pid!, 'SIGKILL');
    await until(() => driver.state('a') === 'aborted');
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => driver.state(id)), ['aborted', 'aborted', 'aborted', 'aborted']);
    driver.dispatch({ type: 'queueCellEvaluation', cellId: 'd' });
    await driver.settled();
    assert.notEqual(driver.client?.pid, pid);
    assert.equal(driver.value('d'), '21');
    assert.deepEqual(driver.rejected.filter((reason) => !reason.startsWith('evaluationResponded') && !reason.startsWith('outputReceived')), []);
  });
});
