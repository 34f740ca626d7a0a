/**
 * Writes a notebook as a `.tsnb` file: Markdown that GitHub renders as a document, with the
 * notebook's structure in HTML comments that GitHub hides (docs/notebook-format.md describes it).
 *
 * The file is a sequence of parts — the header, then each section followed by its cells — and
 * each part is written on its own, ending with the blank line that separates it from the next.
 * A part that was loaded from a file and has not changed since is written back exactly as the file
 * had it (its `written` form); only changed parts are written afresh. The reader computes the same
 * canonical parts to decide what to remember, which is why they are exported.
 */

import { stripAnsi } from './ansi.ts';
import {
  allSections,
  isBinaryMime,
  normalizeLineBreaks,
  normalizeTitle,
  type Cell,
  type CodeCell,
  type MarkdownCell,
  type Metadata,
  type Notebook,
  type RawCell,
  type SavedOutput,
  type Section,
  type WrittenForm,
} from './model.ts';
import { BlockTracker } from './markdown-blocks.ts';
import { fenceFor, infoLanguage, looksLikeStructure, writeComment, writeHeading } from './markdown-syntax.ts';

/** The extension of Tessera's own notebook files. */
export const notebookExtension = '.tsnb';

/** U+FEFF at the start of a file; the reader takes it off before reading and the writer puts it back. */
export const byteOrderMark = '\ufeff';

/** Keys of a comment's JSON that the format uses itself; metadata never holds them. */
export const reservedKeys = {
  notebook: ['saveOutputs'],
  section: ['id'],
  code: ['id'],
  markdown: ['id', 'openFence', 'openHtml', 'raw'],
  output: ['kind', 'stream', 'name', 'message', 'newline', 'mime'],
} as const;

/** The comment's JSON: the format's own fields first, then the metadata Tessera keeps for others. */
function commentFields(own: Record<string, unknown>, metadata: Metadata, reserved: readonly string[]): Record<string, unknown> {
  // Most parts have no metadata; building no new object for them keeps big notebooks fast.
  if (isEmpty(metadata)) return own;
  const kept = Object.entries(metadata).filter(([key]) => !reserved.includes(key));
  return Object.fromEntries([...Object.entries(own), ...kept]);
}

function isEmpty(record: Metadata): boolean {
  for (const _ in record) return false;
  return true;
}

/** Source lines; an empty source is no line at all, so that an empty code cell is two fences. */
function sourceLines(source: string): readonly string[] {
  return source === '' ? [] : normalizeLineBreaks(source).split('\n');
}

function joinLines(lines: readonly string[], eol: string): string {
  return lines.length === 0 ? '' : lines.join(eol) + eol;
}

function headerText(notebook: Notebook, eol: string): string {
  const lines: string[] = [];
  const title = normalizeTitle(notebook.title);
  if (title !== '') lines.push(writeHeading(1, title));
  const own = notebook.saveOutputs ? { saveOutputs: true } : {};
  const fields = commentFields(own, notebook.metadata, reservedKeys.notebook);
  if (Object.keys(fields).length > 0) lines.push(writeComment('notebook', fields));
  return joinLines(lines, eol);
}

function sectionText(section: Section, isSetup: boolean, eol: string): string {
  const comment = writeComment('section', commentFields({ id: section.id }, section.metadata, reservedKeys.section));
  return joinLines(isSetup ? [comment] : [comment, writeHeading(2, normalizeTitle(section.title))], eol);
}

/**
 * Markdown text goes out line by line, as typed. Lines that would read back as structure — those
 * at the top level of the document, outside fences, HTML blocks and list items — get a
 * `<!-- tessera:markdown -->` line before them. A fence or an HTML block (a comment) that the text
 * leaves open is closed, lest it swallow the next cell, and the cell's comment says so
 * (`openFence`, `openHtml`), so that the reader drops that line again.
 */
function markdownCellText(cell: MarkdownCell | RawCell, eol: string): string {
  const lines: string[] = [];
  const blocks = new BlockTracker();
  for (const line of normalizeLineBreaks(cell.source).split('\n')) {
    if (blocks.next(line) && looksLikeStructure(line)) lines.push(writeComment('markdown'));
    lines.push(line);
  }
  const open = blocks.openAtEnd();
  if (open !== undefined) lines.push(open.closer);
  // A raw cell is written as Markdown text whose comment says it is raw.
  const own: Record<string, unknown> = cell.kind === 'raw' ? { id: cell.id, raw: true } : { id: cell.id };
  if (open !== undefined) own[open.flag] = true;
  const comment = writeComment('cell', commentFields(own, cell.metadata, reservedKeys.markdown));
  return joinLines([comment, ...lines], eol);
}

/** The info string of a rich output's block, so that viewers colour it as what it is. */
function richFenceInfo(mime: string): string {
  if (isBinaryMime(mime)) return 'base64';
  if (mime === 'text/html') return 'html';
  if (mime === 'text/markdown') return 'markdown';
  if (mime === 'image/svg+xml') return 'svg';
  return /[/+]json$/.test(mime) ? 'json' : 'text';
}

/** Base64 goes out in lines of 76 characters, which the reader joins again. */
const base64LineLength = 76;

/**
 * A rich output: a block after a `"kind":"rich"` comment with its MIME type. Images are their
 * base64 in short lines; the rest is text as the data has it, written like a text output.
 */
