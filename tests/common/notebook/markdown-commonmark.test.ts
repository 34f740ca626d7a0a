/**
 * The notebook reader against CommonMark: which fences are code cells and which `##` headings are
 * sections, compared with markdown-it (a CommonMark parser) on the cases the issue names, on the
 * Markdown files of node_modules and on random Markdown; and the writer keeps what the reader read, comments and info strings included.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { sequentialIds } from '../../../common/notebook/ids.ts';
import { allSections, type Notebook } from '../../../common/notebook/model.ts';
import { parseNotebook } from '../../../common/notebook/markdown-parse.ts';
import { infoLanguage } from '../../../common/notebook/markdown-syntax.ts';
import { serializeNotebook } from '../../../common/notebook/markdown-write.ts';
import { editCell, setCellLanguage } from '../../../common/notebook/operations.ts';
import { packageRoot } from '../../../host/paths.ts';

const commonMark = new MarkdownIt('commonmark');

function parse(text: string): Notebook {
  const result = parseNotebook(text, sequentialIds('new'));
  if (!result.ok) assert.fail(`line ${result.error.line}: ${result.error.message}`);
  return result.notebook;
}

type Structure = readonly (readonly ['code', string] | readonly ['section', string])[];

/** What CommonMark makes of a file: its top-level js/ts code blocks and its top-level `##` headings, in order. */
function structureByCommonMark(text: string): Structure {
  const tokens = commonMark.parse(text, {});
  const found: (['code', string] | ['section', string])[] = [];
  tokens.forEach((token, index) => {
    if (token.level !== 0) return;
    if (token.type === 'fence' && infoLanguage(token.info.trim()) !== undefined) {
      found.push(['code', token.content.replace(/\n$/, '')]);
    } else if (token.type === 'heading_open' && token.tag === 'h2' && token.markup === '##') {
      found.push(['section', tokens[index + 1]?.content ?? '']);
    }
  });
  return found;
}

/** What Tessera makes of it: its code cells and sections, in order. */
function structureByTessera(notebook: Notebook): Structure {
  return allSections(notebook).flatMap((section, index) => [
    ...(index === 0 ? [] : [['section', section.title] as const]),
    ...section.cells.flatMap((cell) => (cell.kind === 'code' ? [['code', cell.source] as const] : [])),
  ]);
}

function assertReadsAsCommonMark(text: string): Notebook {
  const notebook = parse(text);
  assert.deepEqual(structureByTessera(notebook), structureByCommonMark(text), text);
  return notebook;
}

/** Saving, then reading the saved file, gives the same cells; and CommonMark reads the saved file the same way. */
function assertSavesFaithfully(notebook: Notebook): string {
  const saved = serializeNotebook(notebook);
  const again = parse(saved);
  const cells = (value: Notebook) => allSections(value).flatMap((section) => section.cells.map((cell) => [cell.kind, cell.source]));
  assert.deepEqual(cells(again), cells(notebook));
  assert.deepEqual(structureByCommonMark(saved), structureByTessera(notebook), saved);
  return saved;
}

describe('HTML blocks', () => {
  const commentedOut = 'Intro.\n\n<!--\n```js\nthrow new Error("commented out")\n```\n-->\n\n```js\n1\n```\n';

  test('a fence inside an HTML comment is not a code cell', () => {
    const notebook = assertReadsAsCommonMark(commentedOut);
    assert.deepEqual(
      notebook.setup.cells.map((cell) => [cell.kind, cell.source]),
      [
        ['markdown', 'Intro.\n\n<!--\n```js\nthrow new Error("commented out")\n```\n-->'],
        ['code', '1'],
      ],
    );
  });

  test('saving does not split the comment', () => {
    const saved = assertSavesFaithfully(parse(commentedOut));
    assert.ok(saved.includes('<!--\n```js\nthrow new Error("commented out")\n```\n-->\n'), saved);
    assert.doesNotMatch(saved, /tessera:markdown/);
  });

  test('a fence in a comment that opens on a line of text, or in a one-line comment, is not a code cell either', () => {
    assertReadsAsCommonMark('<!-- old version:\n```ts\nlet a = 1\n```\nend -->\n');
    assertReadsAsCommonMark('<!-- x --> text\n```js\n2\n```\n');
  });

  test('"##" inside an HTML block is not a section, and is one once a blank line ends the block', () => {
    const notebook = assertReadsAsCommonMark('<div>\n## Inside\n</div>\n\n## Outside\n\n<details>\n<summary>More</summary>\n## Also inside\n```js\nnot code\n```\n</details>\n');
    assert.deepEqual(notebook.sections.map((section) => section.title), ['Outside']);
    assertSavesFaithfully(notebook);
  });

  test('every kind of HTML block hides its fences and headings until it ends', () => {
    for (const [open, close] of [
      ['<script>', '</script>'],
      ['<pre class="x">', '</pre>'],
      ['<style>', '</style>'],
      ['<?php', '?>'],
      ['<!DOCTYPE x', '>'],
      ['<![CDATA[', ']]>'],
      ['<table>', ''],
      ['<custom-element a="1">', ''],
    ]) {
      assertReadsAsCommonMark(`${open}\n## Hidden\n\`\`\`js\nhidden()\n\`\`\`\n${close}\n\n## Shown\n\n\`\`\`js\nshown()\n\`\`\`\n`);
    }
  });

  test('a tag that only an open paragraph precedes does not start an HTML block', () => {
    assertReadsAsCommonMark('Some text\n<span>\n## A section\n');
  });

  test('a comment a Markdown cell leaves open is closed in the file, and read back without the closing line', () => {
    const notebook = parse('Draft:\n<!-- later\n\n```js\nnot yet\n```\n');
    assert.deepEqual(notebook.setup.cells.map((cell) => cell.kind), ['markdown']);
    const saved = assertSavesFaithfully(notebook);
    assert.match(saved, /"openHtml":true/);
    const added = { ...notebook, setup: { ...notebook.setup, cells: [...notebook.setup.cells, { kind: 'code' as const, id: 'c9', language: 'js' as const, source: 'after()', metadata: {}, outputs: [] }] } };
    assert.deepEqual(structureByTessera(parse(serializeNotebook(added))), [['code', 'after()']]);
  });
});

