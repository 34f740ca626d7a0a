import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import type { Notebook } from '../../../common/notebook/model.ts';
import { parseNotebook } from '../../../common/notebook/markdown-parse.ts';
import { notebookExtension, serializeNotebook } from '../../../common/notebook/markdown-write.ts';
import { editCell, renameSection } from '../../../common/notebook/operations.ts';
import { contentOf } from './arbitraries.ts';

/** Reads a file that must be valid. */
function parse(text: string): Notebook {
  const result = parseNotebook(text, sequentialIds('new'));
  if (!result.ok) assert.fail(`line ${result.error.line}: ${result.error.message}`);
  return result.notebook;
}

function parseError(text: string): { line: number; message: string } {
  const result = parseNotebook(text, sequentialIds('new'));
  if (result.ok) assert.fail('expected an error');
  return result.error;
}

const example: Notebook = {
  title: 'Exploring data',
  setup: {
    id: 's0',
    title: '',
    metadata: {},
    cells: [
      { kind: 'markdown', id: 'm1', source: 'We load the data first.', metadata: {} },
      { kind: 'code', id: 'c1', language: 'ts', source: 'const rows: number[] = [1, 2, 3];', metadata: {}, outputs: [] },
    ],
  },
  sections: [
    {
      id: 's1',
      title: 'Sums',
      metadata: {},
      cells: [
        {
          kind: 'code',
          id: 'c2',
          language: 'js',
          source: 'console.log("sum");\nrows.reduce((a, b) => a + b)',
          metadata: {},
          outputs: [
            { kind: 'text', stream: 'stdout', text: 'sum\n' },
            { kind: 'value', text: '6' },
          ],
        },
      ],
    },
  ],
  metadata: {},
  saveOutputs: true,
};

const exampleFile = `# Exploring data
<!-- tessera:notebook {"saveOutputs":true} -->

<!-- tessera:section {"id":"s0"} -->

<!-- tessera:cell {"id":"m1"} -->
We load the data first.

<!-- tessera:cell {"id":"c1"} -->
\`\`\`ts
const rows: number[] = [1, 2, 3];
\`\`\`

<!-- tessera:section {"id":"s1"} -->
## Sums

<!-- tessera:cell {"id":"c2"} -->
\`\`\`js
console.log("sum");
rows.reduce((a, b) => a + b)
\`\`\`
<!-- tessera:output {"kind":"text","stream":"stdout"} -->
\`\`\`text
sum
\`\`\`
<!-- tessera:output {"kind":"value","newline":false} -->
\`\`\`text
6
\`\`\`
`;

describe('notebookExtension', () => {
  test('is .tsnb', () => {
    assert.equal(notebookExtension, '.tsnb');
  });
});

describe('serializeNotebook', () => {
  test('writes the title, sections, cells and outputs as GitHub-readable Markdown', () => {
    assert.equal(serializeNotebook(example), exampleFile);
  });

  test('leaves outputs out unless the notebook saves outputs', () => {
    const text = serializeNotebook({ ...example, saveOutputs: false });
    assert.doesNotMatch(text, /tessera:output/);
    assert.doesNotMatch(text, /tessera:notebook/);
  });

  test('writes no heading for an empty title', () => {
    const text = serializeNotebook({ ...example, title: '', saveOutputs: false });
    assert.ok(text.startsWith('<!-- tessera:section {"id":"s0"} -->\n'));
  });

  test('writes metadata it does not understand back into the comments', () => {
    const text = serializeNotebook({
      ...example,
      metadata: { theme: 'dark' },
      setup: { ...example.setup, metadata: { collapsed: true } },
    });
    assert.match(text, /^<!-- tessera:notebook \{"saveOutputs":true,"theme":"dark"\} -->$/m);
    assert.match(text, /^<!-- tessera:section \{"id":"s0","collapsed":true\} -->$/m);
  });

  test('strips ANSI escapes from outputs', () => {
    const colored: Notebook = {
      ...example,
      sections: [],
      setup: {
        ...example.setup,
        cells: [
          {
            kind: 'code',
            id: 'c',
            language: 'js',
            source: 'x',
            metadata: {},
            outputs: [{ kind: 'value', text: '\u001b[33m42\u001b[39m \u001b]8;;https://x\u0007link\u001b]8;;\u0007' }],
          },
        ],
      },
    };
    const text = serializeNotebook(colored);
    assert.doesNotMatch(text, /\u001b/);
    assert.match(text, /^42 link$/m);
    const read = parse(text).setup.cells[0];
    assert.deepEqual(read?.kind === 'code' && read.outputs, [{ kind: 'value', text: '42 link' }]);
  });

  test('makes a fence longer than any fence inside the code', () => {
    const text = serializeNotebook({
      ...example,
      sections: [],
      setup: {
        ...example.setup,
        cells: [{ kind: 'code', id: 'c', language: 'js', source: 'const md = `\n````\n`;', metadata: {}, outputs: [] }],
      },
    });
    assert.match(text, /^`````js\nconst md = `\n````\n`;\n`````$/m);
  });

  test('marks Markdown lines that look like structure so that they read back as text', () => {
    const source = '## Not a section\n```js\nnot code\n```\n<!-- tessera:cell {"id":"x"} -->';
    const notebook: Notebook = {
      ...example,
      sections: [],
      setup: { ...example.setup, cells: [{ kind: 'markdown', id: 'm', source, metadata: {} }] },
    };
    const text = serializeNotebook(notebook);
    assert.ok(text.includes('<!-- tessera:markdown -->\n## Not a section\n<!-- tessera:markdown -->\n```js\nnot code\n```\n'));
    assert.deepEqual(parse(text), notebook);
  });

  test('closes a fence a Markdown cell leaves open, and reads the cell back without it', () => {
    const notebook: Notebook = {
      ...example,
      sections: [],
      setup: {
        ...example.setup,
        cells: [
          { kind: 'markdown', id: 'm', source: 'Half typed:\n```python\nprint(1)', metadata: {} },
          { kind: 'code', id: 'c', language: 'ts', source: '1', metadata: {}, outputs: [] },
        ],
      },
    };
    const text = serializeNotebook(notebook);
    assert.match(text, /\{"id":"m","openFence":true\}/);
    assert.deepEqual(parse(text), notebook);
  });

  test('writes a title that ends like a closing sequence so that it reads back whole', () => {
    for (const title of ['C #', '#', 'a ##']) {
      assert.equal(parse(serializeNotebook({ ...example, title })).title, title);
    }
  });

  test('writes CRLF when the notebook came from a CRLF file', () => {
    const text = serializeNotebook({ ...example, lineEnding: '\r\n' });
    assert.equal(text, exampleFile.replace(/\n/g, '\r\n'));
  });
});

