import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newSessionData, sourceChanged } from '../../../common/session/data.ts';
import {
  apply,
  applyAndRun,
  evaluatedCode,
  evaluatedSession,
  rejection,
  replay,
  runToIdle,
  states,
  sampleNotebook,
} from './support.ts';

const notebook = sampleNotebook;

describe('restoreFromBin', () => {
  test('puts a deleted code cell back where it was, fresh', () => {
    const before = evaluatedSession(notebook);
    const deleted = replay(before, { type: 'deleteCell', cellId: 'b' });
    const { data, actions } = apply(deleted, { type: 'restoreFromBin', id: 'b' });
    assert.deepEqual(data.notebook.sections[0], before.notebook.sections[0]);
    assert.deepEqual(data.notebook.bin, []);
    assert.deepEqual(data.cells.get('b'), {
      validity: 'fresh',
      queued: false,
      sourceDigest: before.cells.get('b')?.sourceDigest,
      evaluatedDigest: null,
      evaluation: null,
    });
    assert.equal(sourceChanged(data.cells.get('b')!), false);
    // c took y from the forgotten evaluation of b: it stays stale until it runs again.
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'evaluated', b: 'fresh', c: 'stale' });
    assert.deepEqual(actions, []);
  });

  test('runs a restored cell before the cells below it', () => {
    const restored = replay(evaluatedSession(notebook), { type: 'deleteCell', cellId: 'b' }, { type: 'restoreFromBin', id: 'b' });
    const { data, actions } = applyAndRun(restored, { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: 'e1', code: 'const y = 2', language: 'js' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e6', code: 'x + y', language: 'js' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e3' },
    ]);
    assert.deepEqual(states(data, 'b', 'c'), { b: 'evaluated', c: 'evaluated' });
  });

  test('puts a deleted section back with its code cells fresh', () => {
    const before = evaluatedSession(notebook);
    const deleted = replay(before, { type: 'deleteSection', sectionId: 's1' });
    const { data, actions } = apply(deleted, { type: 'restoreFromBin', id: 's1' });
    assert.deepEqual(data.notebook.sections, before.notebook.sections);
    assert.deepEqual(data.notebook.bin, []);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'fresh',
      b: 'fresh',
      c: 'fresh',
      d: 'evaluated',
      e: 'stale',
    });
    assert.deepEqual(actions, []);
  });

  test('restores a cell deleted while it ran, which runs again once the old evaluation answers', () => {
    const running = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'e' });
    const restored = replay(running.data, { type: 'deleteCell', cellId: 'e' }, { type: 'restoreFromBin', id: 'e' });
    assert.deepEqual(states(restored, 'e'), { e: 'fresh' });
    const queued = replay(restored, { type: 'queueCellEvaluation', cellId: 'e' });
    assert.deepEqual(states(queued, 'e'), { e: 'queued' });
    const { data, actions } = runToIdle(queued, running.actions);
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: 'e4', code: 'x * 2', language: 'js' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e6' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e4', code: 'x * 2', language: 'js' },
    ]);
    assert.deepEqual(states(data, 'e'), { e: 'evaluated' });
  });

  test('returns an error given an id that is not in the bin', () => {
    const data = replay(newSessionData(notebook), { type: 'deleteCell', cellId: 'b' });
    assert.equal(rejection(data, { type: 'restoreFromBin', id: 'a' }), 'nothing with id a in the bin');
    assert.equal(rejection(data, { type: 'restoreFromBin', id: 'nope' }), 'nothing with id nope in the bin');
  });
});

describe('emptyBin', () => {
  test('forgets what is in the bin, which can no longer be restored', () => {
    const deleted = replay(evaluatedSession(notebook), { type: 'deleteCell', cellId: 'b' }, { type: 'deleteSection', sectionId: 's2' });
    const { data, actions } = apply(deleted, { type: 'emptyBin' });
    assert.deepEqual(data.notebook.bin, []);
    assert.equal(data.cells, deleted.cells);
    assert.deepEqual(actions, []);
    assert.equal(rejection(data, { type: 'restoreFromBin', id: 'b' }), 'nothing with id b in the bin');
  });
});
