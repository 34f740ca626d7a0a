import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getCell } from '../../../common/notebook/operations.ts';
import { newSessionData } from '../../../common/session/data.ts';
import {
  apply,
  applyAndRun,
  code,
  evaluatedCode,
  evaluatedSession,
  markdown,
  notebookOf,
  rejection,
  replay,
  section,
  states,
} from './support.ts';

// a defines x, b defines y, c uses both; in the next section d defines z and e uses x.
const notebook = notebookOf(
  section('s1', [code('a', 'const x = 1'), code('b', 'const y = 2'), markdown('m', 'Notes'), code('c', 'x + y')]),
  section('s2', [code('d', 'const z = 3'), code('e', 'x * 2', 'ts')]),
);

/** A session with a runtime connected and nothing evaluated. */
function connectedSession() {
  return replay(newSessionData(notebook), { type: 'runtimeConnected' });
}

describe('queueCellEvaluation', () => {
  test('asks for a runtime when none is connected', () => {
    const { data, actions } = apply(newSessionData(notebook), { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(actions, [{ type: 'connectRuntime' }]);
    assert.equal(data.runtime, 'connecting');
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd'), { a: 'queued', b: 'queued', c: 'queued', d: 'fresh' });
  });

  test('asks for a runtime only once', () => {
    const connecting = replay(newSessionData(notebook), { type: 'queueCellEvaluation', cellId: 'a' });
    assert.deepEqual(apply(connecting, { type: 'queueCellEvaluation', cellId: 'e' }).actions, []);
  });

  test('sends only the first queued cell of the container', () => {
    const { data, actions } = apply(connectedSession(), { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e1', prevEvaluationRef: null, code: 'const x = 1', language: 'js' },
    ]);
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'evaluating', b: 'queued', c: 'queued' });
  });

  test('numbers each run as Jupyter does: the cell keeps the execution count of its latest run', () => {
    const once = applyAndRun(connectedSession(), { type: 'queueAllEvaluation' }).data;
    const again = applyAndRun(once, { type: 'queueCellEvaluation', cellId: 'a' }).data;
    const count = (data: typeof once, cellId: string) => {
      const cell = getCell(data.notebook, cellId);
      return cell.kind === 'code' ? cell.executionCount : undefined;
    };
    assert.deepEqual(['a', 'b', 'c', 'd', 'e'].map((id) => count(once, id)), [1, 2, 3, 4, 5]);
    assert.equal(count(again, 'a'), 6);
    assert.equal(count(again, 'b'), 2);
  });

  test('starts each evaluation from the nearest code cell above, across markdown cells and sections', () => {
    const { actions } = applyAndRun(connectedSession(), { type: 'queueCellEvaluation', cellId: 'e' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e1', prevEvaluationRef: null, code: 'const x = 1', language: 'js' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e2', prevEvaluationRef: 'e1', code: 'const y = 2', language: 'js' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e3', prevEvaluationRef: 'e2', code: 'x + y', language: 'js' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e4', prevEvaluationRef: 'e3', code: 'const z = 3', language: 'js' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e5', prevEvaluationRef: 'e4', code: 'x * 2', language: 'ts' },
    ]);
  });

  test('re-runs only the cell when the cells above are up to date', () => {
    const { data, actions } = applyAndRun(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: 'e2', code: 'x + y', language: 'js' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e3' },
    ]);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'evaluated',
      d: 'evaluated',
      e: 'evaluated',
    });
  });

  test('runs first an edited cell above and every cell between it and the cell', () => {
    const edited = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'a', source: 'const x = 10' });
    const { data, actions } = applyAndRun(edited, { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(evaluatedCode(actions), ['const x = 10', 'const y = 2', 'x + y']);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'evaluated',
      d: 'evaluated',
      e: 'stale',
    });
  });

  test('re-runs a cell that started from a replaced evaluation before the cells below it', () => {
    // b does not use x, so it stays evaluated when a re-runs; but its bindings carry the old x,
    // so c cannot start from it.
    const rerun = applyAndRun(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'a' }).data;
    assert.deepEqual(states(rerun, 'b', 'c'), { b: 'evaluated', c: 'stale' });
    const { actions } = applyAndRun(rerun, { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e6', code: 'const y = 2', language: 'js' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e2' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e8', prevEvaluationRef: 'e7', code: 'x + y', language: 'js' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e3' },
    ]);
  });

  test('runs a fresh cell inserted above first', () => {
    const inserted = replay(evaluatedSession(notebook), {
      type: 'insertCell',
      sectionId: 's2',
      index: 0,
      cell: code('n', 'const w = 0'),
    });
    const { actions } = applyAndRun(inserted, { type: 'queueCellEvaluation', cellId: 'd' });
    assert.deepEqual(evaluatedCode(actions), ['const w = 0', 'const z = 3']);
  });

  test('clears the outputs of the cell it sends', () => {
    const printed = replay(evaluatedSession(notebook), {
      type: 'outputReceived',
      containerRef: 'main',
      evaluationRef: 'e3',
      outputs: [{ kind: 'text', stream: 'stdout', text: 'hi\n' }],
    });
    const { data } = apply(printed, { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(data.notebook.sections[0]?.cells[3], { ...code('c', 'x + y'), outputs: [], executionCount: 6 });
  });

  test('returns an error given a markdown cell, an unknown cell or a cell that is evaluating', () => {
    const { data: running } = apply(connectedSession(), { type: 'queueCellEvaluation', cellId: 'a' });
    assert.equal(rejection(running, { type: 'queueCellEvaluation', cellId: 'm' }), 'cell m is not a code cell');
    assert.equal(rejection(running, { type: 'queueCellEvaluation', cellId: 'nope' }), 'no cell nope');
    assert.equal(rejection(running, { type: 'queueCellEvaluation', cellId: 'a' }), 'cell a is evaluating');
  });
});

