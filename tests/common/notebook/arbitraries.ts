/**
 * Random notebooks for the property tests, made of the content that breaks naive notebook
 * formats: backticks and nested fences, fences of other languages, HTML comments (some that look
 * exactly like Tessera's), headings in Markdown, Unicode, empty cells and sections, titles with `#`.
 *
 * Also `reformat`, which rewrites a file the way a person or another tool might — CRLF, trailing
 * whitespace, longer fences, tildes, other info strings, JSON spaced differently, extra blank
 * lines — without changing what it means, to check that Tessera reads such files to the same
 * notebook and writes them back byte for byte.
 */

import fc from 'fast-check';
import type { Cell, Metadata, Notebook, SavedOutput, Section } from '../../../common/notebook/model.ts';
import { normalizeTitle } from '../../../common/notebook/model.ts';
import { matchFence } from '../../../common/notebook/markdown-syntax.ts';

/** Lines that mean something to a Markdown or notebook reader. */
const trickyLines = [
  '',
  ' ',
  'plain text',
  'trailing spaces  ',
  '# a title',
  '## a section',
  '##',
  '### a subsection',
  '```',
  '````',
  '```js',
  '```ts',
  '```typescript',
  '~~~',
  '~~~ts',
  '```python',
  '````md',
  '  ```js',
  '    ```ts',
  '\t```',
  '``` `x`',
  '<!-- a comment -->',
  '<!--',
  '-->',
  '<!-- tessera:cell {"id":"fake"} -->',
  '<!-- tessera:section {"id":"fake"} -->',
  '<!-- tessera:markdown -->',
  '<!-- tessera:output {"kind":"value"} -->',
  '<!-- tessera:notebook {} -->',
  '<!-- tessera:unknown {} -->',
  '<!-- tessera:cell {bad json -->',
  'const s = `template ${x}`;',
  'é 😀 中文 \u2028 \u00a0',
  '> quote ```js',
  '- list',
  '- ```js',
  '1. ```ts',
  '2) item',
  '   ```ts',
  ' ```javascript',
  '  ```',
  '<div>',
  '</div>',
  '<details><summary>x</summary>',
  '<pre>',
  '</pre>',
  '<!-- open',
  '<?php',
  '<![CDATA[',
  ']]>',
  '<span class="x">',
  '***',
  '===',
];

const line = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...trickyLines) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }).map((text) => text.replace(/[\r\n\u001b]/g, '')) },
);

/** Text of zero or more lines, never with `\r` (sources hold `\n` only). */
export const text = fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n'));

/** Output text: any lines, maybe with a final line break. */
const outputText = fc.tuple(fc.array(line, { maxLength: 4 }), fc.boolean()).map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''));

const title = fc
  .oneof(fc.constantFrom('', '#', 'C#', 'C #', 'a ##', '# #', 'x \\#', 'Title', 'tab\there', ' spaced '), fc.string({ unit: 'grapheme' }))
  .map(normalizeTitle);

/** JSON values that come back from JSON unchanged (no -0, no undefined). */
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

/** Metadata with keys the format does not reserve (they all start with `x`). */
const metadata: fc.Arbitrary<Metadata> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.string().map((key) => `x${key}`), jsonValue), { maxLength: 3 })
      .map((entries) => Object.fromEntries(entries)),
  },
);

const outputMetadata = metadata.map((value) => (Object.keys(value).length === 0 ? {} : { metadata: value }));

/** Rich outputs: text kinds with any text, images as base64, JSON kinds as JSON text. */
const richOutput: fc.Arbitrary<SavedOutput> = fc.oneof(
  fc
    .tuple(fc.constantFrom('text/html', 'text/markdown', 'image/svg+xml', 'application/x-unknown'), outputText, outputMetadata)
    .map(([mime, data, extra]) => ({ kind: 'rich' as const, mime, data, ...extra })),
  fc
    .tuple(fc.constantFrom('image/png', 'image/jpeg', 'image/gif', 'image/webp'), fc.uint8Array({ maxLength: 200 }), outputMetadata)
    .map(([mime, bytes, extra]) => ({ kind: 'rich' as const, mime, data: Buffer.from(bytes).toString('base64'), ...extra })),
  fc
    .tuple(fc.constantFrom('application/json', 'application/vnd.tessera.table+json'), jsonValue, outputMetadata)
    .map(([mime, value, extra]) => ({ kind: 'rich' as const, mime, data: JSON.stringify(value) ?? 'null', ...extra })),
);