describe('parseNotebook', () => {
  test('reads back what serializeNotebook wrote', () => {
    assert.deepEqual(parse(exampleFile), example);
  });

  test('reads a CRLF file and remembers its line ending', () => {
    const notebook = parse(exampleFile.replace(/\n/g, '\r\n'));
    assert.deepEqual(notebook, { ...example, lineEnding: '\r\n' });
  });

  test('keeps metadata it does not understand', () => {
    const notebook = parse('<!-- tessera:cell {"id":"c","future":{"x":[1,2]}} -->\n```ts\n1\n```\n');
    assert.deepEqual(notebook.setup.cells[0]?.metadata, { future: { x: [1, 2] } });
  });

  test('gives fresh ids to parts without one and to parts whose id an earlier part took', () => {
    const notebook = parse('<!-- tessera:cell {"id":"same"} -->\nA\n\n<!-- tessera:cell {"id":"same"} -->\nB\n');
    assert.deepEqual(
      notebook.setup.cells.map((cell) => cell.id),
      ['same', 'new2'],
    );
    assert.equal(notebook.setup.id, 'new1');
  });

  test('never makes a fresh id that a later part of the file uses', () => {
    const notebook = parse('Text\n\n<!-- tessera:cell {"id":"new1"} -->\nB\n');
    const ids = [notebook.setup.id, ...notebook.setup.cells.map((cell) => cell.id)];
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(notebook.setup.cells[1]?.id, 'new1');
  });

  test('reads the notebook comment before the title as well as after it', () => {
    const notebook = parse('<!-- tessera:notebook {"saveOutputs":true} -->\n# Title\n');
    assert.equal(notebook.title, 'Title');
    assert.equal(notebook.saveOutputs, true);
  });

  test('takes a heading with a closing sequence for its text', () => {
    assert.equal(parse('## Part one ##\n').sections[0]?.title, 'Part one');
  });
});

