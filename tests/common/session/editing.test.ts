import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newSessionData, sourceChanged } from '../../../common/session/data.ts';
import {
  apply,
  applyAndRun,
  code,
  evaluatedSession,
  markdown,
  notebookOf,
  rejection,
  replay,
  runToIdle,
  section,
  states,
  sampleNotebook,
  interruptedAnswer,
} from './support.ts';

const notebook = sampleNotebook;

describe('insertCell', () => {
  test('adds a fresh code cell', () => {
    const { data, actions } = apply(newSessionData(notebook), {
      type: 'insertCell',
      sectionId: 's1',
      index: 1,
      cell: code('n', 'const w = 0'),
    });
    assert.deepEqual(
      data.notebook.sections[0]?.cells.map((cell) => cell.id),
      ['a', 'n', 'b', 'm', 'c'],
    );
    assert.deepEqual(states(data, 'n'), { n: 'fresh' });
    assert.deepEqual(actions, []);
  });

  test('leaves evaluated cells evaluated', () => {
    const { data, actions } = apply(evaluatedSession(notebook), {
      type: 'insertCell',
      sectionId: 's1',
      index: 1,
      cell: code('n', 'const x = 0'),
    });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e', 'n'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'evaluated',
      d: 'evaluated',
      e: 'evaluated',
      n: 'fresh',
    });
    assert.deepEqual(actions, []);
  });

  test('adds a markdown cell to the setup section', () => {
    const { data } = apply(newSessionData(notebook), {
      type: 'insertCell',
      sectionId: 'setup',
      index: 0,
      cell: markdown('n', 'Intro'),
    });
    assert.deepEqual(
      data.notebook.setup.cells.map((cell) => cell.id),
      ['n'],
    );
    assert.equal(data.cells.has('n'), false);
  });

  test('returns an error given an id that exists', () => {
    const reason = rejection(newSessionData(notebook), {
      type: 'insertCell',
      sectionId: 's2',
      index: 0,
      cell: code('a', ''),
    });
    assert.equal(reason, 'the id a is taken');
  });

  test('returns an error given the id of a cell in the bin', () => {
    const deleted = replay(newSessionData(notebook), { type: 'deleteCell', cellId: 'a' });
    const reason = rejection(deleted, { type: 'insertCell', sectionId: 's2', index: 0, cell: code('a', '') });
    assert.equal(reason, 'the id a is taken');
  });

  test('returns an error given an unknown section or an index out of range', () => {
    const data = newSessionData(notebook);
    assert.equal(rejection(data, { type: 'insertCell', sectionId: 'nope', index: 0, cell: code('n', '') }), 'no section nope');
    assert.equal(rejection(data, { type: 'insertCell', sectionId: 's2', index: 3, cell: code('n', '') }), 'no index 3 in section s2');
  });
});

