import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newSessionData, type SessionData } from '../../../common/session/data.ts';
import type { EvaluationRespondedOperation } from '../../../common/session/operations.ts';
import {
  apply,
  applyAndRun,
  code,
  evaluatedCode,
  evaluateAction,
  evaluatedSession,
  notebookOf,
  rejection,
  replay,
  respond,
  section,
  states,
  sampleNotebook,
} from './support.ts';

const notebook = sampleNotebook;

function connectedSession(): SessionData {
  return replay(newSessionData(notebook), { type: 'runtimeConnected' });
}

function responded(evaluationRef: string, ok: boolean, defined: string[], used: string[]): EvaluationRespondedOperation {
  return {
    type: 'evaluationResponded',
    containerRef: 'main',
    evaluationRef,
    result: ok
      ? { ok: true, value: { text: '42' } }
      : { ok: false, error: { name: 'TypeError', message: 'bad', stack: 'TypeError: bad\n    at cell:1:1' } },
    metadata: { durationMs: 12, defined, used },
  };
}

function cellOutputs(data: SessionData, sectionIndex: number, cellIndex: number) {
  const cell = data.notebook.sections[sectionIndex]?.cells[cellIndex];
  assert.equal(cell?.kind, 'code');
  return cell.outputs;
}

describe('runtimeConnected', () => {
  test('sends the first queued evaluation', () => {
    const connecting = replay(newSessionData(notebook), { type: 'queueCellEvaluation', cellId: 'b' });
    const { data, actions } = apply(connecting, { type: 'runtimeConnected' });
    assert.equal(data.runtime, 'connected');
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e1', prevEvaluationRef: null, code: 'const x = 1', language: 'js' },
    ]);
  });

  test('connects with nothing queued', () => {
    const { data, actions } = apply(newSessionData(notebook), { type: 'runtimeConnected' });
    assert.equal(data.runtime, 'connected');
    assert.deepEqual(actions, []);
  });

  test('returns an error when a runtime is connected already', () => {
    assert.equal(rejection(connectedSession(), { type: 'runtimeConnected' }), 'a runtime is connected already');
  });
});