describe('reading plain Markdown', () => {
  const readme = `# Project

Some intro, with a [link](x).

\`\`\`javascript
const a = 1;
\`\`\`

Between the cells.

\`\`\`python
print("stays Markdown")
\`\`\`

## Usage

\`\`\`TypeScript
const b: number = a;
\`\`\`

\`\`\`sh
npm test
\`\`\`
`;

  test('makes js and ts fences code cells and everything else Markdown', () => {
    const notebook = parse(readme);
    assert.equal(notebook.title, 'Project');
    assert.deepEqual(
      notebook.setup.cells.map((cell) => [cell.kind, cell.source]),
      [
        ['markdown', 'Some intro, with a [link](x).'],
        ['code', 'const a = 1;'],
        ['markdown', 'Between the cells.\n\n```python\nprint("stays Markdown")\n```'],
      ],
    );
    assert.deepEqual(
      notebook.sections.map((section) => [section.title, section.cells.map((cell) => cell.kind)]),
      [['Usage', ['code', 'markdown']]],
    );
    const code = notebook.sections[0]?.cells[0];
    assert.equal(code?.kind === 'code' && code.language, 'ts');
  });

  test('gives every part a fresh id', () => {
    const notebook = parse(readme);
    const ids = [notebook.setup.id, ...notebook.setup.cells.map((cell) => cell.id), ...notebook.sections.map((section) => section.id)];
    assert.ok(ids.every((id) => id.startsWith('new')));
  });

  test('saves as a notebook that reads back the same', () => {
    const notebook = parse(readme);
    const text = serializeNotebook(notebook);
    assert.deepEqual(contentOf(parse(text)), contentOf(notebook));
    assert.equal(serializeNotebook(parse(text)), text);
  });

  test('keeps indented js fences, as in lists, in the Markdown', () => {
    const notebook = parse('1. Step\n\n   ```js\n   run();\n   ```\n');
    assert.deepEqual(
      notebook.setup.cells.map((cell) => cell.kind),
      ['markdown'],
    );
  });

  test('reads an empty file as an empty notebook', () => {
    const notebook = parse('');
    assert.equal(notebook.title, '');
    assert.deepEqual(notebook.setup.cells, []);
    assert.deepEqual(notebook.sections, []);
  });
});

describe('byte-for-byte round trips', () => {
  const same = (text: string): void => assert.equal(serializeNotebook(parse(text)), text);

  test('keeps CRLF and mixed line endings', () => {
    same(exampleFile.replace(/\n/g, '\r\n'));
    same(exampleFile.replace(/\n/g, (_, offset: number) => (offset % 3 === 0 ? '\r\n' : '\n')));
  });

  test('keeps lone CR line endings', () => {
    same('# Old Mac\r<!-- tessera:section {"id":"s"} -->\r\r<!-- tessera:cell {"id":"c"} -->\rtext\r');
  });

  test('keeps a byte order mark', () => {
    const file = `\ufeff${exampleFile}`;
    assert.deepEqual(parse(file), { ...example, byteOrderMark: true });
    same(file);
  });

  test('keeps trailing whitespace, odd fence lengths and tildes', () => {
    same(
      '# Title   \n\n<!-- tessera:section {"id":"s"} -->  \n\n<!-- tessera:cell {"id":"c"} -->\n````ts   \nx\n`````  \n\n' +
        '<!-- tessera:cell {"id":"d"} -->\n~~~~ javascript title="x"\ny\n~~~~\n',
    );
  });

  test('keeps unknown keys, key order and spacing in comments', () => {
    same('<!-- tessera:notebook {"x": 1, "saveOutputs": false} -->\n<!-- tessera:section {"x":[1, 2],"id":"s"} -->\n');
  });

  test('keeps headings with closing sequences and extra spaces', () => {
    same('#  Title ##\n\n<!-- tessera:section {"id":"s0"} -->\n\n<!-- tessera:section {"id":"s1"} -->\n##   Part ###\n');
  });

  test('keeps extra blank lines between parts and a missing final line break', () => {
    same('# T\n\n\n\n<!-- tessera:section {"id":"s"} -->\n\n\n<!-- tessera:cell {"id":"c"} -->\n```js\n1\n```\n\n\n\n<!-- tessera:cell {"id":"m"} -->\nend');
  });

  test('keeps the rest of the file when one cell changes', () => {
    const file = exampleFile.replace(/\n/g, '\r\n').replace('## Sums', '##   Sums  ');
    const edited = editCell(parse(file), 'c1', 'const rows = [4];');
    assert.ok(edited.ok);
    const text = serializeNotebook(edited.notebook);
    assert.equal(text, file.replace('const rows: number[] = [1, 2, 3];', 'const rows = [4];'));
  });

  test('keeps an output of a kind a newer Tessera writes, exactly, also when another cell changes', () => {
    const file =
      '<!-- tessera:notebook {"saveOutputs":true} -->\n\n<!-- tessera:section {"id":"s"} -->\n\n<!-- tessera:cell {"id":"c"} -->\n```js\nchart()\n```\n' +
      '<!-- tessera:output {"kind":"chart", "spec":{"mark":"bar"}} -->\n```vega-lite  \n{"data": []}\n```\n\n<!-- tessera:cell {"id":"m"} -->\nText\n';
    same(file);
    const notebook = parse(file);
    const output = notebook.setup.cells[0]?.kind === 'code' ? notebook.setup.cells[0].outputs[0] : undefined;
    assert.equal(output?.kind, 'opaque');
    const edited = editCell(notebook, 'm', 'Other text');
    assert.ok(edited.ok);
    assert.equal(serializeNotebook(edited.notebook), file.replace('Text', 'Other text'));
  });

  test('keeps comments of kinds a newer Tessera writes, with the block after them, wherever they stand', () => {
    same('<!-- tessera:theme {"dark":true} -->\n\n<!-- tessera:section {"id":"s"} -->\n\n<!-- tessera:cell {"id":"c"} -->\n```js\n1\n```\n');
    same('<!-- tessera:section {"id":"s"} -->\n\n<!-- tessera:cell {"id":"c"} -->\n```js\n1\n```\n<!-- tessera:chart {"x":1} -->\n```json\n{}\n```\n\n<!-- tessera:cell {"id":"d"} -->\n```ts\n2\n```\n');
    same('<!-- tessera:section {"id":"s"} -->\n\n<!-- tessera:cell {"id":"m"} -->\nText\n<!-- tessera:note {} -->\nmore\n');
    const notebook = parse('<!-- tessera:section {"id":"s"} -->\n\n<!-- tessera:cell {"id":"c"} -->\n```js\n1\n```\n<!-- tessera:chart {"x":1} -->\n');
    assert.deepEqual(notebook.setup.cells.map((cell) => cell.id), ['c']);
  });

  test('keeps raw cells raw', () => {
    const notebook = parse('<!-- tessera:section {"id":"s"} -->\n\n<!-- tessera:cell {"id":"r","raw":true} -->\n\\LaTeX\n');
    assert.deepEqual(notebook.setup.cells.map((cell) => [cell.kind, cell.source]), [['raw', '\\LaTeX']]);
    const withHeading: Notebook = { ...notebook, setup: { ...notebook.setup, cells: [{ kind: 'raw', id: 'r', source: '## not a heading', metadata: {} }] } };
    assert.deepEqual(contentOf(parse(serializeNotebook(withHeading))), contentOf(withHeading));
  });

  test('writes a changed part afresh', () => {
    const file = exampleFile.replace('## Sums', '##   Sums  ');
    const renamed = renameSection(parse(file), 's1', 'Totals');
    assert.ok(renamed.ok);
    assert.equal(serializeNotebook(renamed.notebook), exampleFile.replace('## Sums', '## Totals'));
  });

  test('drops outputs a file holds although its notebook does not save them', () => {
    const file = '<!-- tessera:cell {"id":"c"} -->\n```js\n1\n```\n<!-- tessera:output {"kind":"value"} -->\n```text\n1\n```\n';
    const notebook = parse(file);
    const cell = notebook.setup.cells[0];
    assert.deepEqual(cell?.kind === 'code' && cell.outputs, [{ kind: 'value', text: '1\n' }]);
    assert.doesNotMatch(serializeNotebook(notebook), /tessera:output/);
  });

  test('writes ids into a plain Markdown file rather than keep its bytes', () => {
    const text = serializeNotebook(parse('Intro\n\n```js\n1\n```\n'));
    assert.match(text, /tessera:cell \{"id":"new2"\}/);
    assert.match(text, /tessera:cell \{"id":"new3"\}/);
  });
});