describe('queueSectionEvaluation', () => {
  test('runs every code cell of the section, even up to date ones', () => {
    const { actions } = applyAndRun(evaluatedSession(notebook), { type: 'queueSectionEvaluation', sectionId: 's2' });
    assert.deepEqual(evaluatedCode(actions), ['const z = 3', 'x * 2']);
  });

  test('runs first the cells above the section that are not up to date', () => {
    const { data, actions } = applyAndRun(newSessionData(notebook), { type: 'queueSectionEvaluation', sectionId: 's2' });
    assert.deepEqual(evaluatedCode(actions), ['const x = 1', 'const y = 2', 'x + y', 'const z = 3', 'x * 2']);
    assert.equal(data.runtime, 'connected');
  });

  test('returns an error given an unknown section', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'queueSectionEvaluation', sectionId: 'nope' }), 'no section nope');
  });
});

describe('queueAllEvaluation', () => {
  test('runs every code cell of a new session in order', () => {
    const { data, actions } = applyAndRun(newSessionData(notebook), { type: 'queueAllEvaluation' });
    assert.deepEqual(actions[0], { type: 'connectRuntime' });
    assert.deepEqual(evaluatedCode(actions), ['const x = 1', 'const y = 2', 'x + y', 'const z = 3', 'x * 2']);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'evaluated',
      d: 'evaluated',
      e: 'evaluated',
    });
  });

  test('does nothing when the notebook is up to date', () => {
    assert.deepEqual(apply(evaluatedSession(notebook), { type: 'queueAllEvaluation' }).actions, []);
  });

  test('runs from the first cell that is not up to date down', () => {
    const edited = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'c', source: 'x - y' });
    const { actions } = applyAndRun(edited, { type: 'queueAllEvaluation' });
    assert.deepEqual(evaluatedCode(actions), ['x - y', 'const z = 3', 'x * 2']);
  });
});

