import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
  sampleNotebook,
  interruptedAnswer,
} from './support.ts';

const notebook = sampleNotebook;

describe('insertSection', () => {
  test('adds a section whose code cells are fresh', () => {
    const { data, actions } = apply(evaluatedSession(notebook), {
      type: 'insertSection',
      index: 1,
      section: section('s3', [markdown('n', 'More'), code('f', 'const x = 5')]),
    });
    assert.deepEqual(
      data.notebook.sections.map((candidate) => candidate.id),
      ['s1', 's3', 's2'],
    );
    assert.deepEqual(states(data, 'a', 'c', 'd', 'e', 'f', 'n'), {
      a: 'evaluated',
      c: 'evaluated',
      d: 'evaluated',
      e: 'evaluated',
      f: 'fresh',
      n: undefined,
    });
    assert.deepEqual(actions, []);
  });

  test('runs the fresh cells of a section inserted above before a cell below', () => {
    const inserted = replay(evaluatedSession(notebook), {
      type: 'insertSection',
      index: 1,
      section: section('s3', [code('f', 'const w = 5')]),
    });
    const { data, actions } = applyAndRun(inserted, { type: 'queueCellEvaluation', cellId: 'e' });
    assert.deepEqual(evaluatedCode(actions), ['const w = 5', 'const z = 3', 'x * 2']);
    assert.deepEqual(states(data, 'f', 'd', 'e'), { f: 'evaluated', d: 'evaluated', e: 'evaluated' });
  });

  test('returns an error given an index out of range or an id that is taken', () => {
    const data = newSessionData(notebook);
    assert.equal(
      rejection(data, { type: 'insertSection', index: 3, section: section('s3', []) }),
      'no index 3 among the sections',
    );
    assert.equal(
      rejection(data, { type: 'insertSection', index: 0, section: section('s1', []) }),
      'an id of section s1 or of its cells is taken',
    );
    assert.equal(
      rejection(data, { type: 'insertSection', index: 0, section: section('s3', [code('a', '')]) }),
      'an id of section s3 or of its cells is taken',
    );
  });
});

describe('deleteSection', () => {
  test('puts the section in the bin and forgets the evaluations of its cells', () => {
    const before = evaluatedSession(notebook);
    const { data, actions } = apply(before, { type: 'deleteSection', sectionId: 's1' });
    assert.deepEqual(actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e1' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e2' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e3' },
    ]);
    assert.deepEqual(
      data.notebook.sections.map((candidate) => candidate.id),
      ['s2'],
    );
    assert.deepEqual(data.notebook.bin, [{ kind: 'section', section: before.notebook.sections[0], index: 0 }]);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: undefined,
      b: undefined,
      c: undefined,
      d: 'evaluated',
      e: 'stale',
    });
    assert.deepEqual([...data.cells.keys()], ['d', 'e']);
  });

  test('leaves evaluated the cells above, which take no name from it', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'deleteSection', sectionId: 's2' });
    assert.deepEqual(actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e4' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e5' },
    ]);
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'evaluated', b: 'evaluated', c: 'evaluated' });
  });

  test('interrupts a running cell of the section and forgets its evaluation once it answers', () => {
    const { data: running } = apply(evaluatedSession(notebook), { type: 'queueCellEvaluation', cellId: 'e' });
    const { data, actions } = apply(running, { type: 'deleteSection', sectionId: 's2' });
    assert.deepEqual(actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e4' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e5' },
      { type: 'interrupt', containerRef: 'main' },
    ]);
    const answered = apply(data, interruptedAnswer('e6'));
    assert.deepEqual(answered.actions, [{ type: 'forget', containerRef: 'main', evaluationRef: 'e6' }]);
    assert.equal(answered.data.containers.size, 0);
  });

  test('takes its cells out of the queue and leaves queued the cells above', () => {
    const { data: running } = apply(
      replay(evaluatedSession(notebook), { type: 'editCell', cellId: 'a', source: 'const x = 10' }),
      { type: 'queueCellEvaluation', cellId: 'e' },
    );
    assert.deepEqual(states(running, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluating',
      b: 'queued',
      c: 'queued',
      d: 'queued',
      e: 'queued',
    });
    const { data, actions } = apply(running, { type: 'deleteSection', sectionId: 's2' });
    assert.deepEqual(actions, [
      { type: 'forget', containerRef: 'main', evaluationRef: 'e4' },
      { type: 'forget', containerRef: 'main', evaluationRef: 'e5' },
    ]);
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluating',
      b: 'queued',
      c: 'queued',
      d: undefined,
      e: undefined,
    });
  });

  test('returns an error given the setup section or an unknown section', () => {
    const data = newSessionData(notebook);
    assert.equal(rejection(data, { type: 'deleteSection', sectionId: 'setup' }), 'the setup section cannot be deleted');
    assert.equal(rejection(data, { type: 'deleteSection', sectionId: 'nope' }), 'no section nope');
  });
});