describe('editCell', () => {
  test('marks dependent cells stale when a cell above is edited', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'editCell', cellId: 'a', source: 'const x = 10' });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'stale',
    });
    assert.deepEqual(actions, []);
  });

  test('marks the edited cell changed since it last ran', () => {
    const data = replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'b', source: 'const y = 20' });
    assert.equal(sourceChanged(data.cells.get('b')!), true);
    assert.equal(sourceChanged(data.cells.get('a')!), false);
    assert.equal(data.notebook.sections[0]?.cells[1]?.source, 'const y = 20');
  });

  test('makes dependents evaluated again when the edit is undone', () => {
    const data = replay(
      evaluatedSession(notebook),
      { type: 'editCell', cellId: 'a', source: 'const x = 10' },
      { type: 'editCell', cellId: 'a', source: 'const x = 1' },
    );
    assert.deepEqual(states(data, 'c', 'e'), { c: 'evaluated', e: 'evaluated' });
    assert.equal(sourceChanged(data.cells.get('a')!), false);
  });

  test('marks cells stale transitively through the names of stale cells', () => {
    const chain = notebookOf(
      section('s', [code('a', 'const x = 1'), code('b', 'const y = x + 1'), code('c', 'y * 2'), code('d', 'const w = 5')]),
    );
    const data = replay(evaluatedSession(chain), { type: 'editCell', cellId: 'a', source: 'const x = 2' });
    assert.deepEqual(states(data, 'b', 'c', 'd'), { b: 'stale', c: 'stale', d: 'evaluated' });
  });

  test('leaves evaluated a cell that takes the name from a cell in between', () => {
    const shadowed = notebookOf(section('s', [code('a', 'const x = 1'), code('b', 'const x = 2'), code('c', 'x + 1')]));
    const data = replay(evaluatedSession(shadowed), { type: 'editCell', cellId: 'a', source: 'const x = 3' });
    assert.deepEqual(states(data, 'b', 'c'), { b: 'evaluated', c: 'evaluated' });
  });

  test('marks a running cell changed once it answers, and its dependents stale', () => {
    const running = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'a' });
    const edited = replay(running.data, { type: 'editCell', cellId: 'a', source: 'const x = 10' });
    const { data } = runToIdle(edited, running.actions);
    assert.deepEqual(states(data, 'a', 'c'), { a: 'evaluated', c: 'stale' });
    assert.equal(sourceChanged(data.cells.get('a')!), true);
  });

  test('queues an edited cell above a queued cell before it', () => {
    const { data: running } = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'd' });
    const { data, actions } = apply(
      replay(running, { type: 'queueCellEvaluation', cellId: 'e' }),
      { type: 'editCell', cellId: 'b', source: 'const y = 20' },
    );
    assert.deepEqual(states(data, 'b', 'c', 'd', 'e'), { b: 'queued', c: 'queued', d: 'evaluating', e: 'queued' });
    assert.deepEqual(actions, []);
  });

  test('leaves a cell unchanged when only its line breaks differ', () => {
    const multiline = notebookOf(section('s', [code('a', 'const x = 1\nconst y = 2'), code('b', 'x + y')]));
    const { data, actions } = apply(evaluatedSession(multiline), {
      type: 'editCell',
      cellId: 'a',
      source: 'const x = 1\r\nconst y = 2',
    });
    assert.equal(data.notebook.sections[0]?.cells[0]?.source, 'const x = 1\nconst y = 2');
    assert.equal(sourceChanged(data.cells.get('a')!), false);
    assert.deepEqual(states(data, 'a', 'b'), { a: 'evaluated', b: 'evaluated' });
    assert.deepEqual(actions, []);
  });

  test('edits a markdown cell without touching evaluation', () => {
    const before = evaluatedSession(notebook);
    const { data } = apply(before, { type: 'editCell', cellId: 'm', source: 'More notes' });
    assert.equal(data.notebook.sections[0]?.cells[2]?.source, 'More notes');
    assert.equal(data.cells, before.cells);
  });

  test('returns an error given an unknown cell', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'editCell', cellId: 'nope', source: '' }), 'no cell nope');
  });
});

describe('setCellLanguage', () => {
  test('marks the cell changed since it last ran and its dependents stale', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'setCellLanguage', cellId: 'a', language: 'ts' });
    assert.deepEqual(data.notebook.sections[0]?.cells[0], { ...code('a', 'const x = 1', 'ts'), outputs: [{ kind: 'value', text: 'undefined' }], executionCount: 1 });
    assert.equal(sourceChanged(data.cells.get('a')!), true);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'stale',
    });
    assert.deepEqual(actions, []);
  });

  test('makes dependents evaluated again when the language is set back', () => {
    const data = replay(
      evaluatedSession(notebook),
      { type: 'setCellLanguage', cellId: 'a', language: 'ts' },
      { type: 'setCellLanguage', cellId: 'a', language: 'js' },
    );
    assert.equal(sourceChanged(data.cells.get('a')!), false);
    assert.deepEqual(states(data, 'c', 'e'), { c: 'evaluated', e: 'evaluated' });
  });

  test('runs the cell in its new language', () => {
    const changed = replay(evaluatedSession(notebook), { type: 'setCellLanguage', cellId: 'd', language: 'ts' });
    const { data, actions } = applyAndRun(changed, { type: 'queueCellEvaluation', cellId: 'd' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: 'e3', code: 'const z = 3', language: 'ts' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e4' },
    ]);
    assert.equal(sourceChanged(data.cells.get('d')!), false);
  });

  test('returns an error given a markdown cell or an unknown cell', () => {
    const data = newSessionData(notebook);
    assert.equal(rejection(data, { type: 'setCellLanguage', cellId: 'm', language: 'ts' }), 'cell m is not a code cell');
    assert.equal(rejection(data, { type: 'setCellLanguage', cellId: 'nope', language: 'ts' }), 'no cell nope');
  });
});