function richOutputLines(output: Extract<SavedOutput, { kind: 'rich' }>): readonly string[] {
  const own = { kind: 'rich', mime: output.mime };
  let lines: string[];
  let fields: Record<string, unknown>;
  if (isBinaryMime(output.mime)) {
    // Base64 from a Jupyter file may hold line breaks of its own.
    lines = output.data.replace(/\s+/g, '').match(new RegExp(`.{1,${base64LineLength}}`, 'g')) ?? [];
    fields = commentFields(own, output.metadata ?? {}, reservedKeys.output);
  } else {
    const text = normalizeLineBreaks(output.data);
    const newline = text.endsWith('\n');
    lines = (newline ? text.slice(0, -1) : text).split('\n');
    fields = commentFields(newline ? own : { ...own, newline: false }, output.metadata ?? {}, reservedKeys.output);
  }
  const fence = fenceFor(lines);
  return [writeComment('output', fields), `${fence}${richFenceInfo(output.mime)}`, ...lines, fence];
}

/**
 * An output is a fenced `text` block after a comment that says what it is. The block shows the
 * text without its final line break; `newline: false` says the text had none.
 */
function outputLines(output: SavedOutput): readonly string[] {
  if (output.kind === 'rich') return richOutputLines(output);
  if (output.kind === 'opaque') {
    const fence = fenceFor(output.lines);
    return [writeComment('output', output.fields), `${fence}${output.info}`, ...output.lines, fence];
  }
  const shown = (text: string): string => normalizeLineBreaks(stripAnsi(text));
  const own: Record<string, unknown> =
    output.kind === 'text'
      ? { kind: 'text', stream: output.stream }
      : output.kind === 'value'
        ? { kind: 'value' }
        : { kind: 'error', name: shown(output.name), message: shown(output.message) };
  const text = shown(output.kind === 'error' ? output.stack : output.text);
  const newline = text.endsWith('\n');
  const lines = (newline ? text.slice(0, -1) : text).split('\n');
  const fields = commentFields(newline ? own : { ...own, newline: false }, output.metadata ?? {}, reservedKeys.output);
  const fence = fenceFor(lines);
  return [writeComment('output', fields), `${fence}text`, ...lines, fence];
}

/** The fence's info string: the one the file had, with the cell's language first if that changed. */
function codeFenceInfo(cell: CodeCell): string {
  const info = cell.info;
  if (info === undefined || info === '') return cell.language;
  if (infoLanguage(info) === cell.language) return info;
  const rest = /^\S*(.*)$/s.exec(info)?.[1] ?? '';
  return `${cell.language}${rest}`;
}

function codeCellText(cell: CodeCell, eol: string, saveOutputs: boolean): string {
  const comment = writeComment('cell', commentFields({ id: cell.id }, cell.metadata, reservedKeys.code));
  const lines = sourceLines(cell.source);
  const info = codeFenceInfo(cell);
  // A backtick fence cannot have a backtick in its info string; a tilde fence can.
  const fence = fenceFor(lines, info.includes('`') ? '~' : '`');
  const outputs = saveOutputs ? cell.outputs.flatMap(outputLines) : [];
  return joinLines([comment, `${fence}${info}`, ...lines, fence, ...outputs], eol);
}

/**
 * Each cell's text, by the cell: cells are immutable, so a notebook written again (each backup
 * while one edits, each save) writes afresh only the cells that changed. Besides the cell, the text
 * depends only on the notebook's line ending and on whether it saves outputs, which the entry
 * records.
 */
const writtenCells = new WeakMap<Cell, { readonly eol: string; readonly saveOutputs: boolean; readonly text: string }>();

function cellText(cell: Cell, eol: string, saveOutputs: boolean): string {
  const cached = writtenCells.get(cell);
  if (cached !== undefined && cached.eol === eol && cached.saveOutputs === saveOutputs) return cached.text;
  const text = cell.kind === 'code' ? codeCellText(cell, eol, saveOutputs) : markdownCellText(cell, eol);
  writtenCells.set(cell, { eol, saveOutputs, text });
  return text;
}

/** A part in the order of the file, with how a file had it, if it did. */
interface Part {
  readonly text: (eol: string) => string;
  readonly written: WrittenForm | undefined;
}

function partsOf(notebook: Notebook): readonly Part[] {
  const parts: Part[] = [{ text: (eol) => headerText(notebook, eol), written: notebook.written }];
  for (const section of allSections(notebook)) {
    const isSetup = section === notebook.setup;
    parts.push({ text: (eol) => sectionText(section, isSetup, eol), written: section.written });
    for (const cell of section.cells) {
      parts.push({ text: (eol) => cellText(cell, eol, notebook.saveOutputs), written: cell.written });
    }
  }
  return parts;
}

/**
 * Every part as Tessera writes it, separated by a blank line. The file ends with a single line
 * break: the last part has no separator unless its own last line is blank (a Markdown cell whose
 * text ends with an empty line needs the separator to keep that line).
 */
export function canonicalParts(notebook: Notebook): readonly string[] {
  const eol = notebook.lineEnding ?? '\n';
  const parts = partsOf(notebook);
  return parts.map((part, index) => {
    const text = part.text(eol);
    if (text === '') return text;
    const isLast = index === parts.length - 1;
    return isLast && !text.endsWith(eol + eol) ? text : text + eol;
  });
}

/** The file for a notebook: unchanged parts as the file had them, the rest as Tessera writes them. */
export function serializeNotebook(notebook: Notebook): string {
  const written = partsOf(notebook).map((part) => part.written);
  const bom = notebook.byteOrderMark === true ? byteOrderMark : '';
  return bom + canonicalParts(notebook)
    .map((canonical, index) => {
      const form = written[index];
      return form !== undefined && form.canonical === canonical ? form.text : canonical;
    })
    .join('');
}
