import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import { exportIpynb, importIpynb } from '../../../common/notebook/ipynb.ts';
import type { Cell, Notebook, Section } from '../../../common/notebook/model.ts';
import { notebook as anyNotebook } from './arbitraries.ts';
import { assertValidNbformat as validate } from './nbformat.ts';

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

/** A notebook as tslab or Deno writes it, nbformat 4.5. */
const jupyterFile = JSON.stringify({
  cells: [
    { id: 'title-cell', cell_type: 'markdown', metadata: {}, source: ['# Deno notebook\n', '\n', 'Intro.'] },
    {
      id: 'code-1',
      cell_type: 'code',
      metadata: { tags: ['setup'] },
      execution_count: 1,
      source: 'const a: number = 1;\nconsole.log(a);\na',
      outputs: [
        { output_type: 'stream', name: 'stdout', text: ['1\n'] },
        { output_type: 'execute_result', execution_count: 1, metadata: {}, data: { 'text/plain': ['\u001b[33m1\u001b[39m'] } },
        { output_type: 'display_data', metadata: {}, data: { 'image/png': 'iVBORw0K' } },
      ],
    },
    { id: 'part', cell_type: 'markdown', metadata: {}, source: '## Part one' },
    {
      id: 'code-2',
      cell_type: 'code',
      metadata: {},
      execution_count: 2,
      source: ['throw new Error("boom")'],
      outputs: [{ output_type: 'error', ename: 'Error', evalue: 'boom', traceback: ['Error: boom', '    at <anonymous>:1:7'] }],
    },
    { id: 'raw', cell_type: 'raw', metadata: { format: 'text/latex' }, source: '\\LaTeX' },
  ],
  metadata: {
    kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' },
    language_info: { name: 'typescript', file_extension: '.ts' },
    authors: [{ name: 'Ada' }],
  },
  nbformat: 4,
  nbformat_minor: 5,
});

describe('importIpynb', () => {
  test('reads code and Markdown cells, the title and sections', () => {
    const notebook = imported(jupyterFile);
    assert.equal(notebook.title, 'Deno notebook');
    assert.deepEqual(
      notebook.setup.cells.map((cell) => [cell.id, cell.kind, cell.source]),
      [
        ['title-cell', 'markdown', 'Intro.'],
        ['code-1', 'code', 'const a: number = 1;\nconsole.log(a);\na'],
      ],
    );
    assert.deepEqual(
      notebook.sections.map((section) => [section.id, section.title, section.cells.map((cell) => cell.id)]),
      [['part', 'Part one', ['code-2', 'raw']]],
    );
  });

  test("takes the code cells' language from kernelspec.language", () => {
    const code = imported(jupyterFile).setup.cells[1];
    assert.equal(code?.kind === 'code' && code.language, 'ts');
  });

  test('takes the language from language_info.name when the kernelspec has none, and js by default', () => {
    const file = (metadata: object): string =>
      JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, source: 'x', outputs: [] }], metadata, nbformat: 4, nbformat_minor: 4 });
    const language = (text: string): unknown => {
      const cell = imported(text).setup.cells[0];
      return cell?.kind === 'code' && cell.language;
    };
    assert.equal(language(file({ language_info: { name: 'TypeScript' } })), 'ts');
    assert.equal(language(file({ kernelspec: { name: 'jslab', display_name: 'JS', language: 'javascript' } })), 'js');
    assert.equal(language(file({})), 'js');
  });

  test('reads stream, text/plain and error outputs and leaves out the rest', () => {
    const notebook = imported(jupyterFile);
    const first = notebook.setup.cells[1];
    const second = notebook.sections[0]?.cells[0];
    assert.deepEqual(first?.kind === 'code' && first.outputs, [
      { kind: 'text', stream: 'stdout', text: '1\n' },
      { kind: 'value', text: '\u001b[33m1\u001b[39m' },
    ]);
    assert.deepEqual(second?.kind === 'code' && second.outputs, [
      { kind: 'error', name: 'Error', message: 'boom', stack: 'Error: boom\n    at <anonymous>:1:7' },
    ]);
    assert.equal(notebook.saveOutputs, true);
  });

  test("keeps Jupyter's metadata under ipynb", () => {
    const notebook = imported(jupyterFile);
    assert.deepEqual(notebook.metadata, { ipynb: { authors: [{ name: 'Ada' }] } });
    assert.deepEqual(notebook.setup.cells[1]?.metadata, { ipynb: { tags: ['setup'] } });
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

  test('rejects JSON that is not a notebook', () => {
    assert.match(importError('[1, 2]'), /JSON object/);
    assert.match(importError('{"cells": []}'), /no nbformat version/);
    assert.match(importError('{"nbformat": 3, "worksheets": []}'), /nbformat 4; this file has nbformat 3/);
    assert.match(importError('{"nbformat": 4, "metadata": {}}'), /"cells" list/);
    assert.match(importError('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}'), /Cell 1: "source"/);
    assert.match(importError('{"nbformat": 4, "cells": [{"cell_type": "widget", "source": ""}]}'), /Cell 1 has an unknown cell_type/);
    assert.match(
      importError('{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "error"}]}]}'),
      /Cell 1, output 1: an error output needs/,
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
        if (!result.ok) assert.ok(result.error.message.length > 0);
      }),
      { numRuns: 1000 },
    );
  });
});