describe('evaluationResponded', () => {
  test('records the evaluation and sends the next queued cell', () => {
    const { data: running } = apply(connectedSession(), { type: 'queueCellEvaluation', cellId: 'b' });
    const { data, actions } = apply(running, responded('e1', true, ['x'], ['console']));
    assert.deepEqual(states(data, 'a', 'b'), { a: 'evaluated', b: 'evaluating' });
    const info = data.cells.get('a');
    assert.deepEqual(info?.evaluation, {
      evaluationRef: 'e1',
      prevEvaluationRef: null,
      ok: true,
      defined: ['x'],
      used: ['console'],
      durationMs: 12,
      providers: new Map(),
      passedOver: [],
    });
    assert.equal(info?.evaluatedDigest, info?.sourceDigest);
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e2', prevEvaluationRef: 'e1', code: 'const y = 2', language: 'js' },
    ]);
  });

  test('records which evaluation each used name came from', () => {
    const { data } = applyAndRun(connectedSession(), { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(
      data.cells.get('c')?.evaluation?.providers,
      new Map([
        ['x', 'e1'],
        ['y', 'e2'],
      ]),
    );
  });

  test('adds the value, or the error, after the outputs of the cell', () => {
    const { data: running } = apply(connectedSession(), { type: 'queueCellEvaluation', cellId: 'a' });
    const printed = replay(running, {
      type: 'outputReceived',
      containerRef: 'main',
      evaluationRef: 'e1',
      outputs: [{ kind: 'text', stream: 'stdout', text: 'hello\n' }],
    });
    const { data } = apply(printed, responded('e1', true, ['x'], []));
    assert.deepEqual(cellOutputs(data, 0, 0), [
      { kind: 'text', stream: 'stdout', text: 'hello\n' },
      { kind: 'value', text: '42' },
    ]);
    const { data: failed } = apply(running, responded('e1', false, [], []));
    assert.deepEqual(cellOutputs(failed, 0, 0), [
      { kind: 'error', name: 'TypeError', message: 'bad', stack: 'TypeError: bad\n    at cell:1:1' },
    ]);
  });

  test('forgets the evaluation it replaces', () => {
    const { data: running } = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'b' });
    const { actions } = apply(running, responded('e6', true, ['y'], []));
    assert.deepEqual(actions, [{ type: 'forget', containerRef: 'main', evaluationRef: 'e2' }]);
  });

  test('marks stale exactly the cells that use a name the re-run cell defines', () => {
    const { data } = applyAndRun(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'a' });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'stale',
    });
  });

  test('marks stale the cells that use a name the cell defined before the change', () => {
    const edited = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'd', source: 'const x = 3' });
    const { data: before } = applyAndRun(edited, { type: 'queueCellEvaluation', cellId: 'd' });
    assert.deepEqual(states(before, 'e'), { e: 'stale' });
    const settled = applyAndRun(before, { type: 'queueCellEvaluation', cellId: 'e' }).data;
    const renamed = replay(settled, { type: 'editCell', cellId: 'd', source: 'const w = 3' });
    const { data } = applyAndRun(renamed, { type: 'queueCellEvaluation', cellId: 'd' });
    assert.deepEqual(states(data, 'd', 'e'), { d: 'evaluated', e: 'stale' });
  });

  test('marks stale a cell that used a global the cell now defines', () => {
    const globals = notebookOf(section('s', [code('a', 'const w = 1'), code('b', 'Math.max(1, 2)')]));
    const edited = replay(evaluatedSession(globals), { type: 'editCell', cellId: 'a', source: 'const Math = 1' });
    assert.deepEqual(states(edited, 'b'), { b: 'evaluated' });
    const { data } = applyAndRun(edited, { type: 'queueCellEvaluation', cellId: 'a' });
    assert.deepEqual(states(data, 'a', 'b'), { a: 'evaluated', b: 'stale' });
  });

  test('stops the queue behind an error, returning the queued cells to their previous state', () => {
    const edited = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'a', source: 'throw new Error()' });
    const { data, actions } = applyAndRun(edited, { type: 'queueCellEvaluation', cellId: 'e' });
    assert.deepEqual(evaluatedCode(actions), ['throw new Error()']);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'errored',
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'stale',
    });
  });

  /** The sample notebook once b (`const y = 2`) was made to fail and run: b failed as e6. */
  function failedB(): SessionData {
    return applyAndRun(replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'b', source: 'throw y' }), {
      type: 'queueCellEvaluation',
      cellId: 'b',
    }).data;
  }

  test('passes over a failed cell above that has not changed: the cell below starts from the evaluation above it', () => {
    const { data, actions } = applyAndRun(failedB(), { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(
      actions.filter((action) => action.type === 'evaluate'),
      [{ type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e1', code: 'x + y', language: 'js' }],
    );
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'evaluated', b: 'errored', c: 'evaluated' });
    assert.deepEqual(data.cells.get('c')?.evaluation?.passedOver, ['b']);
    // Below c, the chain goes on from c: nothing is passed over there.
    const below = applyAndRun(data, { type: 'queueCellEvaluation', cellId: 'e' }).data;
    assert.deepEqual(below.cells.get('d')?.evaluation?.passedOver, []);
    assert.deepEqual(states(below, 'b', 'd', 'e'), { b: 'errored', d: 'evaluated', e: 'evaluated' });
  });

  test('a cell that ran past a failed cell stays up to date while the failed cell is unchanged', () => {
    const past = applyAndRun(failedB(), { type: 'queueCellEvaluation', cellId: 'c' }).data;
    const { actions } = applyAndRun(past, { type: 'queueCellEvaluation', cellId: 'd' });
    assert.deepEqual(evaluatedCode(actions), ['const z = 3']);
  });

  test('runs a failed cell again before a cell below once its source changed', () => {
    const fixed = replay(failedB(), { type: 'editCell', cellId: 'b', source: 'const y = 3' });
    const { data, actions } = applyAndRun(fixed, { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(evaluatedCode(actions), ['const y = 3', 'x + y']);
    assert.deepEqual(states(data, 'b', 'c'), { b: 'evaluated', c: 'evaluated' });
    assert.deepEqual(data.cells.get('c')?.evaluation?.passedOver, []);
  });

  test('Run all runs a failed cell again and stops there', () => {
    const { data, actions } = applyAndRun(failedB(), { type: 'queueAllEvaluation' });
    assert.deepEqual(evaluatedCode(actions), ['throw y']);
    assert.deepEqual(states(data, 'b', 'c'), { b: 'errored', c: 'stale' });
  });

  test('goes on with cells queued above the failed cell', () => {
    const broken = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'd', source: 'throw z' });
    const { data: running, actions: sent } = apply(broken, { type: 'queueCellEvaluation', cellId: 'd' });
    const queuedAbove = replay(
      running,
      { type: 'editCell', cellId: 'b', source: 'const y = 20' },
      { type: 'queueCellEvaluation', cellId: 'b' },
    );
    const failed = apply(queuedAbove, respond(evaluateAction(sent)));
    assert.deepEqual(failed.actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e4' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e1', code: 'const y = 20', language: 'js' },
    ]);
  });

  test('returns an error given an evaluation that is not running', () => {
    assert.equal(rejection(evaluatedSession(notebook), responded('e3', true, [], [])), 'e3 is not evaluating in main');
  });
});