describe('fences', () => {
  test('a fence opened on a list-marker line is Markdown, and so is what it holds', () => {
    for (const text of [
      '- ```js\n  inList()\n  ```\n\n```js\ntop()\n```\n',
      '1. ```ts\n   const a = 1\n   ```\n',
      '- step\n\n  ```js\n  inside()\n  ```\n',
      '* a\n  * ```js\n    nested()\n    ```\n',
    ]) {
      const notebook = assertReadsAsCommonMark(text);
      assertSavesFaithfully(notebook);
    }
  });

  test('a fence in a list item ends with the item, as CommonMark reads it', () => {
    // The unindented fence is not the list's: it opens a block that runs to the end of the file.
    const notebook = assertReadsAsCommonMark('- ```sh\n  npm i\n```\n\n## Usage\n\n```js\nrun()\n```\n');
    assert.deepEqual(notebook.sections, []);
    assertSavesFaithfully(notebook);
  });

  test('a js fence indented one to three spaces at the top level is a code cell, its indentation taken off', () => {
    const notebook = assertReadsAsCommonMark(' ```js\n one()\n ```\n\n   ```ts\n   const t = 3\n    indented()\n  ```\n\n    ```js\n    indented code, not a fence\n    ```\n');
    assert.deepEqual(structureByTessera(notebook), [['code', 'one()'], ['code', 'const t = 3\n indented()']]);
    assertSavesFaithfully(notebook);
  });

  test('a fence indented as much as a list item\'s text belongs to the item; one indented less ends it', () => {
    assertReadsAsCommonMark('- item\n\n  ```js\n  inItem()\n  ```\n');
    assertReadsAsCommonMark('- item\n\n ```js\n notInItem()\n ```\n');
    assertReadsAsCommonMark('- item\nlazy text\n  ```js\n  inItem()\n  ```\n');
    assertReadsAsCommonMark('2. item\n\n   ```js\n   inItem()\n   ```\n\n```js\nafter()\n```\n');
  });

  test('an empty list item ends at a blank line, and a setext underline ends its paragraph', () => {
    assertReadsAsCommonMark('-\n\n  ```\n```js\nx\n```\n');
    assertReadsAsCommonMark('Title\n- \n</pre>\n   ## not a section: inside the HTML block\n');
  });

  test('a tab in the indentation of an indented fence\'s lines counts to the next tab stop', () => {
    const notebook = assertReadsAsCommonMark(' ```js\n\ttabbed()\n ```\n');
    assert.deepEqual(structureByTessera(notebook), [['code', '   tabbed()']]);
  });

  test('a code fence left open at the end of the file runs to the end', () => {
    const notebook = assertReadsAsCommonMark('# T\n\n```ts\nconst a = 1;\n\n## not a section\n');
    assert.deepEqual(structureByTessera(notebook), [['code', 'const a = 1;\n\n## not a section']]);
    const saved = assertSavesFaithfully(notebook);
    assert.match(saved, /```ts\nconst a = 1;\n\n## not a section\n```\n$/);
  });

  test('a Markdown fence left open at the end of the file runs to the end', () => {
    const notebook = assertReadsAsCommonMark('Text\n\n~~~python\nprint(1)\n\n## Not a section\n```js\nnot code\n');
    assert.deepEqual(notebook.setup.cells.map((cell) => cell.kind), ['markdown']);
    assertSavesFaithfully(notebook);
  });

  test('a code cell\'s fence is the first structure after its comment, however it is indented', () => {
    const notebook = parse('<!-- tessera:cell {"id":"c"} -->\n  ```js\n  x\n  ```\n');
    assert.deepEqual(structureByTessera(notebook), [['code', 'x']]);
  });
});

