/**
 * The renderer's store and what is typed into an editor: the source reaches the state once typing
 * pauses, never later than a run, a save or a backup reads it, and the document is marked unsaved
 * at the first key.
 */

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { TesseraBridge } from '../../common/bridge/contract.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { NotebookStore } from '../../renderer/session/notebook-store.ts';

const notebook: Notebook = {
  title: 'Typing',
  setup: { id: 's0', title: '', metadata: {}, cells: [{ kind: 'code', id: 'c1', language: 'ts', source: '1 + 1', metadata: {}, outputs: [] }] },
  sections: [],
  metadata: {},
  saveOutputs: false,
};

/** A host that answers every request at once, and remembers what it was asked. */
function fakeBridge() {
  const calls: { channel: string; args: unknown[] }[] = [];
  const bridge = {
    invoke: (channel: string, ...args: unknown[]) => {
      calls.push({ channel, args });
      return Promise.resolve(channel === 'runtime.status' ? { state: 'disconnected' } : undefined);
    },
    on: () => () => {},
  } as unknown as TesseraBridge;
  return { bridge, calls };
}

const sourceOf = (store: NotebookStore) => store.getState().data.notebook.setup.cells[0]?.source;

describe('typing into a cell', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());

  test('marks the document unsaved at once, and gives the state its source once typing pauses', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    let changes = 0;
    store.onDocumentChanged(() => changes++);
    store.editCell('c1', '1 + 12');
    assert.equal(store.getState().dirty, true);
    assert.equal(sourceOf(store), '1 + 1');
    assert.equal(store.pendingSource('c1'), '1 + 12');
    mock.timers.tick(100);
    store.editCell('c1', '1 + 123');
    mock.timers.tick(249);
    assert.equal(sourceOf(store), '1 + 1');
    mock.timers.tick(1);
    assert.equal(sourceOf(store), '1 + 123');
    assert.equal(store.pendingSource('c1'), undefined);
    assert.equal(changes, 1);
  });

  test('tells its subscribers at the first key of a cell, once, so the cell can show as edited', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    store.editCell('c1', '1 + 12');
    let updates = 0;
    store.subscribe(() => updates++);
    store.editCell('c1', '1 + 123');
    assert.equal(updates, 0, 'a further key in the same cell tells nobody');
    mock.timers.tick(250);
    const afterPause = updates;
    store.editCell('c1', '1 + 1234');
    assert.equal(updates, afterPause + 1, 'the first key after a pause, with the document already unsaved, does');
    assert.equal(store.pendingSource('c1'), '1 + 1234');
  });

  test('gives the state its source at least every second while typing goes on', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    let typed = '1 + 1';
    for (let key = 0; key < 12; key++) {
      typed += '0';
      store.editCell('c1', typed);
      mock.timers.tick(100);
    }
    assert.notEqual(sourceOf(store), '1 + 1');
    assert.ok(typed.startsWith(sourceOf(store) ?? '?'));
  });

  test('a save or a backup writes what was typed', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    store.editCell('c1', 'const typed = 2');
    assert.match(store.serialize(), /const typed = 2/);
    assert.equal(store.pendingSource('c1'), undefined);
  });

  test('a change made while a save was under way stays unsaved; a save of what is there is clean', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    store.editCell('c1', 'const saved = 1');
    const content = store.serialize('/notes/a.tsnb');
    const saved = store.getState().data.notebook;
    store.setTitle('Changed while saving');
    store.markSaved('/notes/a.tsnb', saved, content);
    assert.equal(store.getState().dirty, true);
    store.setTitle('Typing');
    store.markSaved('/notes/a.tsnb', saved, content);
    assert.equal(store.getState().dirty, false, 'the same text as the file: nothing unsaved');
  });

  test('leaving the editor applies what was typed', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    store.editCell('c1', '2 + 2');
    store.focusCell('c1', false);
    assert.equal(sourceOf(store), '2 + 2');
  });

  test('opening another document drops what was typed in the one it replaces', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    store.editCell('c1', 'lost');
    store.load({ path: null, content: '# Other\n', trusted: true }, { dirty: false });
    mock.timers.tick(2000);
    assert.equal(store.getState().data.notebook.title, 'Other');
    assert.equal(store.getState().dirty, false);
  });

  test('a model set from the state, reporting its own text back, changes nothing', () => {
    const store = new NotebookStore(fakeBridge().bridge, notebook, null);
    store.editCell('c1', '1 + 1');
    assert.equal(store.getState().dirty, false);
    assert.equal(store.pendingSource('c1'), undefined);
  });
});

describe('running a cell just typed into', () => {
  test('sends the source as typed', async () => {
    const { bridge, calls } = fakeBridge();
    const store = new NotebookStore(bridge, notebook, null);
    store.editCell('c1', '40 + 2');
    store.runCell('c1');
    // The runtime connects first (a resolved promise here), then the evaluation is sent.
    await new Promise((resolve) => setImmediate(resolve));
    const evaluate = calls.find((call) => call.channel === 'runtime.evaluate');
    assert.equal((evaluate?.args[0] as { code: string } | undefined)?.code, '40 + 2');
  });
});