describe('outputReceived', () => {
  test('appends output to the running cell, joining text of one stream', () => {
    const { data: running } = apply(connectedSession(), { type: 'queueCellEvaluation', cellId: 'a' });
    const data = replay(
      running,
      {
        type: 'outputReceived',
        containerRef: 'main',
        evaluationRef: 'e1',
        outputs: [
          { kind: 'text', stream: 'stdout', text: 'one\n' },
          { kind: 'text', stream: 'stdout', text: 'two\n' },
        ],
      },
      {
        type: 'outputReceived',
        containerRef: 'main',
        evaluationRef: 'e1',
        outputs: [
          { kind: 'text', stream: 'stderr', text: 'warn\n' },
          { kind: 'truncated', droppedBytes: 2048 },
        ],
      },
    );
    assert.deepEqual(cellOutputs(data, 0, 0), [
      { kind: 'text', stream: 'stdout', text: 'one\ntwo\n' },
      { kind: 'text', stream: 'stderr', text: 'warn\n\n[2048 bytes of output not kept]\n' },
    ]);
  });

  test('appends late output and late errors to the cell whose evaluation it is', () => {
    const data = replay(evaluatedSession(notebook), {
      type: 'outputReceived',
      containerRef: 'main',
      evaluationRef: 'e4',
      outputs: [
        { kind: 'text', stream: 'stdout', text: 'tick\n' },
        { kind: 'error', error: { name: 'Error', message: 'late', stack: 'Error: late' } },
      ],
    });
    assert.deepEqual(cellOutputs(data, 1, 0), [
      { kind: 'value', text: 'undefined' },
      { kind: 'text', stream: 'stdout', text: 'tick\n' },
      { kind: 'error', name: 'Error', message: 'late', stack: 'Error: late' },
    ]);
  });

  test('returns an error for an evaluation that no cell has any more', () => {
    const rerun = applyAndRun(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'a' }).data;
    const reason = rejection(rerun, {
      type: 'outputReceived',
      containerRef: 'main',
      evaluationRef: 'e1',
      outputs: [{ kind: 'text', stream: 'stdout', text: 'tick\n' }],
    });
    assert.equal(reason, 'no cell has evaluation e1');
  });
});