describe('clearCellOutputs', () => {
  test('removes the outputs of a code cell and leaves its state alone', () => {
    const before = evaluatedSession(notebook);
    const { data, actions } = apply(before, { type: 'clearCellOutputs', cellId: 'c' });
    assert.deepEqual(data.notebook.sections[0]?.cells[3], { ...code('c', 'x + y'), executionCount: 3 });
    assert.equal(data.cells, before.cells);
    assert.deepEqual(actions, []);
  });

  test('keeps what a running evaluation prints afterwards', () => {
    const { data: running } = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'a' });
    const printed = (text: string) =>
      ({ type: 'outputReceived', containerRef: 'main', evaluationRef: 'e6', outputs: [{ kind: 'text', stream: 'stdout', text }] }) as const;
    const data = replay(running, printed('one\n'), { type: 'clearCellOutputs', cellId: 'a' }, printed('two\n'));
    assert.deepEqual(data.notebook.sections[0]?.cells[0], { ...code('a', 'const x = 1'), outputs: [{ kind: 'text', stream: 'stdout', text: 'two\n' }], executionCount: 6 });
    assert.deepEqual(states(data, 'a'), { a: 'evaluating' });
  });

  test('returns an error given a markdown cell or an unknown cell', () => {
    const data = newSessionData(notebook);
    assert.equal(rejection(data, { type: 'clearCellOutputs', cellId: 'm' }), 'cell m is not a code cell');
    assert.equal(rejection(data, { type: 'clearCellOutputs', cellId: 'nope' }), 'no cell nope');
  });
});

describe('setCellKind', () => {
  test('a code cell made Markdown keeps its place, id and source, and its evaluation is forgotten', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'setCellKind', cellId: 'a', kind: 'markdown', language: 'js' });
    assert.deepEqual(data.notebook.sections[0]?.cells[0], { kind: 'markdown', id: 'a', source: 'const x = 1', metadata: {} });
    assert.deepEqual(actions, [{ type: 'forget', containerRef: 'main', evaluationRef: 'e1' }]);
    assert.deepEqual(states(data, 'a', 'c'), { a: undefined, c: 'stale' });
    assert.equal(data.notebook.bin, undefined, 'nothing goes to the bin');
  });

  test('a Markdown cell made code comes in fresh, in the language given', () => {
    const { data } = apply(evaluatedSession(notebook), { type: 'setCellKind', cellId: 'm', kind: 'code', language: 'ts' });
    assert.deepEqual(data.notebook.sections[0]?.cells[2], { kind: 'code', id: 'm', language: 'ts', source: 'Notes', metadata: {}, outputs: [] });
    assert.deepEqual(states(data, 'm', 'c'), { m: 'fresh', c: 'evaluated' });
  });

  test('is rejected for an unknown cell', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'setCellKind', cellId: 'nope', kind: 'code', language: 'js' }), 'no cell nope');
  });
});

