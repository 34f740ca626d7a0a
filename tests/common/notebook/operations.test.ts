import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import type { Notebook } from '../../../common/notebook/model.ts';
import {
  createCodeCell,
  createMarkdownCell,
  createNotebook,
  createSection,
  deleteCell,
  deleteSection,
  editCell,
  emptyBin,
  findCell,
  findCellPlace,
  findSection,
  getCell,
  getSection,
  insertCell,
  insertSection,
  moveCell,
  moveSection,
  renameNotebook,
  renameSection,
  restoreFromBin,
  setCellLanguage,
  setCellOutputs,
  setSaveOutputs,
  type EditResult,
} from '../../../common/notebook/operations.ts';

/** The notebook an edit gave; a rejection fails the test loudly. */
function applied(result: EditResult): Notebook {
  if (!result.ok) assert.fail(`rejected: ${result.reason}`);
  return result.notebook;
}

/**
 * A notebook built by replaying edits: setup cells a (Markdown) and b (js), section s1 with c (ts),
 * section s2 empty.
 */
function sample(): Notebook {
  const ids = sequentialIds('id');
  let notebook = createNotebook(() => 'setup', 'Sample');
  notebook = applied(insertCell(notebook, 'setup', 0, { ...createMarkdownCell(ids, 'Intro'), id: 'a' }));
  notebook = applied(insertCell(notebook, 'setup', 1, { ...createCodeCell(ids, 'js', 'let x = 1'), id: 'b' }));
  notebook = applied(insertSection(notebook, 0, { ...createSection(ids, 'One'), id: 's1' }));
  notebook = applied(insertSection(notebook, 1, { ...createSection(ids, 'Two'), id: 's2' }));
  return applied(insertCell(notebook, 's1', 0, { ...createCodeCell(ids, 'ts', 'x + 1'), id: 'c' }));
}

const cellIds = (notebook: Notebook): string[][] =>
  [notebook.setup, ...notebook.sections].map((section) => section.cells.map((cell) => cell.id));

describe('createNotebook', () => {
  test('makes an empty notebook whose setup section has an id from newId', () => {
    const notebook = createNotebook(sequentialIds('n'), '  My\nnotebook ');
    assert.deepEqual(notebook, {
      title: 'My notebook',
      setup: { id: 'n1', title: '', cells: [], metadata: {} },
      sections: [],
      metadata: {},
      saveOutputs: false,
    });
  });
});

describe('createCodeCell', () => {
  test('makes a code cell with an id from newId and \\n line breaks', () => {
    assert.deepEqual(createCodeCell(sequentialIds('c'), 'ts', 'a\r\nb\rc'), {
      kind: 'code',
      id: 'c1',
      language: 'ts',
      source: 'a\nb\nc',
      metadata: {},
      outputs: [],
    });
  });
});

describe('findCell', () => {
  test('finds a cell in any section', () => {
    assert.equal(findCell(sample(), 'c')?.source, 'x + 1');
  });

  test('returns undefined for an unknown id', () => {
    assert.equal(findCell(sample(), 'nope'), undefined);
  });

  test('tells where the cell is', () => {
    const place = findCellPlace(sample(), 'b');
    assert.equal(place?.section.id, 'setup');
    assert.equal(place?.index, 1);
  });
});

describe('getCell', () => {
  test('returns the cell', () => {
    assert.equal(getCell(sample(), 'a').kind, 'markdown');
  });

  test('throws for an unknown id, which is a bug of the caller', () => {
    assert.throws(() => getCell(sample(), 'nope'), /No cell nope/);
  });
});

describe('findSection', () => {
  test('finds the setup section and titled sections', () => {
    assert.equal(findSection(sample(), 'setup')?.title, '');
    assert.equal(findSection(sample(), 's2')?.title, 'Two');
    assert.equal(findSection(sample(), 'nope'), undefined);
  });
});

describe('getSection', () => {
  test('throws for an unknown id', () => {
    assert.equal(getSection(sample(), 's1').title, 'One');
    assert.throws(() => getSection(sample(), 'nope'), /No section nope/);
  });
});

