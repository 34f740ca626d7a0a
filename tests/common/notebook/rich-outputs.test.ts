/**
 * Rich outputs in files: a `.tsnb` keeps them in `"kind":"rich"` output comments (images as
 * base64 lines), and `.ipynb` export writes them as `display_data` with their MIME bundle, which
 * the official nbformat schema accepts and which import reads back.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import { exportIpynb, importIpynb } from '../../../common/notebook/ipynb.ts';
import { parseNotebook } from '../../../common/notebook/markdown-parse.ts';
import { serializeNotebook } from '../../../common/notebook/markdown-write.ts';
import type { Notebook, SavedOutput } from '../../../common/notebook/model.ts';
import { assertValidNbformat } from './nbformat.ts';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const bigPng = Buffer.alloc(200, 7).toString('base64');
const table = JSON.stringify({ columns: ['name', 'n'], rows: [['<a>', 1], ['b', null]], totalRows: 2 });

const outputs: SavedOutput[] = [
  { kind: 'text', stream: 'stdout', text: 'printed\n' },
  { kind: 'rich', mime: 'text/html', data: '<b id="x">bold</b>' },
  { kind: 'rich', mime: 'text/markdown', data: '# Heading\n\n```js\nx\n```\n' },
  { kind: 'rich', mime: 'image/png', data: png },
  { kind: 'rich', mime: 'image/gif', data: bigPng },
  { kind: 'rich', mime: 'application/json', data: '{"a":[1,2]}' },
  { kind: 'rich', mime: 'application/vnd.tessera.table+json', data: table },
];

const notebook: Notebook = {
  title: 'Rich',
  setup: {
    id: 's0',
    title: '',
    metadata: {},
    cells: [{ kind: 'code', id: 'c1', language: 'js', source: 'display(html`<b>`)', metadata: {}, outputs }],
  },
  sections: [],
  metadata: {},
  saveOutputs: true,
};

function parse(text: string): Notebook {
  const result = parseNotebook(text, sequentialIds('new'));
  if (!result.ok) assert.fail(`line ${result.error.line}: ${result.error.message}`);
  return result.notebook;
}

function outputsOf(one: Notebook): readonly SavedOutput[] {
  const cell = one.setup.cells[0];
  return cell?.kind === 'code' ? cell.outputs : [];
}

describe('rich outputs in a .tsnb file', () => {
  test('are written as rich output comments with fenced blocks that say what they hold', () => {
    const text = serializeNotebook(notebook);
    assert.ok(text.includes('<!-- tessera:output {"kind":"rich","mime":"text/html","newline":false} -->\n```html\n<b id="x">bold</b>\n```'));
    // Markdown holding a fence gets a longer fence.
    assert.ok(text.includes('<!-- tessera:output {"kind":"rich","mime":"text/markdown"} -->\n````markdown\n# Heading\n'));
    assert.ok(text.includes(`<!-- tessera:output {"kind":"rich","mime":"image/png"} -->\n\`\`\`base64\n${png}\n\`\`\``));
    // Base64 in lines of 76 characters.
    const lines = text.split('\n');
    const start = lines.indexOf('<!-- tessera:output {"kind":"rich","mime":"image/gif"} -->');
    assert.equal(lines[start + 2]?.length, 76);
  });

  test('read back as they were', () => {
    assert.deepEqual(outputsOf(parse(serializeNotebook(notebook))), outputs);
  });

  test('are left out when the notebook does not save outputs', () => {
    assert.ok(!serializeNotebook({ ...notebook, saveOutputs: false }).includes('tessera:output'));
  });

  test('need a MIME type', () => {
    const result = parseNotebook('```js\nx\n```\n<!-- tessera:output {"kind":"rich"} -->\n```html\n<b>\n```\n', sequentialIds('new'));
    assert.ok(!result.ok && /needs a "mime" type/.test(result.error.message));
  });
});

describe('rich outputs in .ipynb export', () => {
  const exported = JSON.parse(exportIpynb(notebook)) as { cells: { outputs: Record<string, unknown>[] }[] };
  const richOutputs = exported.cells[1]?.outputs.slice(1) ?? [];

  test('are display_data with the MIME bundle Jupyter shows: JSON as JSON, images as base64, tables also as HTML', () => {
    assert.ok(richOutputs.every((output) => output['output_type'] === 'display_data'));
    const data = richOutputs.map((output) => output['data'] as Record<string, unknown>);
    assert.deepEqual(data[0], { 'text/html': ['<b id="x">bold</b>'], 'text/plain': ['<text/html output>'] });
    assert.deepEqual(data[1]?.['text/markdown'], ['# Heading\n', '\n', '```js\n', 'x\n', '```\n']);
    assert.equal(data[2]?.['image/png'], png);
    assert.deepEqual(data[4]?.['application/json'], { a: [1, 2] });
    assert.deepEqual(data[5]?.['application/vnd.tessera.table+json'], JSON.parse(table));
    assert.match((data[5]?.['text/html'] as string[]).join(''), /<th>name<\/th><th>n<\/th>.*<td>&lt;a&gt;<\/td><td>1<\/td>/s);
  });

  test('are valid nbformat 4', () => {
    assertValidNbformat(exported);
  });

  test('come back on import, shown as they were, with the forms Jupyter needs beside them', () => {
    const result = importIpynb(exportIpynb(notebook), sequentialIds('new'));
    assert.ok(result.ok);
    const shown = outputsOf(result.notebook).map((output) => {
      if (output.kind === 'opaque') return output;
      const { metadata: _metadata, ...rest } = output;
      if (rest.kind !== 'rich') return rest;
      const { alternatives: _alternatives, ...form } = rest;
      return form;
    });
    assert.deepEqual(shown, outputs);
  });
});
