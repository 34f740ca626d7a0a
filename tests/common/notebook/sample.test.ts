import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import { parseNotebook } from '../../../common/notebook/markdown-parse.ts';
import { serializeNotebook } from '../../../common/notebook/markdown-write.ts';
import { buildSampleNotebook } from '../../../common/notebook/sample.ts';

describe('buildSampleNotebook', () => {
  test('builds a notebook of the size asked that reads back the same', () => {
    const notebook = buildSampleNotebook(25, sequentialIds('c'));
    const cells = [notebook.setup, ...notebook.sections].flatMap((section) => section.cells);
    assert.equal(cells.length, 25);
    const read = parseNotebook(serializeNotebook(notebook), sequentialIds('x'));
    assert.ok(read.ok);
    assert.deepEqual(read.notebook, notebook);
  });
});