describe('insertCell', () => {
  test('puts the cell at the index in the section', () => {
    const notebook = applied(insertCell(sample(), 'setup', 1, createMarkdownCell(() => 'new')));
    assert.deepEqual(cellIds(notebook), [['a', 'new', 'b'], ['c'], []]);
  });

  test('puts a cell at the end of an empty section', () => {
    const notebook = applied(insertCell(sample(), 's2', 0, createMarkdownCell(() => 'new')));
    assert.deepEqual(cellIds(notebook), [['a', 'b'], ['c'], ['new']]);
  });

  test('rejects an unknown section', () => {
    assert.deepEqual(insertCell(sample(), 'nope', 0, createMarkdownCell(() => 'new')), { ok: false, reason: 'unknown_section' });
  });

  test('rejects an index past the end', () => {
    assert.deepEqual(insertCell(sample(), 's1', 2, createMarkdownCell(() => 'new')), { ok: false, reason: 'index_out_of_range' });
    assert.deepEqual(insertCell(sample(), 's1', -1, createMarkdownCell(() => 'new')), { ok: false, reason: 'index_out_of_range' });
  });

  test('rejects an id already in use, in the notebook or in the bin', () => {
    assert.deepEqual(insertCell(sample(), 's1', 0, createMarkdownCell(() => 's2')), { ok: false, reason: 'duplicate_id' });
    const binned = applied(deleteCell(sample(), 'a'));
    assert.deepEqual(insertCell(binned, 's1', 0, createMarkdownCell(() => 'a')), { ok: false, reason: 'duplicate_id' });
  });

  test('leaves the notebook it was given unchanged', () => {
    const before = sample();
    const copy = structuredClone(before);
    applied(insertCell(before, 'setup', 0, createMarkdownCell(() => 'new')));
    assert.deepEqual(before, copy);
  });
});

describe('deleteCell', () => {
  test('takes the cell out and puts it in the bin with where it was', () => {
    const notebook = applied(deleteCell(sample(), 'b'));
    assert.deepEqual(cellIds(notebook), [['a'], ['c'], []]);
    assert.deepEqual(notebook.bin, [{ kind: 'cell', cell: getCell(sample(), 'b'), sectionId: 'setup', index: 1 }]);
  });

  test('puts the newest deletion first in the bin', () => {
    const notebook = applied(deleteCell(applied(deleteCell(sample(), 'a')), 'c'));
    assert.deepEqual(
      notebook.bin?.map((entry) => entry.kind === 'cell' && entry.cell.id),
      ['c', 'a'],
    );
  });

  test('rejects an unknown cell', () => {
    assert.deepEqual(deleteCell(sample(), 'nope'), { ok: false, reason: 'unknown_cell' });
  });
});

describe('restoreFromBin', () => {
  test('restores a deleted cell from the bin where it was', () => {
    const notebook = applied(restoreFromBin(applied(deleteCell(sample(), 'a')), 'a'));
    assert.deepEqual(cellIds(notebook), [['a', 'b'], ['c'], []]);
    assert.deepEqual(notebook.bin, []);
  });

  test('restores a cell to the end when its index is gone', () => {
    let notebook = applied(deleteCell(sample(), 'b'));
    notebook = applied(deleteCell(notebook, 'a'));
    notebook = applied(restoreFromBin(notebook, 'b'));
    assert.deepEqual(cellIds(notebook), [['b'], ['c'], []]);
  });

  test('restores a cell whose section was deleted into the setup section', () => {
    let notebook = applied(deleteCell(sample(), 'c'));
    notebook = applied(deleteSection(notebook, 's1'));
    notebook = applied(restoreFromBin(notebook, 'c'));
    assert.deepEqual(cellIds(notebook), [['c', 'a', 'b'], []]);
  });

  test('restores a deleted section with its cells', () => {
    const notebook = applied(restoreFromBin(applied(deleteSection(sample(), 's1')), 's1'));
    assert.deepEqual(notebook.sections.map((section) => section.id), ['s1', 's2']);
    assert.deepEqual(cellIds(notebook), [['a', 'b'], ['c'], []]);
  });

  test('rejects an id that is not in the bin', () => {
    assert.deepEqual(restoreFromBin(sample(), 'a'), { ok: false, reason: 'not_in_bin' });
  });
});

describe('emptyBin', () => {
  test('forgets what was deleted', () => {
    assert.deepEqual(emptyBin(applied(deleteCell(sample(), 'a'))).bin, []);
  });
});

describe('moveCell', () => {
  test('moves a cell within its section, the index counted without it', () => {
    const notebook = applied(moveCell(sample(), 'a', 'setup', 1));
    assert.deepEqual(cellIds(notebook), [['b', 'a'], ['c'], []]);
  });

  test('moves a cell to another section', () => {
    const notebook = applied(moveCell(sample(), 'b', 's2', 0));
    assert.deepEqual(cellIds(notebook), [['a'], ['c'], ['b']]);
  });

  test('rejects an unknown cell, an unknown section and an index past the end', () => {
    assert.deepEqual(moveCell(sample(), 'nope', 's1', 0), { ok: false, reason: 'unknown_cell' });
    assert.deepEqual(moveCell(sample(), 'a', 'nope', 0), { ok: false, reason: 'unknown_section' });
    assert.deepEqual(moveCell(sample(), 'a', 'setup', 2), { ok: false, reason: 'index_out_of_range' });
  });
});