/** Outputs only Jupyter files keep: several forms of one output, the first one shown. */
const bundledOutput: fc.Arbitrary<SavedOutput> = fc
  .tuple(richOutput, fc.constantFrom('text/plain', 'image/png', 'application/vnd.vegalite.v5+json'), outputText)
  .map(([first, mime, data]) =>
    first.kind === 'rich' && first.mime !== mime
      ? { ...first, alternatives: { [mime]: mime === 'image/png' ? Buffer.from(data).toString('base64') : mime.endsWith('json') ? JSON.stringify(data) : data } }
      : first,
  );

/** Outputs of a kind a newer Tessera writes: only `.tsnb` files keep them. */
const opaqueOutput: fc.Arbitrary<SavedOutput> = fc
  .tuple(fc.constantFrom('chart', 'widget', 'x-future'), metadata, fc.constantFrom('text', 'json', 'vega', ''), fc.array(line, { maxLength: 3 }))
  .map(([kind, fields, info, lines]) => ({ kind: 'opaque' as const, fields: { kind, ...fields }, info, lines }));

/** Which file format the notebook must survive: each keeps things the other does not. */
export type Keeps = 'tsnb' | 'ipynb';

const output = (keeps: Keeps): fc.Arbitrary<SavedOutput> => fc.oneof(
  keeps === 'ipynb' ? bundledOutput : opaqueOutput,
  richOutput,
  fc
    .tuple(fc.constantFrom('stdout' as const, 'stderr' as const), outputText, outputMetadata)
    .map(([stream, body, extra]) => ({ kind: 'text' as const, stream, text: body, ...extra })),
  fc.tuple(outputText, outputMetadata).map(([body, extra]) => ({ kind: 'value' as const, text: body, ...extra })),
  fc
    .tuple(fc.string(), fc.string(), outputText, outputMetadata)
    .map(([name, message, stack, extra]) => ({
      kind: 'error' as const,
      name: name.replace(/[\r\u001b]/g, ''),
      message: message.replace(/[\r\u001b]/g, ''),
      stack,
      ...extra,
    })),
);

/** Info strings of code fences that say more than `js` or `ts`. */
const fenceInfos = {
  js: ['javascript', 'JS', 'js title="a.js" {1,3}', 'js `ticks`'],
  ts: ['typescript', 'TS', 'ts twoslash', 'ts {title=x}'],
} as const;

/** A cell with a placeholder id; `withIds` gives the real ones. */
const cell = (withOutputs: boolean, keeps: Keeps): fc.Arbitrary<Cell> =>
  fc.oneof(
    fc.tuple(text, metadata).map(([source, meta]): Cell => ({ kind: 'markdown', id: '', source, metadata: meta })),
    fc.tuple(text, metadata).map(([source, meta]): Cell => ({ kind: 'raw', id: '', source, metadata: meta })),
    fc
      .tuple(
        fc.constantFrom('js' as const, 'ts' as const),
        text,
        metadata,
        fc.array(output(keeps), { maxLength: withOutputs ? 3 : 0 }),
        keeps === 'ipynb' ? fc.option(fc.nat({ max: 1000 }), { nil: undefined }) : fc.constant(undefined),
        fc.nat(9),
      )
      .map(([language, source, meta, outputs, count, pick]): Cell => {
        // Most fences say only the language; some spell it out or say more, which a .tsnb keeps.
        const info = pick < 6 || keeps === 'ipynb' ? undefined : fenceInfos[language][pick - 6];
        return {
          kind: 'code',
          id: '',
          language,
          ...(info === undefined ? {} : { info }),
          source,
          metadata: meta,
          outputs,
          ...(count === undefined ? {} : { executionCount: count }),
        };
      }),
  );

const section = (withOutputs: boolean, keeps: Keeps): fc.Arbitrary<Section> =>
  fc
    .tuple(title, fc.array(cell(withOutputs, keeps), { maxLength: 4 }), metadata)
    .map(([sectionTitle, cells, meta]) => ({ id: '', title: sectionTitle, cells, metadata: meta }));

/** Ids that are awkward in JSON and HTML, made unique by a counter. */
const idStem = fc.oneof(fc.constantFrom('c', 'a"b', '-->', 'é😀', ' ', 'x\\y', '<!--'), fc.string({ minLength: 1 }));

function withIds(notebook: Notebook, stems: readonly string[]): Notebook {
  let count = 0;
  const next = (): string => `${stems[count % stems.length] ?? 'c'}${++count}`;
  const identify = (part: Section): Section => ({
    ...part,
    id: next(),
    cells: part.cells.map((one) => ({ ...one, id: next() })),
  });
  return { ...notebook, setup: identify(notebook.setup), sections: notebook.sections.map(identify) };
}