describe('deleteCell', () => {
  test('puts the cell in the bin with where it was', () => {
    const before = evaluatedSession(notebook);
    const { data } = apply(before, { type: 'deleteCell', cellId: 'b' });
    assert.deepEqual(
      data.notebook.sections[0]?.cells.map((cell) => cell.id),
      ['a', 'm', 'c'],
    );
    assert.deepEqual(data.notebook.bin, [{ kind: 'cell', cell: before.notebook.sections[0]?.cells[1], sectionId: 's1', index: 1 }]);
  });

  test('forgets the evaluation of the cell and marks its dependents stale', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'deleteCell', cellId: 'a' });
    assert.deepEqual(actions, [{ type: 'forget', containerRef: 'main', evaluationRef: 'e1' }]);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: undefined,
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'stale',
    });
  });

  test('re-runs the cell below, which started from the deleted evaluation, before the cells under it', () => {
    const deleted = replay(evaluatedSession(notebook), { type: 'deleteCell', cellId: 'a' });
    const { actions } = applyAndRun(deleted, { type: 'queueCellEvaluation', cellId: 'c' });
    assert.deepEqual(actions, [
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e6', prevEvaluationRef: null, code: 'const y = 2', language: 'js' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e2' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e6', code: 'x + y', language: 'js' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e3' },
    ]);
  });

  test('interrupts a cell that is evaluating and forgets its evaluation once it answers', () => {
    const { data: running } = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'e' });
    const { data, actions } = apply(running, { type: 'deleteCell', cellId: 'e' });
    assert.deepEqual(actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e5' },
      { type: 'interrupt', containerRef: 'main' },
    ]);
    const answered = apply(data, interruptedAnswer('e6'));
    assert.deepEqual(answered.actions, [{ type: 'forget', containerRef: 'main', evaluationRef: 'e6' }]);
    assert.equal(answered.data.containers.size, 0);
  });

  test('sends the next queued cell once the deleted running cell answers', () => {
    const { data: running } = apply(
      replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'd', source: 'const z = 4' }),
      { type: 'queueCellEvaluation', cellId: 'e' },
    );
    assert.deepEqual(states(running, 'd', 'e'), { d: 'evaluating', e: 'queued' });
    const deleted = replay(running, { type: 'deleteCell', cellId: 'd' });
    const { actions } = apply(deleted, {
      type: 'evaluationResponded',
      containerRef: 'main',
      evaluationRef: 'e6',
      result: { ok: true, value: { text: 'undefined' } },
      metadata: { durationMs: 5, defined: ['z'], used: [] },
    });
    assert.deepEqual(actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e6' },
      { type: 'evaluate', containerRef: 'main', evaluationRef: 'e7', prevEvaluationRef: 'e3', code: 'x * 2', language: 'js' },
    ]);
  });

  test('deletes a fresh cell and a markdown cell with no actions', () => {
    const data = newSessionData(notebook);
    assert.deepEqual(apply(data, { type: 'deleteCell', cellId: 'b' }).actions, []);
    assert.deepEqual(apply(data, { type: 'deleteCell', cellId: 'm' }).actions, []);
    assert.equal(apply(data, { type: 'deleteCell', cellId: 'b' }).data.cells.has('b'), false);
  });

  test('returns an error given an unknown cell', () => {
    assert.equal(rejection(newSessionData(notebook), { type: 'deleteCell', cellId: 'nope' }), 'no cell nope');
  });
});

describe('moveCell', () => {
  test('marks stale a cell moved above the cell that defines a name it uses', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'moveCell', cellId: 'c', sectionId: 's1', index: 0 });
    assert.deepEqual(
      data.notebook.sections[0]?.cells.map((cell) => cell.id),
      ['c', 'a', 'b', 'm'],
    );
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'evaluated',
    });
    assert.deepEqual(actions, []);
  });

  test('marks stale the cells that took a name from a cell moved below them', () => {
    const data = replay(evaluatedSession(notebook), { type: 'moveCell', cellId: 'a', sectionId: 's2', index: 1 });
    assert.deepEqual(
      data.notebook.sections[1]?.cells.map((cell) => cell.id),
      ['d', 'a', 'e'],
    );
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'stale',
      d: 'evaluated',
      e: 'evaluated',
    });
  });

  test('returns an error given an unknown cell, an unknown section or an index out of range', () => {
    const data = newSessionData(notebook);
    assert.equal(rejection(data, { type: 'moveCell', cellId: 'nope', sectionId: 's1', index: 0 }), 'no cell nope');
    assert.equal(rejection(data, { type: 'moveCell', cellId: 'a', sectionId: 'nope', index: 0 }), 'no section nope');
    assert.equal(rejection(data, { type: 'moveCell', cellId: 'a', sectionId: 's1', index: 4 }), 'no index 4 in section s1');
  });
});

describe('renameNotebook', () => {
  test('sets the title as one trimmed line and leaves evaluation alone', () => {
    const before = evaluatedSession(notebook);
    const { data, actions } = apply(before, { type: 'renameNotebook', title: '  Sums\nof numbers ' });
    assert.equal(data.notebook.title, 'Sums of numbers');
    assert.equal(data.cells, before.cells);
    assert.deepEqual(actions, []);
  });
});

describe('setSaveOutputs', () => {
  test('sets whether saving writes outputs and leaves evaluation alone', () => {
    const before = evaluatedSession(notebook);
    const { data, actions } = apply(before, { type: 'setSaveOutputs', saveOutputs: true });
    assert.equal(data.notebook.saveOutputs, true);
    assert.equal(replay(data, { type: 'setSaveOutputs', saveOutputs: false }).notebook.saveOutputs, false);
    assert.equal(data.cells, before.cells);
    assert.deepEqual(actions, []);
  });
});