describe('cancelQueued', () => {
  test('returns every queued cell to its previous state', () => {
    const edited = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'a', source: 'const x = 10' });
    const { data: running } = apply(edited, { type: 'queueCellEvaluation', cellId: 'e' });
    assert.deepEqual(states(running, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluating',
      b: 'queued',
      c: 'queued',
      d: 'queued',
      e: 'queued',
    });
    const { data, actions } = apply(running, { type: 'cancelQueued' });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluating',
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'stale',
    });
    assert.deepEqual(actions, []);
  });

  test('unqueues a cell and the queued cells below it', () => {
    const edited = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'a', source: 'const x = 10' });
    const running = replay(edited, { type: 'queueCellEvaluation', cellId: 'e' });
    const { data } = apply(running, { type: 'cancelQueued', cellId: 'c' });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluating',
      b: 'queued',
      c: 'stale',
      d: 'evaluated',
      e: 'stale',
    });
  });

  test('leaves a runtime that is connecting to connect', () => {
    const connecting = replay(newSessionData(notebook), { type: 'queueCellEvaluation', cellId: 'c' });
    const { data } = apply(connecting, { type: 'cancelQueued' });
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'fresh', b: 'fresh', c: 'fresh' });
    assert.equal(data.runtime, 'connecting');
    assert.deepEqual(apply(data, { type: 'runtimeConnected' }).actions, []);
  });

  test('returns an error given a cell that is not queued', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'cancelQueued', cellId: 'a' }), 'cell a is not queued');
    assert.equal(rejection(newSessionData(notebook), { type: 'cancelQueued', cellId: 'nope' }), 'no cell nope');
  });
});

describe('interrupt', () => {
  test('asks the runtime to interrupt the container that is evaluating', () => {
    const { data: running } = apply(connectedSession(), { type: 'queueCellEvaluation', cellId: 'c' });
    const { data, actions } = apply(running, { type: 'interrupt', containerRef: 'main' });
    assert.deepEqual(actions, [{ type: 'interrupt', containerRef: 'main' }]);
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'evaluating', b: 'queued', c: 'queued' });
  });

  test('returns an error when nothing evaluates', () => {
    assert.equal(rejection(evaluatedSession(notebook), { type: 'interrupt', containerRef: 'main' }), 'nothing evaluates in main');
  });
});

describe('dropContainer', () => {
  test('drops the container and aborts its cells at once', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'dropContainer', containerRef: 'main' });
    assert.deepEqual(actions, [{ type: 'drop', containerRef: 'main' }]);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'aborted',
      b: 'aborted',
      c: 'aborted',
      d: 'aborted',
      e: 'aborted',
    });
  });

  test('holds evaluations queued after the drop until the container is down', () => {
    const dropped = replay(evaluatedSession(notebook), { type: 'dropContainer', containerRef: 'main' });
    const { data: waiting, actions } = apply(dropped, { type: 'queueCellEvaluation', cellId: 'b' });
    assert.deepEqual(actions, []);
    assert.deepEqual(states(waiting, 'a', 'b'), { a: 'queued', b: 'queued' });
    const { data, actions: afterDown } = apply(waiting, { type: 'containerDown', containerRef: 'main' });
    assert.deepEqual(afterDown, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: null, code: 'const x = 1', language: 'js' },
    ]);
    assert.deepEqual(states(data, 'a', 'b'), { a: 'evaluating', b: 'queued' });
  });

  test('abandons the running evaluation, whose answer is then rejected', () => {
    const { data: running } = apply(connectedSession(), { type: 'queueCellEvaluation', cellId: 'b' });
    const dropped = replay(running, { type: 'dropContainer', containerRef: 'main' });
    assert.deepEqual(states(dropped, 'a', 'b'), { a: 'aborted', b: 'fresh' });
    const reason = rejection(dropped, {
      type: 'evaluationResponded',
      containerRef: 'main',
      evaluationRef: 'e1',
      result: { ok: false, error: { name: 'Error', message: 'container dropped', stack: '' } },
      metadata: { durationMs: 1, defined: [], used: [] },
    });
    assert.equal(reason, 'e1 is not evaluating in main');
  });

  test('returns an error without a runtime, or while the container is being dropped', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'dropContainer', containerRef: 'main' }), 'no runtime is connected');
    const dropped = replay(evaluatedSession(notebook), { type: 'dropContainer', containerRef: 'main' });
    assert.equal(rejection(dropped, { type: 'dropContainer', containerRef: 'main' }), 'main is being dropped');
    assert.equal(rejection(dropped, { type: 'dropContainer', containerRef: 'other' }), 'no container other');
  });
});