describe('info strings', () => {
  const file = '<!-- tessera:cell {"id":"a"} -->\n```js title="a.js" {1,3}\nconst a = 1;\n```\n\n<!-- tessera:cell {"id":"b"} -->\n```ts twoslash\nlet b = 2\n```\n\n<!-- tessera:cell {"id":"c"} -->\n```javascript\nc()\n```\n\n<!-- tessera:cell {"id":"d"} -->\n```TypeScript\nd()\n```\n';

  test('what follows the language, and the language\'s spelling, survive an edit of the cell and a save', () => {
    let notebook = parse(file);
    for (const id of ['a', 'b', 'c', 'd']) {
      const edited = editCell(notebook, id, 'edited()');
      assert.ok(edited.ok);
      notebook = edited.notebook;
    }
    const saved = serializeNotebook(notebook);
    assert.deepEqual(
      saved.split('\n').filter((line) => line.startsWith('```') && line !== '```'),
      ['```js title="a.js" {1,3}', '```ts twoslash', '```javascript', '```TypeScript'],
    );
    assert.deepEqual(parse(saved).setup.cells.map((cell) => cell.kind === 'code' && [cell.language, cell.source]), [
      ['js', 'edited()'],
      ['ts', 'edited()'],
      ['js', 'edited()'],
      ['ts', 'edited()'],
    ]);
  });

  test('a cell whose language changes keeps the rest of its info string', () => {
    const changed = setCellLanguage(parse(file), 'a', 'ts');
    assert.ok(changed.ok);
    assert.match(serializeNotebook(changed.notebook), /^```ts title="a\.js" \{1,3\}$/m);
  });

  test('an info string with backticks, from a tilde fence, is written in a tilde fence', () => {
    const notebook = parse('~~~js `x`\ncode()\n~~~\n');
    const edited = editCell(notebook, notebook.setup.cells[0]?.id ?? '', 'changed()');
    assert.ok(edited.ok);
    const saved = serializeNotebook(edited.notebook);
    assert.match(saved, /^~~~js `x`\nchanged\(\)\n~~~$/m);
    assert.deepEqual(structureByCommonMark(saved), [['code', 'changed()']]);
  });
});

describe('real Markdown', () => {
  /** Every Markdown file the installed packages ship: a thousand READMEs, changelogs and docs written by people. */
  function markdownFiles(folder: string, found: string[] = []): string[] {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) markdownFiles(path, found);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) found.push(path);
    }
    return found;
  }

  test('Tessera finds the code cells and sections CommonMark finds in the Markdown of node_modules, and saves them faithfully', () => {
    const files = markdownFiles(join(packageRoot(), 'node_modules'));
    assert.ok(files.length > 200, `only ${files.length} Markdown files found`);
    const differing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // The long changelogs add time, not cases.
      if (text.length > 50_000) continue;
      const result = parseNotebook(text, sequentialIds('new'));
      if (!result.ok) {
        differing.push(`${file}: line ${result.error.line}: ${result.error.message}`);
        continue;
      }
      const found = structureByTessera(result.notebook);
      if (!isDeepStrictEqual(found, structureByCommonMark(text.replace(/\r\n?/g, '\n')))) differing.push(`${file}: read differently`);
      const saved = serializeNotebook(result.notebook);
      if (!isDeepStrictEqual(structureByCommonMark(saved), found)) differing.push(`${file}: saved differently`);
    }
    assert.deepEqual(differing, []);
  });
});

describe('random Markdown', () => {
  const lines = [
    '',
    'text',
    '## Heading',
    '##',
    '```js',
    '```ts',
    '```',
    '````',
    '~~~',
    '~~~javascript x',
    '```python',
    ' ```js',
    '  ```',
    '   ```ts',
    '    ```js',
    '  code()',
    '   ## indented',
    '- item',
    '- ```js',
    '1. ```ts',
    '2. two',
    '* star',
    '  - nested',
    '    ```js',
    '> quote',
    '> ```js',
    '<!--',
    '-->',
    '<!-- one line -->',
    '<div>',
    '</div>',
    '<pre>',
    '</pre>',
    '<span>',
    '<?x',
    '?>',
    '***',
    '---',
    '===',
    '<!-- tessera:unknown -->',
    '## closed ##',
    '~~~~',
    '```js ```',
    '\t```js',
    '- \t```js',
    '>',
    '> - ```js',
    '1) ```js',
    '-',
    '- ',
    '<!-- a',
    'b -->',
    '  <div>',
    '<textarea>',
    '</textarea>',
    '<a href="x">',
    '\ttab',
    '   - deep',
    '      ```js',
  ];
  const markdown = fc.array(fc.constantFrom(...lines), { maxLength: 16 }).map((chosen) => chosen.join('\n') + '\n');

  test('Tessera finds the code cells and sections that CommonMark finds', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        assertReadsAsCommonMark(text);
      }),
      { numRuns: 3000 },
    );
  });

  test('saving keeps the cells, and the saved file means the same to CommonMark', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        assertSavesFaithfully(parse(text));
      }),
      { numRuns: 1000 },
    );
  });
});