describe('editCell', () => {
  test('replaces the source with \\n line breaks', () => {
    const notebook = applied(editCell(sample(), 'c', 'x +\r\n2'));
    assert.equal(getCell(notebook, 'c').source, 'x +\n2');
  });

  test('rejects an unknown cell', () => {
    assert.deepEqual(editCell(sample(), 'nope', ''), { ok: false, reason: 'unknown_cell' });
  });
});

describe('setCellLanguage', () => {
  test("changes a code cell's language", () => {
    const cell = getCell(applied(setCellLanguage(sample(), 'b', 'ts')), 'b');
    assert.equal(cell.kind === 'code' && cell.language, 'ts');
  });

  test('rejects a Markdown cell', () => {
    assert.deepEqual(setCellLanguage(sample(), 'a', 'ts'), { ok: false, reason: 'not_a_code_cell' });
  });
});

describe('setCellOutputs', () => {
  test("replaces a code cell's outputs", () => {
    const outputs = [{ kind: 'value', text: '2' }] as const;
    const cell = getCell(applied(setCellOutputs(sample(), 'c', outputs)), 'c');
    assert.deepEqual(cell.kind === 'code' && cell.outputs, outputs);
  });

  test('rejects a Markdown cell', () => {
    assert.deepEqual(setCellOutputs(sample(), 'a', []), { ok: false, reason: 'not_a_code_cell' });
  });
});

describe('insertSection', () => {
  test('puts a section among the titled sections', () => {
    const notebook = applied(insertSection(sample(), 1, createSection(() => 'new', 'Middle')));
    assert.deepEqual(notebook.sections.map((section) => section.title), ['One', 'Middle', 'Two']);
  });

  test('rejects a section or cell id already in use, and an index past the end', () => {
    const clash = { ...createSection(() => 'new', 'X'), cells: [createMarkdownCell(() => 'a')] };
    assert.deepEqual(insertSection(sample(), 0, clash), { ok: false, reason: 'duplicate_id' });
    assert.deepEqual(insertSection(sample(), 3, createSection(() => 'new', 'X')), { ok: false, reason: 'index_out_of_range' });
  });
});

describe('deleteSection', () => {
  test('puts the section and its cells in the bin', () => {
    const notebook = applied(deleteSection(sample(), 's1'));
    assert.deepEqual(notebook.sections.map((section) => section.id), ['s2']);
    assert.equal(notebook.bin?.[0]?.kind, 'section');
    assert.equal(findCell(notebook, 'c'), undefined);
  });

  test('rejects the setup section and an unknown section', () => {
    assert.deepEqual(deleteSection(sample(), 'setup'), { ok: false, reason: 'setup_section' });
    assert.deepEqual(deleteSection(sample(), 'nope'), { ok: false, reason: 'unknown_section' });
  });
});

describe('moveSection', () => {
  test('moves a section, the index counted without it', () => {
    const notebook = applied(moveSection(sample(), 's1', 1));
    assert.deepEqual(notebook.sections.map((section) => section.id), ['s2', 's1']);
  });

  test('rejects the setup section, an unknown section and an index past the end', () => {
    assert.deepEqual(moveSection(sample(), 'setup', 0), { ok: false, reason: 'setup_section' });
    assert.deepEqual(moveSection(sample(), 'nope', 0), { ok: false, reason: 'unknown_section' });
    assert.deepEqual(moveSection(sample(), 's1', 2), { ok: false, reason: 'index_out_of_range' });
  });
});

describe('renameSection', () => {
  test('sets the title as one trimmed line', () => {
    const notebook = applied(renameSection(sample(), 's2', ' Two\nand a half '));
    assert.equal(getSection(notebook, 's2').title, 'Two and a half');
  });

  test('rejects the setup section, which has no title', () => {
    assert.deepEqual(renameSection(sample(), 'setup', 'x'), { ok: false, reason: 'setup_section' });
  });
});

describe('renameNotebook', () => {
  test('sets the title as one trimmed line', () => {
    assert.equal(renameNotebook(sample(), '\tNew\r\ntitle ').title, 'New title');
  });
});

describe('setSaveOutputs', () => {
  test('turns saving outputs on and off', () => {
    assert.equal(setSaveOutputs(sample(), true).saveOutputs, true);
    assert.equal(setSaveOutputs(setSaveOutputs(sample(), true), false).saveOutputs, false);
  });
});