describe('moveSection', () => {
  test('marks stale the cells of a section moved above the cells they take names from', () => {
    const { data, actions } = apply(evaluatedSession(notebook), { type: 'moveSection', sectionId: 's2', index: 0 });
    assert.deepEqual(
      data.notebook.sections.map((candidate) => candidate.id),
      ['s2', 's1'],
    );
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'evaluated',
      d: 'evaluated',
      e: 'stale',
    });
    assert.deepEqual(actions, []);
  });

  test('marks stale the cells that took a name from a section moved below them', () => {
    const three = notebookOf(
      section('s1', [code('a', 'const x = 1')]),
      section('s2', [code('b', 'x + 1')]),
      section('s3', [code('c', 'const y = 2')]),
    );
    const data = replay(evaluatedSession(three), { type: 'moveSection', sectionId: 's1', index: 1 });
    assert.deepEqual(
      data.notebook.sections.map((candidate) => candidate.id),
      ['s2', 's1', 's3'],
    );
    assert.deepEqual(states(data, 'a', 'b', 'c'), { a: 'evaluated', b: 'stale', c: 'evaluated' });
  });

  test('re-runs every cell from the first one whose chain changed', () => {
    const moved = replay(evaluatedSession(notebook), { type: 'moveSection', sectionId: 's2', index: 0 });
    const { data, actions } = applyAndRun(moved, { type: 'queueAllEvaluation' });
    assert.deepEqual(evaluatedCode(actions), ['const z = 3', 'x * 2', 'const x = 1', 'const y = 2', 'x + y']);
    assert.deepEqual(actions[0], {
      type: 'evaluate',
      containerRef: 'main',
      evaluationRef: 'e6',
      prevEvaluationRef: null,
      code: 'const z = 3',
      language: 'js',
    });
    assert.deepEqual(states(data, 'a', 'b', 'c', 'd', 'e'), {
      a: 'evaluated',
      b: 'evaluated',
      c: 'evaluated',
      d: 'evaluated',
      e: 'evaluated',
    });
  });

  test('returns an error given the setup section, an unknown section or an index out of range', () => {
    const data = newSessionData(notebook);
    assert.equal(rejection(data, { type: 'moveSection', sectionId: 'setup', index: 0 }), 'the setup section cannot be moved');
    assert.equal(rejection(data, { type: 'moveSection', sectionId: 'nope', index: 0 }), 'no section nope');
    assert.equal(rejection(data, { type: 'moveSection', sectionId: 's1', index: 2 }), 'no index 2 among the sections');
  });
});

describe('renameSection', () => {
  test('sets the title as one trimmed line and leaves evaluation alone', () => {
    const before = evaluatedSession(notebook);
    const { data, actions } = apply(before, { type: 'renameSection', sectionId: 's2', title: ' More\nsums ' });
    assert.equal(data.notebook.sections[1]?.title, 'More sums');
    assert.equal(data.cells, before.cells);
    assert.deepEqual(actions, []);
  });

  test('returns an error given the setup section or an unknown section', () => {
    const data = newSessionData(notebook);
    assert.equal(rejection(data, { type: 'renameSection', sectionId: 'setup', title: 'T' }), 'the setup section has no title');
    assert.equal(rejection(data, { type: 'renameSection', sectionId: 'nope', title: 'T' }), 'no section nope');
  });
});
