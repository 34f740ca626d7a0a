import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import { allSections, type Notebook, type Section } from '../../../common/notebook/model.ts';
import { parseNotebook } from '../../../common/notebook/markdown-parse.ts';
import { canonicalParts, serializeNotebook } from '../../../common/notebook/markdown-write.ts';
import { editCell } from '../../../common/notebook/operations.ts';
import { choices, contentOf, notebook, reformat, text } from './arbitraries.ts';

const runs = { numRuns: 400 };

function parse(file: string): Notebook {
  const result = parseNotebook(file, sequentialIds('fresh'));
  if (!result.ok) assert.fail(`line ${result.error.line}: ${result.error.message}\n${JSON.stringify(file)}`);
  return result.notebook;
}

/** The notebook of a file written with `\n`, and that file's parts. */
function lfParts(value: Notebook): { readonly plain: Notebook; readonly parts: readonly string[] } {
  const { lineEnding: _lineEnding, byteOrderMark: _byteOrderMark, ...plain } = value;
  return { plain, parts: canonicalParts(plain) };
}

describe('serializeNotebook then parseNotebook', () => {
  test('gives back the same notebook', () => {
    fc.assert(
      fc.property(notebook, (value) => {
        assert.deepEqual(parse(serializeNotebook(value)), value);
      }),
      runs,
    );
  });

  test('gives back the same file when saved again', () => {
    fc.assert(
      fc.property(notebook, (value) => {
        const file = serializeNotebook(value);
        assert.equal(serializeNotebook(parse(file)), file);
      }),
      runs,
    );
  });
});

describe('reading a reformatted file', () => {
  test('reads the same notebook and writes the same bytes', () => {
    fc.assert(
      fc.property(notebook, choices, (value, picks) => {
        const { plain, parts } = lfParts(value);
        const file = reformat(parts, plain, picks).join('');
        const read = parse(file);
        assert.deepEqual(contentOf(read), contentOf(plain));
        assert.equal(serializeNotebook(read), file);
      }),
      runs,
    );
  });

  test('writes every part but an edited cell as the file had it', () => {
    fc.assert(
      fc.property(notebook, choices, fc.nat(), text, (value, picks, which, source) => {
        const { plain, parts } = lfParts(value);
        const cells = allSections(plain).flatMap((section) => section.cells);
        const cell = cells[which % Math.max(1, cells.length)];
        fc.pre(cell !== undefined && cell.source !== source);
        if (cell === undefined) return;
        const reformatted = reformat(parts, plain, picks);
        const edited = editCell(parse(reformatted.join('')), cell.id, source);
        assert.ok(edited.ok);

        const part = partIndex(plain, cell.id);
        const expected = [...reformatted];
        expected[part] = canonicalParts(edited.notebook)[part] ?? '';
        const saved = serializeNotebook(edited.notebook);
        assert.equal(saved, expected.join(''));
        assert.deepEqual(contentOf(parse(saved)), contentOf(edited.notebook));
      }),
      runs,
    );
  });
});

/** The index of a cell's part in `canonicalParts`: after the header, each section, then its cells. */
function partIndex(value: Notebook, cellId: string): number {
  let index = 0;
  for (const section of allSections(value)) {
    index++;
    for (const cell of section.cells) {
      index++;
      if (cell.id === cellId) return index;
    }
  }
  throw new Error(`No cell ${cellId}`);
}

/** What a notebook keeps when saved: outputs only if it saves outputs. */
function asSaved(value: Notebook): Notebook {
  if (value.saveOutputs) return value;
  const section = (part: Section): Section => ({
    ...part,
    cells: part.cells.map((cell) => (cell.kind === 'code' ? { ...cell, outputs: [] } : cell)),
  });
  return { ...value, setup: section(value.setup), sections: value.sections.map(section) };
}

describe('parseNotebook on any text', () => {
  const anyText = fc
    .array(fc.tuple(fc.oneof(text, fc.string()), fc.constantFrom('\n', '\r\n', '\r', '')), { maxLength: 12 })
    .map((pieces) => pieces.map(([piece, end]) => piece + end).join(''));

  test('returns a notebook or an error with a line of the file, and never throws', () => {
    fc.assert(
      fc.property(anyText, (file) => {
        const result = parseNotebook(file, sequentialIds('fresh'));
        if (!result.ok) {
          const lineCount = file.split(/\r\n|\n|\r/).length;
          assert.ok(Number.isInteger(result.error.line) && result.error.line >= 1 && result.error.line <= lineCount);
          assert.ok(result.error.message.length > 0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('reads the file it saves to the same notebook, whatever it read', () => {
    fc.assert(
      fc.property(anyText, (file) => {
        const result = parseNotebook(file, sequentialIds('fresh'));
        fc.pre(result.ok);
        if (!result.ok) return;
        const saved = serializeNotebook(result.notebook);
        assert.deepEqual(contentOf(parse(saved)), asSaved(contentOf(result.notebook)));
      }),
      { numRuns: 1000 },
    );
  });
});