describe('malformed files', () => {
  test('reports bad JSON in a Tessera comment with its line', () => {
    const error = parseError('# T\n\n<!-- tessera:cell {"id": -->\n```js\n1\n```\n');
    assert.equal(error.line, 3);
    assert.match(error.message, /JSON/);
  });

  test('reports JSON that is not an object', () => {
    assert.equal(parseError('<!-- tessera:section [1] -->\n').line, 1);
  });

  test('reports an id that is not a string', () => {
    assert.match(parseError('<!-- tessera:cell {"id":7} -->\ntext\n').message, /id/);
  });

  test('reports an output without a code cell above it', () => {
    assert.equal(parseError('<!-- tessera:output {"kind":"value"} -->\n```text\n1\n```\n').line, 1);
  });

  test('reports an output comment without a block after it', () => {
    const error = parseError('```js\n1\n```\n<!-- tessera:output {"kind":"value"} -->\nnot a block\n');
    assert.equal(error.line, 4);
  });

  test('reports an output without a kind', () => {
    const error = parseError('```js\n1\n```\n<!-- tessera:output {"mime":"image/png"} -->\n```text\n1\n```\n');
    assert.equal(error.line, 4);
    assert.match(error.message, /kind/);
  });

  test('reports a section comment that no heading follows', () => {
    const error = parseError('Text\n\n<!-- tessera:section {"id":"s"} -->\nMore text\n');
    assert.equal(error.line, 3);
  });

  test('reports notebook metadata after the first cell', () => {
    assert.equal(parseError('Text\n<!-- tessera:notebook {} -->\n').line, 2);
  });

  test('reports a saveOutputs that is not a boolean', () => {
    assert.equal(parseError('# T\n<!-- tessera:notebook {"saveOutputs":"yes"} -->\n').line, 2);
  });
});
