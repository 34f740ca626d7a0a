import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import { exportIpynb, importIpynb } from '../../../common/notebook/ipynb.ts';
import type { Cell, Notebook, SavedOutput, Section } from '../../../common/notebook/model.ts';
import { jupyterNotebook } from './arbitraries.ts';
import { assertNbformatEqual, assertValidNbformat as validate } from './nbformat.ts';

function imported(text: string): Notebook {
  const result = importIpynb(text, sequentialIds('new'));
  if (!result.ok) assert.fail(result.error.message);
  return result.notebook;
}

function importError(text: string): string {
  const result = importIpynb(text, sequentialIds('new'));
  if (result.ok) assert.fail('expected an error');
  return result.error.message;
}

/** A notebook as Deno's kernel writes it (through Jupyter's nbformat: keys sorted, one space of indent). */
const jupyterFile = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', id: 'title-cell', metadata: {}, source: ['# Deno notebook'] },
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Not a title\n', '\n', 'Intro.'] },
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'code-1',
        metadata: { tags: ['setup'] },
        outputs: [
          { name: 'stdout', output_type: 'stream', text: ['1\n'] },
          { data: { 'text/plain': ['\u001b[33m1\u001b[39m'] }, execution_count: 1, metadata: {}, output_type: 'execute_result' },
          { data: { 'image/png': 'iVBORw0K', 'text/plain': ['<Figure>'] }, metadata: { 'image/png': { width: 10 } }, output_type: 'display_data' },
          { data: { 'application/vnd.vegalite.v5+json': { mark: 'bar' }, 'image/svg+xml': ['<svg/>'] }, metadata: {}, output_type: 'display_data' },
        ],
        source: ['const a: number = 1;\n', 'console.log(a);\n', 'a'],
      },
      { cell_type: 'markdown', id: 'part', metadata: {}, source: ['## Part one'] },
      {
        cell_type: 'code',
        execution_count: 2,
        id: 'code-2',
        metadata: {},
        outputs: [{ ename: 'Error', evalue: 'boom', output_type: 'error', traceback: ['Error: boom', '    at <anonymous>:1:7'] }],
        source: ['throw new Error("boom")'],
      },
      { attachments: { 'a.png': { 'image/png': 'iVBORw0K' } }, cell_type: 'markdown', id: 'pic', metadata: {}, source: ['![a](attachment:a.png)'] },
      { cell_type: 'raw', id: 'raw', metadata: { format: 'text/latex' }, source: ['\\LaTeX'] },
    ],
    metadata: {
      authors: [{ name: 'Ada' }],
      kernelspec: { display_name: 'Deno', language: 'typescript', name: 'deno' },
      language_info: { file_extension: '.ts', name: 'typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

function code(cell: Cell | undefined): Extract<Cell, { kind: 'code' }> {
  if (cell?.kind !== 'code') assert.fail(`not a code cell: ${JSON.stringify(cell)}`);
  return cell;
}

describe('importIpynb', () => {
  test('a first cell that is only a # heading is the title, a cell that is only a ## heading a section; the rest are cells', () => {
    const notebook = imported(jupyterFile);
    assert.equal(notebook.title, 'Deno notebook');
    assert.deepEqual(
      notebook.setup.cells.map((cell) => [cell.id, cell.kind, cell.source]),
      [
        ['intro', 'markdown', '# Not a title\n\nIntro.'],
        ['code-1', 'code', 'const a: number = 1;\nconsole.log(a);\na'],
      ],
    );
    assert.deepEqual(
      notebook.sections.map((section) => [section.id, section.title, section.cells.map((cell) => [cell.id, cell.kind])]),
      [['part', 'Part one', [['code-2', 'code'], ['pic', 'markdown'], ['raw', 'raw']]]],
    );
  });

  test("takes the code cells' language from kernelspec.language", () => {
    assert.equal(code(imported(jupyterFile).setup.cells[1]).language, 'ts');
  });

  test('takes the language from language_info.name when the kernelspec has none, and js by default', () => {
    const file = (metadata: object): string =>
      JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, source: 'x', outputs: [] }], metadata, nbformat: 4, nbformat_minor: 4 });
    const language = (text: string): unknown => code(imported(text).setup.cells[0]).language;
    assert.equal(language(file({ language_info: { name: 'TypeScript' } })), 'ts');
    assert.equal(language(file({ kernelspec: { name: 'jslab', display_name: 'JS', language: 'javascript' } })), 'js');
    assert.equal(language(file({})), 'js');
  });

  test('keeps every output with its whole MIME bundle, showing the best form as JupyterLab does', () => {
    const cell = code(imported(jupyterFile).setup.cells[1]);
    const plain = cell.outputs.map(({ metadata: _metadata, ...output }: SavedOutput & { metadata?: unknown }) => output);
    assert.deepEqual(plain, [
      { kind: 'text', stream: 'stdout', text: '1\n' },
      { kind: 'value', text: '\u001b[33m1\u001b[39m' },
      { kind: 'rich', mime: 'image/png', data: 'iVBORw0K', alternatives: { 'text/plain': '<Figure>' } },
      // Vega-Lite is not drawn until charts land: its SVG form shows, and the chart is kept.
      { kind: 'rich', mime: 'image/svg+xml', data: '<svg/>', alternatives: { 'application/vnd.vegalite.v5+json': '{"mark":"bar"}' } },
    ]);
    assert.equal(cell.executionCount, 1);
    const error = code(imported(jupyterFile).sections[0]?.cells[0]).outputs[0];
    assert.deepEqual(error?.kind === 'error' && [error.name, error.message, error.stack], ['Error', 'boom', 'Error: boom\n    at <anonymous>:1:7']);
  });

  test('raw cells stay raw; cells and outputs of types a newer nbformat has pass through', () => {
    assert.equal(imported(jupyterFile).sections[0]?.cells[2]?.kind, 'raw');
    const file = JSON.stringify({
      cells: [{ cell_type: 'widget-thing', id: 'w', metadata: {}, source: 'x', extra: [1] }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 6,
    });
    const notebook = imported(file);
    assert.deepEqual(notebook.setup.cells.map((cell) => cell.kind), ['raw']);
    assert.deepEqual(JSON.parse(exportIpynb(notebook)).cells, [{ cell_type: 'widget-thing', extra: [1], id: 'w', metadata: {}, source: ['x'] }]);
  });

  test('gives fresh ids to cells without a usable id', () => {
    const text = JSON.stringify({
      cells: [
        { cell_type: 'markdown', metadata: {}, source: 'no id (nbformat 4.4)' },
        { id: 'has space', cell_type: 'markdown', metadata: {}, source: 'bad id' },
        { id: 'dup', cell_type: 'markdown', metadata: {}, source: 'first' },
        { id: 'dup', cell_type: 'markdown', metadata: {}, source: 'second' },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 4,
    });
    assert.deepEqual(
      imported(text).setup.cells.map((cell) => cell.id),
      ['new1', 'new2', 'dup', 'new3'],
    );
  });

  test('rejects text that is not JSON, with a clear message', () => {
    assert.match(importError('{"cells": ['), /not valid JSON/);
  });

  test('rejects JSON that is not a notebook, and notebooks older than nbformat 4 with their version', () => {
    assert.match(importError('[1, 2]'), /JSON object/);
    assert.match(importError('{"cells": []}'), /no nbformat version/);
    assert.match(importError('{"nbformat": 3, "worksheets": []}'), /nbformat 4; this file has nbformat 3 \(convert it with `jupyter nbconvert/);
    assert.match(importError('{"nbformat": 4, "metadata": {}}'), /"cells" list/);
    assert.match(importError('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}'), /Cell 1: "source"/);
    assert.match(importError('{"nbformat": 4, "cells": [{"source": ""}]}'), /Cell 1 has no cell_type/);
    assert.match(importError('{"nbformat": 4, "nbformat_minor": 5, "cells": [{"cell_type": "widget", "source": ""}]}'), /Cell 1 has an unknown cell_type "widget"/);
    assert.match(
      importError('{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "error"}]}]}'),
      /Cell 1, output 1: an error output needs/,
    );
    assert.match(
      importError('{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "mystery"}]}]}'),
      /Cell 1, output 1 has an unknown output_type "mystery"/,
    );
  });

  test('never throws, whatever JSON it is given', () => {
    const cell = fc.record(
      { cell_type: fc.constantFrom('code', 'markdown', 'raw', 'x'), source: fc.jsonValue(), outputs: fc.jsonValue(), metadata: fc.jsonValue(), id: fc.jsonValue() },
      { requiredKeys: [] },
    );
    const json = fc.oneof(
      fc.jsonValue(),
      fc.record({ nbformat: fc.constantFrom(4, 3, '4'), cells: fc.oneof(fc.array(cell), fc.jsonValue()), metadata: fc.jsonValue() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(json, fc.boolean(), (value, truncate) => {
        const text = JSON.stringify(value) ?? '';
        const result = importIpynb(truncate ? text.slice(0, -1) : text, sequentialIds('new'));
        if (result.ok) exportIpynb(result.notebook);
        else assert.ok(result.error.message.length > 0);
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * What survives the trip to Jupyter and back: everything but ids, what outputs' metadata held, the
 * forms Jupyter needs beside one Tessera made (a text form, HTML for a table) and the file's fields.
 */
function jupyterContent(notebook: Notebook): unknown {
  const output = (one: SavedOutput): unknown => {
    if (one.kind === 'opaque') return one;
    const { metadata: _metadata, ...rest } = one;
    if (rest.kind !== 'rich') return rest;
    const { alternatives, ...shown } = rest;
    // Jupyter writes JSON with its keys sorted: the same value.
    const data = /json$/.test(shown.mime) ? (JSON.parse(shown.data) as unknown) : shown.data;
    return [{ ...shown, data }, Object.keys(alternatives ?? {}).filter((mime) => mime !== 'text/plain' && mime !== 'text/html')];
  };
  const cell = (one: Cell): unknown =>
    one.kind === 'code'
      ? [one.kind, one.language, one.source, one.metadata, one.outputs.map(output), one.executionCount]
      : [one.kind, one.source, one.metadata];
  const section = (one: Section): unknown => [one.title, one.metadata, one.cells.map(cell)];
  // The first export gives the notebook a Jupyter file's own fields (nbformat version, kernel).
  const { ipynb: _ipynb, ipynbTitleCell: _titleCell, ...metadata } = notebook.metadata;
  return [notebook.title, metadata, notebook.saveOutputs, notebook.setup.cells.map(cell), notebook.sections.map(section)];
}

describe('exportIpynb', () => {
  test('writes a notebook from Jupyter back as nbformat writes it: the same bytes when nothing changed', () => {
    assert.equal(exportIpynb(imported(jupyterFile)), jupyterFile);
  });

  test('an edit changes only what it touches, and a cell that runs again gets its new execution count', () => {
    const notebook = imported(jupyterFile);
    const [intro, first] = notebook.setup.cells;
    const edited: Notebook = {
      ...notebook,
      setup: { ...notebook.setup, cells: [{ ...intro!, source: 'Changed.' }, { ...code(first), executionCount: 7, outputs: [{ kind: 'value', text: '2' }] }] },
    };
    const before = JSON.parse(jupyterFile) as { cells: Record<string, unknown>[] };
    const after = JSON.parse(exportIpynb(edited)) as { cells: Record<string, unknown>[] };
    assert.deepEqual(after.cells[1], { ...before.cells[1], source: ['Changed.'] });
    assert.deepEqual(after.cells[2], {
      ...before.cells[2],
      execution_count: 7,
      outputs: [{ data: { 'text/plain': ['2'] }, execution_count: 7, metadata: {}, output_type: 'execute_result' }],
    });
    assert.deepEqual(after.cells.slice(3), before.cells.slice(3));
    validate(after);
  });

  test('a new notebook is nbformat 4.5 that the official schema accepts, with a kernel that exists', () => {
    const notebook: Notebook = {
      title: 'New',
      setup: { id: 's', title: '', cells: [{ kind: 'code', id: 'c', language: 'ts', source: 'let x: number = 1', metadata: {}, outputs: [] }], metadata: {} },
      sections: [],
      metadata: {},
      saveOutputs: false,
    };
    const json = JSON.parse(exportIpynb(notebook)) as Record<string, unknown>;
    validate(json);
    assert.equal(json['nbformat_minor'], 5);
    assert.deepEqual((json['metadata'] as Record<string, unknown>)['kernelspec'], { name: 'tslab', display_name: 'TypeScript', language: 'typescript' });
    assert.deepEqual((json['metadata'] as Record<string, unknown>)['language_info'], { name: 'typescript', file_extension: '.ts' });
  });

  test("keeps a Deno notebook's kernel: it does not come back as tslab", () => {
    const metadata = (JSON.parse(exportIpynb(imported(jupyterFile))) as { metadata: Record<string, unknown> }).metadata;
    assert.deepEqual(metadata['kernelspec'], { display_name: 'Deno', language: 'typescript', name: 'deno' });
  });

  test('leaves outputs out unless the notebook saves outputs', () => {
    const notebook = { ...imported(jupyterFile), saveOutputs: false };
    const json = JSON.parse(exportIpynb(notebook)) as { cells: { outputs?: unknown[] }[] };
    assert.ok(json.cells.every((cell) => cell.outputs === undefined || cell.outputs.length === 0));
  });

  test('writes any notebook as valid nbformat 4, whatever its ids and content', () => {
    fc.assert(
      fc.property(jupyterNotebook, (notebook) => {
        validate(JSON.parse(exportIpynb(notebook)));
      }),
      { numRuns: 300 },
    );
  });

  test('random notebooks survive export → import → export: the same content, then the same file', () => {
    fc.assert(
      fc.property(jupyterNotebook, (notebook) => {
        const file = exportIpynb(notebook);
        const again = imported(file);
        assert.deepEqual(jupyterContent(again), jupyterContent(notebook));
        assertNbformatEqual(exportIpynb(again), file);
      }),
      { numRuns: 300 },
    );
  });
});