/**
 * A notebook as Tessera holds it: nothing in the bin, nothing remembered from a file; with what a
 * file of the format `keeps` can hold (`notebook` for `.tsnb`, `jupyterNotebook` for `.ipynb`).
 */
const notebookFor = (keeps: Keeps): fc.Arbitrary<Notebook> => fc.boolean().chain((saveOutputs) =>
  fc
    .record({
      title,
      setupCells: fc.array(cell(saveOutputs, keeps), { maxLength: 4 }),
      sections: fc.array(section(saveOutputs, keeps), { maxLength: 3 }),
      metadata,
      crlf: fc.boolean(),
      bom: fc.boolean(),
      stems: fc.array(idStem, { minLength: 1, maxLength: 5 }),
    })
    .map(({ title: notebookTitle, setupCells, sections, metadata: meta, crlf, bom, stems }) =>
      withIds(
        {
          title: notebookTitle,
          setup: { id: '', title: '', cells: setupCells, metadata: {} },
          sections,
          metadata: meta,
          saveOutputs,
          ...(crlf ? { lineEnding: '\r\n' as const } : {}),
          ...(bom ? { byteOrderMark: true } : {}),
        },
        stems,
      ),
    ),
);

export const notebook = notebookFor('tsnb');
export const jupyterNotebook = notebookFor('ipynb');

// ---------------------------------------------------------------------------------------------
// Reformatting a file without changing what it means

/** Choices for `reformat`, drawn by fast-check so that failures shrink. */
export const choices = fc.array(fc.nat({ max: 99 }), { minLength: 64, maxLength: 64 });

class Chooser {
  private next = 0;
  constructor(private readonly picks: readonly number[]) {}
  /** An integer in [0, count). */
  pick(count: number): number {
    const value = this.picks[this.next++ % this.picks.length] ?? 0;
    return value % count;
  }
  chance(percent: number): boolean {
    return this.pick(100) < percent;
  }
}

const trailing = (choose: Chooser): string => ['', ' ', '  ', '\t'][choose.pick(4)] ?? '';

/** A comment with its JSON spaced and ordered differently. */
function respaceComment(commentLine: string, choose: Chooser): string {
  const match = /^<!-- tessera:(\w+)(?: (.*))? -->$/.exec(commentLine);
  if (match === null || match[2] === undefined) return commentLine + trailing(choose);
  const fields = Object.entries(JSON.parse(match[2]) as Record<string, unknown>);
  if (choose.chance(30)) fields.reverse();
  const spaced = `{${fields.map(([key, val]) => `${JSON.stringify(key)}: ${JSON.stringify(val)}`).join(', ')}}`;
  const json = choose.chance(50) ? spaced.replace(/--(!?)>/g, '--$1\\u003e') : match[2];
  return `<!-- tessera:${match[1]} ${json} -->${trailing(choose)}`;
}

function reheading(headingLine: string, choose: Chooser): string {
  const marks = /^#+/.exec(headingLine)?.[0] ?? '';
  const rest = headingLine.slice(marks.length);
  const closing = !headingLine.endsWith('#') && choose.chance(30) ? ` ${'#'.repeat(1 + choose.pick(3))}` : '';
  const spaces = rest === '' ? '' : ' '.repeat(choose.pick(3));
  return `${marks}${spaces}${rest}${closing}${trailing(choose)}`;
}

/** Rewrites the fence around `lines[open + 1 .. close - 1]`: other character, length, info, spacing. */
function refence(lines: string[], open: number, close: number, choose: Chooser, aliases: readonly string[]): void {
  const content = lines.slice(open + 1, close);
  const runs = (char: string): number =>
    Math.max(0, ...content.map((one) => new RegExp(`^ {0,3}(\\${char}+)[ \\t]*$`).exec(one)?.[1]?.length ?? 0));
  const info = aliases[choose.pick(aliases.length)] ?? '';
  // A backtick fence cannot have a backtick in its info string.
  const char = info.includes('`') || choose.chance(40) ? '~' : '`';
  const length = Math.max(3, runs(char) + 1) + choose.pick(3);
  lines[open] = `${char.repeat(length)}${choose.chance(20) ? ' ' : ''}${info}${trailing(choose)}`;
  lines[close] = `${' '.repeat(choose.pick(3) === 0 ? 1 : 0)}${char.repeat(length + choose.pick(2))}${trailing(choose)}`;
}

