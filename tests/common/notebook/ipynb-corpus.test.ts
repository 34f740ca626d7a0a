/**
 * Real Jupyter notebooks (tests/fixtures/ipynb: nbformat's own test files, Deno and tslab
 * notebooks; see the README there for where each comes from and its licence) go through Tessera
 * and back: Jupyter reads the same notebook, every cell, source, output of every MIME type,
 * attachment, execution count, id and metadata, and most come back byte for byte. Files that are
 * not valid come back repaired and valid, or are refused with a message that says why.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import { exportIpynb, importIpynb } from '../../../common/notebook/ipynb.ts';
import { parseNotebook } from '../../../common/notebook/markdown-parse.ts';
import { serializeNotebook } from '../../../common/notebook/markdown-write.ts';
import { assertNbformatEqual, assertValidNbformat } from './nbformat.ts';

// Bundled to out/tests/common/notebook/: the sources are four folders up.
const corpus = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'ipynb');
const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ipynb'))
  .sort();

/** Files nbformat itself refuses or repairs: what Tessera does with each instead of a plain round trip. */
const expected: Readonly<Record<string, { readonly refused: RegExp } | { readonly repaired: string } | { readonly passedThrough: string }>> = {
  'nbformat/test2.ipynb': { refused: /nbformat 4; this file has nbformat 2 \(convert it/ },
  'nbformat/test3.ipynb': { refused: /this file has nbformat 3/ },
  'nbformat/test3_no_metadata.ipynb': { refused: /this file has nbformat 3/ },
  'nbformat/test3_no_min_version.ipynb': { refused: /this file has nbformat 3/ },
  'nbformat/test3_no_worksheets.ipynb': { refused: /this file has nbformat 3/ },
  'nbformat/test3_worksheet_with_no_cells.ipynb': { refused: /this file has nbformat 3/ },
  'nbformat/invalid.ipynb': { refused: /Cell 4, output 1 has an unknown output_type "bad stream"/ },
  'nbformat/invalid_cell_id.ipynb': { repaired: 'a cell id Jupyter refuses' },
  'nbformat/invalid_unique_cell_id.ipynb': { repaired: 'two cells with one id' },
  'nbformat/v4_5_no_cell_id.ipynb': { repaired: 'nbformat 4.5 cells without ids' },
  'nbformat/no_min_version.ipynb': { repaired: 'no nbformat_minor' },
  'nbformat/v4_5_invalid_metadata.ipynb': { repaired: 'a kernelspec and authors of the wrong type' },
  'nbformat/test4plus.ipynb': { passedThrough: 'a newer minor version, with a cell and an output of types nbformat 4.5 does not know' },
};

describe('real .ipynb files', () => {
  test('the corpus is there', () => {
    assert.ok(files.length >= 30, `only ${files.length} notebooks in ${corpus}`);
  });

  for (const file of files) {
    test(file, () => {
      const text = readFileSync(join(corpus, file), 'utf8');
      const result = importIpynb(text, sequentialIds('new'));
      const expectation = expected[file];
      if (expectation !== undefined && 'refused' in expectation) {
        assert.ok(!result.ok, 'expected a refusal');
        assert.match(result.error.message, expectation.refused);
        return;
      }
      if (!result.ok) assert.fail(result.error.message);
      const exported = exportIpynb(result.notebook);
      if (expectation === undefined) {
        assertNbformatEqual(exported, text);
        assertValidNbformat(JSON.parse(exported), `${file} as Tessera writes it`);
      } else if ('repaired' in expectation) {
        assertValidNbformat(JSON.parse(exported), `${file} (${expectation.repaired}) as Tessera writes it`);
      } else {
        // What this nbformat does not know goes back as it came; only the missing source is added.
        const original = JSON.parse(text) as { cells: Record<string, unknown>[] };
        const cells = original.cells.map((cell) => ('source' in cell ? cell : { ...cell, source: [] }));
        assertNbformatEqual(exported, JSON.stringify({ ...original, cells }));
      }
      // Saved as .tsnb and opened again, the notebook is the same, but for what only .ipynb keeps.
      const markdown = parseNotebook(serializeNotebook(result.notebook), sequentialIds('md'));
      assert.ok(markdown.ok);
      assert.equal(markdown.notebook.setup.cells.length, result.notebook.setup.cells.length);
      assert.equal(markdown.notebook.sections.length, result.notebook.sections.length);
    });
  }
});