describe('runtimeDown', () => {
  test('aborts every cell that ran or runs, and keeps fresh cells fresh', () => {
    const partly = applyAndRun(newSessionData(notebook), { type: 'queueCellEvaluation', cellId: 'b' }).data;
    const { data: running } = apply(partly, { type: 'queueCellEvaluation', cellId: 'c' });
    const { data, actions } = apply(running, { type: 'runtimeDown' });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd'), { a: 'aborted', b: 'aborted', c: 'aborted', d: 'fresh' });
    assert.equal(data.runtime, 'disconnected');
    assert.equal(data.containers.size, 0);
    assert.deepEqual(actions, []);
  });

  test('empties the queue without asking for a new runtime', () => {
    const connecting = replay(newSessionData(notebook), { type: 'queueCellEvaluation', cellId: 'c' });
    const { data, actions } = apply(connecting, { type: 'runtimeDown' });
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'fresh', b: 'fresh', c: 'fresh' });
    assert.deepEqual(actions, []);
  });

  test('lets the next evaluation start a new runtime from nothing', () => {
    const down = replay(evaluatedSession(notebook), { type: 'runtimeDown' });
    const { actions } = applyAndRun(down, { type: 'queueCellEvaluation', cellId: 'b' });
    assert.deepEqual(actions, [
      { type: 'connectRuntime' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: null, code: 'const x = 1', language: 'js' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e6', code: 'const y = 2', language: 'js' },
    ]);
  });

  test('returns an error without a runtime', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'runtimeDown' }), 'no runtime is connected');
  });
});

describe('containerDown', () => {
  test("aborts the container's cells and empties its queue", () => {
    const edited = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'a', source: 'const x = 10' });
    const { data: running } = apply(edited, { type: 'queueCellEvaluation', cellId: 'c' });
    const { data, actions } = apply(running, { type: 'containerDown', containerRef: 'main' });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'aborted',
      b: 'aborted',
      c: 'aborted',
      d: 'aborted',
      e: 'aborted',
    });
    assert.equal(data.runtime, 'connected');
    assert.deepEqual(actions, []);
  });

  test('sends nothing more until the evaluation it was running answers, then forgets that evaluation', () => {
    const { data: running } = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'a' });
    const down = replay(running, { type: 'containerDown', containerRef: 'main' });
    const { data: waiting, actions } = apply(down, { type: 'queueCellEvaluation', cellId: 'b' });
    assert.deepEqual(actions, []);
    assert.deepEqual(states(waiting, 'a', 'b'), { a: 'queued', b: 'queued' });
    // Sent after the container ended but before the session heard of it, it ran in a fresh container.
    const answered = apply(waiting, responded('e6', true, ['x'], []));
    assert.deepEqual(answered.actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e6' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: null, code: 'const x = 1', language: 'js' },
    ]);
  });

  test('shows the error of the evaluation the container ended under in its cell, which stays aborted', () => {
    const { data: running } = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'b' });
    const down = replay(running, { type: 'containerDown', containerRef: 'main' });
    const { data, actions } = apply(down, responded('e6', false, [], []));
    assert.deepEqual(actions, [{ type: 'forget', containerRef: 'main', evaluationRef: 'e6' }]);
    assert.deepEqual(states(data, 'a', 'b'), { a: 'aborted', b: 'aborted' });
    assert.deepEqual(cellOutputs(data, 0, 1), [
      { kind: 'error', name: 'TypeError', message: 'bad', stack: 'TypeError: bad\n    at cell:1:1' },
    ]);
  });

  test('lets the next evaluation start the container afresh', () => {
    const down = replay(evaluatedSession(notebook), { type: 'containerDown', containerRef: 'main' });
    const { actions } = applyAndRun(down, { type: 'queueCellEvaluation', cellId: 'b' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: null, code: 'const x = 1', language: 'js' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e6', code: 'const y = 2', language: 'js' },
    ]);
  });

  test('returns an error without a runtime', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'containerDown', containerRef: 'main' }), 'no runtime is connected');
  });
});