/** What survives the trip to Jupyter and back: everything but ids and what outputs' metadata held. */
function jupyterContent(notebook: Notebook): unknown {
  const cell = (one: Cell): unknown =>
    one.kind === 'markdown'
      ? [one.kind, one.source, one.metadata]
      : [one.kind, one.language, one.source, one.metadata, one.outputs.map(({ metadata: _metadata, ...output }) => output)];
  const section = (one: Section): unknown => [one.title, one.metadata, one.cells.map(cell)];
  return [notebook.title, notebook.metadata, notebook.saveOutputs, notebook.setup.cells.map(cell), notebook.sections.map(section)];
}

describe('exportIpynb', () => {
  test('writes nbformat 4.5 that the official schema accepts', () => {
    const text = exportIpynb(imported(jupyterFile));
    const json = JSON.parse(text) as Record<string, unknown>;
    validate(json);
    assert.equal(json['nbformat'], 4);
    assert.equal(json['nbformat_minor'], 5);
    assert.deepEqual((json['metadata'] as Record<string, unknown>)['kernelspec'], {
      name: 'tslab',
      display_name: 'TypeScript',
      language: 'typescript',
    });
  });

  test('writes the title and sections as heading cells and keeps valid ids', () => {
    const json = JSON.parse(exportIpynb(imported(jupyterFile))) as { cells: { id: string; source: string[] }[] };
    assert.deepEqual(
      json.cells.map((cell) => [cell.id, cell.source[0]]),
      [
        ['title', '# Deno notebook'],
        ['title-cell', 'Intro.'],
        ['code-1', 'const a: number = 1;\n'],
        ['part', '## Part one'],
        ['code-2', 'throw new Error("boom")'],
        ['raw', '\\LaTeX'],
      ],
    );
  });

  test('leaves outputs out unless the notebook saves outputs', () => {
    const notebook = { ...imported(jupyterFile), saveOutputs: false };
    const json = JSON.parse(exportIpynb(notebook)) as { cells: { outputs?: unknown[] }[] };
    assert.ok(json.cells.every((cell) => cell.outputs === undefined || cell.outputs.length === 0));
  });

  test('writes any notebook as valid nbformat 4, whatever its ids and content', () => {
    fc.assert(
      fc.property(anyNotebook, (notebook) => {
        validate(JSON.parse(exportIpynb(notebook)));
      }),
      { numRuns: 300 },
    );
  });

  test('gives back the same content when imported again', () => {
    fc.assert(
      fc.property(anyNotebook, (notebook) => {
        assert.deepEqual(jupyterContent(imported(exportIpynb(notebook))), jupyterContent(notebook));
      }),
      { numRuns: 300 },
    );
  });
});