const blankLines = (choose: Chooser): string[] => Array.from({ length: choose.pick(3) }, () => (choose.chance(30) ? '  ' : ''));

/**
 * Reformats one part of a file that Tessera wrote with `\n` (`canonicalParts`): only lines that are
 * structure change, so the part still means the same.
 */
function reformatPart(part: string, kind: 'header' | 'section' | Cell, choose: Chooser): string {
  if (part === '') return part;
  const separated = part.endsWith('\n\n');
  const lines = part.slice(0, separated ? -2 : -1).split('\n');
  if (kind === 'header') {
    const out = lines.map((one) => (one.startsWith('#') ? reheading(one, choose) : respaceComment(one, choose)));
    return [...out, ...blankLines(choose)].join('\n') + (separated ? '\n\n' : '\n');
  }
  lines[0] = respaceComment(lines[0] ?? '', choose);
  if (kind === 'section') {
    if (lines[1] !== undefined) lines[1] = reheading(lines[1], choose);
    return [...lines, ...blankLines(choose)].join('\n') + (separated ? '\n\n' : '\n');
  }
  if (kind.kind !== 'code') return lines.join('\n') + (separated ? '\n\n' : '\n');

  // The info string is the cell's own (its spelling is kept): only its spacing may change.
  const info = matchFence(lines[1] ?? '')?.info ?? kind.language;
  const sourceLength = kind.source === '' ? 0 : kind.source.split('\n').length;
  refence(lines, 1, 2 + sourceLength, choose, [info]);
  let index = 3 + sourceLength;
  const out = lines.slice(0, index);
  for (let outputIndex = 0; index < lines.length; outputIndex++) {
    // An output: its comment, a fence, the text, the closing fence; blank lines may come before it.
    out.push(...blankLines(choose), respaceComment(lines[index] ?? '', choose));
    const fence = /^`+/.exec(lines[index + 1] ?? '')?.[0];
    let close = index + 2;
    while (close < lines.length && lines[close] !== fence) close++;
    const block = lines.slice(index + 1, close + 1);
    // The info string of an output of a newer kind is part of it; other outputs' is only a hint.
    const shown = kind.outputs[outputIndex];
    refence(block, 0, block.length - 1, choose, shown?.kind === 'opaque' ? [shown.info] : ['text', '', 'console']);
    out.push(...block);
    index = close + 1;
  }
  return [...out, ...blankLines(choose)].join('\n') + (separated ? '\n\n' : '\n');
}

/** The parts' kinds, in the order of `canonicalParts`. */
function partKinds(notebook: Notebook): ('header' | 'section' | Cell)[] {
  return [notebook.setup, ...notebook.sections].reduce<('header' | 'section' | Cell)[]>(
    (kinds, part) => [...kinds, 'section', ...part.cells],
    ['header'],
  );
}

/** A part's line breaks changed at random to `\r\n`; the last part maybe without its final one. */
function relineEnd(part: string, crlfPercent: number, isLast: boolean, choose: Chooser): string {
  const lines = part.split('\n');
  const last = lines.pop();
  let out = lines.map((one) => one + (choose.chance(crlfPercent) ? '\r\n' : '\n')).join('');
  if (last !== '') out += last;
  // Without a final line break the last line still reads the same, unless it is blank.
  if (isLast && !/(\r?\n){2}$/.test(out) && choose.chance(20)) out = out.replace(/\r?\n$/, '');
  return out;
}

/**
 * The parts of a file Tessera wrote with `\n` (`canonicalParts(notebook)`), each reformatted; the
 * file is their concatenation.
 */
export function reformat(canonical: readonly string[], notebook: Notebook, picks: readonly number[]): string[] {
  const choose = new Chooser(picks);
  const kinds = partKinds(notebook);
  const crlfPercent = choose.chance(50) ? 90 : 10;
  return canonical.map((part, index) => {
    const isLast = index === canonical.length - 1;
    return relineEnd(reformatPart(part, kinds[index] ?? 'section', choose), crlfPercent, isLast, choose);
  });
}

/** A notebook without what a file taught it about its formatting (line ending, BOM), for comparing content. */
export function contentOf(value: Notebook): Notebook {
  const strip = <T extends { readonly written?: unknown }>(part: T): T => {
    const { written: _written, ...rest } = part;
    return rest as T;
  };
  const section = (part: Section): Section => strip({ ...part, cells: part.cells.map(strip) });
  const { lineEnding: _lineEnding, byteOrderMark: _byteOrderMark, ...rest } = strip(value);
  return { ...rest, setup: section(value.setup), sections: value.sections.map(section) };
}
