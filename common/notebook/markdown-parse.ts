/**
 * Reads a `.tsnb` file, or any Markdown file, into a notebook. Reading never throws on bad input:
 * a file it cannot make sense of gives an error value with the 1-based line to look at.
 *
 * The reader walks the file line by line. Lines that are structure — Tessera comments, `##`
 * headings, js/ts fences — start the file's parts (sections and cells); every other line belongs to
 * the Markdown cell it stands in. A plain Markdown file, which has no Tessera comments, reads the
 * same way: its parts simply get fresh ids.
 *
 * Each part remembers the exact text it was read from when that differs from how Tessera would
 * write it, so that saving an unchanged notebook writes the same bytes (see `WrittenForm`).
 * Only parts that the file fully described (with their own id) remember it: a part that gets a
 * fresh id must be written afresh, or the id would be lost.
 */

import type { Language } from '../protocol/runtime.ts';
import type { NewId } from './ids.ts';
import { isBinaryMime, type Cell, type Metadata, type Notebook, type SavedOutput, type Section, type WrittenForm } from './model.ts';
import { BlockTracker } from './markdown-blocks.ts';
import {
  closesFence,
  codeFenceLanguage,
  detectLineEnding,
  fenceIndent,
  headingText,
  isBlank,
  isSectionLine,
  isTitleLine,
  isUnknownComment,
  matchComment,
  matchFence,
  splitLines,
  type Fence,
  type TesseraComment,
} from './markdown-syntax.ts';
import { byteOrderMark, canonicalParts, reservedKeys } from './markdown-write.ts';

export interface MarkdownParseError {
  /** 1-based line of the file where the problem is. */
  readonly line: number;
  readonly message: string;
}

export type MarkdownParseResult =
  | { readonly ok: true; readonly notebook: Notebook }
  | { readonly ok: false; readonly error: MarkdownParseError };

/** What a step of reading gives: a value, or the error that ends the reading. */
type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: MarkdownParseError };

function value<T>(read: T): Read<T> {
  return { ok: true, value: read };
}

/** `index` is 0-based, as everywhere in the reader; the error says 1-based, as editors do. */
function fault<T>(index: number, message: string): Read<T> {
  return { ok: false, error: { line: index + 1, message } };
}

/** A part of the file on its way to becoming a section or a cell. */
interface Draft {
  /** The line the part starts on; it ends where the next part starts. */
  readonly start: number;
  /** The id the file gave, or undefined when it gave none. */
  readonly fileId: string | undefined;
}

interface CellDraft extends Draft {
  /** The cell, but for its id. */
  readonly cell: Cell;
}

interface SectionDraft extends Draft {
  readonly title: string;
  readonly metadata: Metadata;
  readonly cells: CellDraft[];
}

/** The lines being read, and the parts read so far. */
interface Reader {
  readonly lines: readonly string[];
  readonly sections: SectionDraft[];
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && isBlank(lines[index] ?? '')) index++;
  return index;
}

/** The JSON object of a Tessera comment (`{}` when it has none). */
function readFields(comment: TesseraComment, index: number): Read<Record<string, unknown>> {
  if (comment.json === undefined) return value({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(comment.json);
  } catch (error) {
    return fault(index, `The tessera:${comment.kind} comment does not hold valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fault(index, `The tessera:${comment.kind} comment must hold a JSON object`);
  }
  return value(parsed as Record<string, unknown>);
}

function withoutKeys(fields: Record<string, unknown>, keys: readonly string[]): Metadata {
  const entries = Object.entries(fields);
  // Most comments hold nothing but the format's own keys: no need to build anything for them.
  if (entries.every(([key]) => keys.includes(key))) return {};
  return Object.fromEntries(entries.filter(([key]) => !keys.includes(key)));
}

function readId(fields: Record<string, unknown>, index: number): Read<string | undefined> {
  const id = fields['id'];
  if (id === undefined || id === '') return value(undefined);
  if (typeof id !== 'string') return fault(index, 'An id must be a string');
  return value(id);
}

// ---------------------------------------------------------------------------------------------
// The header: title and notebook metadata

interface Header {
  readonly title: string;
  readonly fields: Record<string, unknown>;
  /** The first line after the header. */
  readonly end: number;
}

/** The `#` title and the notebook comment, in either order, before anything else. */
function readHeader(lines: readonly string[]): Read<Header> {
  let title: string | undefined;
  let fields: Record<string, unknown> | undefined;
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (isBlank(line)) continue;
    const comment = matchComment(line);
    if (title === undefined && isTitleLine(line)) {
      title = headingText(line, 1);
    } else if (fields === undefined && comment?.kind === 'notebook') {
      const read = readFields(comment, index);
      if (!read.ok) return read;
      fields = read.value;
    } else {
      break;
    }
  }
  return value({ title: title ?? '', fields: fields ?? {}, end: index });
}

// ---------------------------------------------------------------------------------------------
// Markdown cells

/**
 * Reads the Markdown that starts at `from`, up to the next line that is structure. A cell with a
 * comment gives its text exactly, but for the blank line that separates it from the next part (and
 * the fence Tessera closed for it); Markdown without a comment, from a plain Markdown file, loses
 * its surrounding blank lines, which Tessera's separators then stand for.
 */
function readMarkdownCell(
  reader: Reader,
  start: number,
  from: number,
  fields: Record<string, unknown> | undefined,
  fileId: string | undefined,
): Read<number> {
  const { lines } = reader;
  const content: string[] = [];
  // Only a line at the top level of the document can be structure: never one inside a fence, an
  // HTML block or a list item. What is left open at the end of the file runs to its end.
  const blocks = new BlockTracker();
  let index = from;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (blocks.next(line)) {
      const comment = matchComment(line);
      if (comment?.kind === 'markdown') {
        const read = readFields(comment, index);
        if (!read.ok) return read;
        const text = lines[index + 1];
        if (text !== undefined) {
          content.push(text);
          blocks.next(text);
        }
        index += 2;
        continue;
      }
      if (comment !== undefined || isSectionLine(line) || codeFenceLanguage(line) !== undefined) break;
    }
    content.push(line);
    index++;
  }

  if (fields !== undefined) {
    if (content[content.length - 1] === '') content.pop();
    // The line Tessera added to close what the cell's text left open.
    if (fields['openFence'] === true || fields['openHtml'] === true) content.pop();
  } else {
    let first = 0;
    while (first < content.length && isBlank(content[first] ?? '')) first++;
    while (content.length > first && isBlank(content[content.length - 1] ?? '')) content.pop();
    content.splice(0, first);
    if (content.length === 0) return value(index);
  }
  const metadata = fields === undefined ? {} : withoutKeys(fields, reservedKeys.markdown);
  currentSection(reader).cells.push({
    start,
    fileId,
    cell: { kind: fields?.['raw'] === true ? 'raw' : 'markdown', id: '', source: content.join('\n'), metadata },
  });
  return value(index);
}

// ---------------------------------------------------------------------------------------------
// Code cells and their outputs

interface Block {
  readonly lines: readonly string[];
  /** The first line after the closing fence. */
  readonly end: number;
}

/**
 * The lines inside the fence that opens on line `index`, as CommonMark reads them: a fence left
 * open runs to the end of the file, and a fence indented by some spaces takes up to as many off
 * each line inside it.
 */
function readFenced(lines: readonly string[], index: number, fence: Fence): Block {
  let close = index + 1;
  while (close < lines.length && !closesFence(lines[close] ?? '', fence)) close++;
  const inside = lines.slice(index + 1, close);
  const indent = fenceIndent(lines[index] ?? '');
  const dedented = indent === 0 ? inside : inside.map((line) => removeIndent(line, indent));
  return { lines: dedented, end: Math.min(close + 1, lines.length) };
}

/** A line without up to `columns` columns of its indentation; a tab that reaches past them leaves the rest as spaces. */
function removeIndent(line: string, columns: number): string {
  let column = 0;
  let offset = 0;
  while (column < columns && offset < line.length) {
    const char = line[offset];
    if (char === ' ') column++;
    else if (char === '\t') column += 4 - (column % 4);
    else break;
    offset++;
  }
  return column > columns ? ' '.repeat(column - columns) + line.slice(offset) : line.slice(offset);
}

function readOutput(fields: Record<string, unknown>, info: string, block: readonly string[], index: number): Read<SavedOutput> {
  const text = block.join('\n') + (fields['newline'] === false ? '' : '\n');
  const metadataOf = (): Metadata | undefined => {
    const metadata = withoutKeys(fields, reservedKeys.output);
    return Object.keys(metadata).length > 0 ? metadata : undefined;
  };
  const metadata = metadataOf();
  const extra = metadata === undefined ? {} : { metadata };
  const { kind, stream, name, message, mime } = fields;
  if (kind === 'text') {
    if (stream !== 'stdout' && stream !== 'stderr') return fault(index, 'A text output needs "stream": "stdout" or "stderr"');
    return value({ kind, stream, text, ...extra });
  }
  if (kind === 'value') return value({ kind, text, ...extra });
  if (kind === 'error') {
    if (typeof name !== 'string' || typeof message !== 'string') {
      return fault(index, 'An error output needs a "name" and a "message" string');
    }
    return value({ kind, name, message, stack: text, ...extra });
  }
  if (kind === 'rich') {
    if (typeof mime !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(mime)) {
      return fault(index, 'A rich output needs a "mime" type, such as "text/html"');
    }
    // Base64 is written in short lines: the data is the lines joined.
    return value({ kind, mime, data: isBinaryMime(mime) ? block.join('').replace(/\s+/g, '') : text, ...extra });
  }
  if (typeof kind === 'string' && kind !== '') {
    // A kind of a newer Tessera: kept exactly, to be written back as it came.
    return value({ kind: 'opaque', fields, info, lines: block });
  }
  return fault(index, 'An output needs a "kind": "text", "value", "error", "rich", or one of a newer Tessera');
}

/** Outputs: each a Tessera output comment and the fenced block after it. */
function readOutputs(lines: readonly string[], from: number): Read<{ outputs: SavedOutput[]; end: number }> {
  const outputs: SavedOutput[] = [];
  let end = from;
  for (;;) {
    const index = nextNonBlank(lines, end);
    const comment = matchComment(lines[index] ?? '');
    if (comment?.kind !== 'output') return value({ outputs, end });
    const fields = readFields(comment, index);
    if (!fields.ok) return fields;
    const fenceIndex = nextNonBlank(lines, index + 1);
    const fence = matchFence(lines[fenceIndex] ?? '');
    if (fence === undefined) return fault(index, 'An output comment must be followed by a fenced block');
    const block = readFenced(lines, fenceIndex, fence);
    const output = readOutput(fields.value, fence.info, block.lines, index);
    if (!output.ok) return output;
    outputs.push(output.value);
    end = block.end;
  }
}

function readCodeCell(
  reader: Reader,
  start: number,
  fenceIndex: number,
  language: Language,
  fields: Record<string, unknown>,
  fileId: string | undefined,
): Read<number> {
  const { lines } = reader;
  const fence = matchFence(lines[fenceIndex] ?? '');
  if (fence === undefined) throw new Error('readCodeCell called on a line that is not a fence');
  const block = readFenced(lines, fenceIndex, fence);
  const outputs = readOutputs(lines, block.end);
  if (!outputs.ok) return outputs;
  currentSection(reader).cells.push({
    start,
    fileId,
    cell: {
      kind: 'code',
      id: '',
      language,
      // The info string is kept when it says more than the language's own name.
      ...(fence.info === language ? {} : { info: fence.info }),
      source: block.lines.join('\n'),
      metadata: withoutKeys(fields, reservedKeys.code),
      outputs: outputs.value.outputs,
    },
  });
  return value(outputs.value.end);
}

// ---------------------------------------------------------------------------------------------
// Sections and the body

function currentSection(reader: Reader): SectionDraft {
  const section = reader.sections[reader.sections.length - 1];
  if (section === undefined) throw new Error('The reader always has the setup section');
  return section;
}

/** A `tessera:cell` comment: a code cell when a js/ts fence follows it, a Markdown cell otherwise. */
function readCommentedCell(reader: Reader, index: number, comment: TesseraComment): Read<number> {
  const fields = readFields(comment, index);
  if (!fields.ok) return fields;
  const id = readId(fields.value, index);
  if (!id.ok) return id;
  const fenceIndex = nextNonBlank(reader.lines, index + 1);
  const language = codeFenceLanguage(reader.lines[fenceIndex] ?? '');
  return language === undefined
    ? readMarkdownCell(reader, index, index + 1, fields.value, id.value)
    : readCodeCell(reader, index, fenceIndex, language, fields.value, id.value);
}

/**
 * A `tessera:section` comment: the section whose `##` heading follows it, or the setup section
 * when it comes first in the body, before any cell or section.
 */
function readSectionComment(reader: Reader, index: number, comment: TesseraComment, isFirst: boolean): Read<number> {
  const fields = readFields(comment, index);
  if (!fields.ok) return fields;
  const id = readId(fields.value, index);
  if (!id.ok) return id;
  const metadata = withoutKeys(fields.value, reservedKeys.section);
  const headingIndex = nextNonBlank(reader.lines, index + 1);
  const heading = reader.lines[headingIndex];
  if (heading !== undefined && isSectionLine(heading)) {
    reader.sections.push({ start: index, fileId: id.value, title: headingText(heading, 2), metadata, cells: [] });
    return value(headingIndex + 1);
  }
  if (!isFirst) return fault(index, 'A tessera:section comment must be followed by a "##" heading');
  reader.sections[0] = { start: index, fileId: id.value, title: '', metadata, cells: [] };
  return value(index + 1);
}

/**
 * A comment of a newer Tessera's kind between parts, with the fenced block after it if there is
 * one: passed over, so that it stays in the text of the part before it and is written back as it
 * was while that part is unchanged (a Markdown cell of its own would get an id and be rewritten).
 */
function skipUnknownComment(lines: readonly string[], index: number): Read<number> {
  const blockIndex = nextNonBlank(lines, index + 1);
  const line = lines[blockIndex] ?? '';
  const fence = matchFence(line);
  if (fence === undefined || codeFenceLanguage(line) !== undefined) return value(index + 1);
  return value(readFenced(lines, blockIndex, fence).end);
}

function readBody(reader: Reader, from: number): Read<null> {
  const { lines } = reader;
  let index = from;
  /** Where the setup section's comment may stand: first in the body, after any comments of unknown kinds. */
  let first = from;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (isBlank(line)) {
      index++;
      continue;
    }
    const isFirst = index === first;
    const comment = matchComment(line);
    let read: Read<number>;
    if (comment?.kind === 'section') {
      read = readSectionComment(reader, index, comment, isFirst);
    } else if (comment?.kind === 'cell') {
      read = readCommentedCell(reader, index, comment);
    } else if (comment?.kind === 'output') {
      read = fault(index, 'A tessera:output comment must follow a code cell or another output');
    } else if (comment?.kind === 'notebook') {
      read = fault(index, 'The tessera:notebook comment must come before every section and cell');
    } else if (isUnknownComment(line)) {
      read = skipUnknownComment(lines, index);
      if (read.ok && isFirst) first = nextNonBlank(lines, read.value);
    } else if (isSectionLine(line)) {
      reader.sections.push({ start: index, fileId: undefined, title: headingText(line, 2), metadata: {}, cells: [] });
      read = value(index + 1);
    } else {
      const language = codeFenceLanguage(line);
      read =
        language === undefined
          ? readMarkdownCell(reader, index, index, undefined, undefined)
          : readCodeCell(reader, index, index, language, {}, undefined);
    }
    if (!read.ok) return read;
    index = read.value;
  }
  return value(null);
}

// ---------------------------------------------------------------------------------------------
// Putting the notebook together

/**
 * Gives every part its id: the file's, unless an earlier part took it (a copied cell), else a
 * fresh one. Fresh ids are made only once every id of the file is known, so none can collide.
 */
function assignIds(drafts: readonly Draft[], newId: NewId): { ids: string[]; fromFile: boolean[] } {
  const used = new Set<string>();
  const fromFile = drafts.map((draft) => {
    if (draft.fileId === undefined || used.has(draft.fileId)) return false;
    used.add(draft.fileId);
    return true;
  });
  const ids = drafts.map((draft, index) => {
    if (fromFile[index] === true && draft.fileId !== undefined) return draft.fileId;
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = newId();
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
    throw new Error('newId keeps returning ids the notebook already uses');
  });
  return { ids, fromFile };
}

function withWritten<T extends object>(part: T, form: WrittenForm | undefined): T {
  return form === undefined ? part : { ...part, written: form };
}

/**
 * Reads a notebook file. `newId` gives ids to the parts the file gives none (a plain Markdown
 * file) and to parts whose id an earlier part already took.
 */
export function parseNotebook(file: string, newId: NewId): MarkdownParseResult {
  const hasByteOrderMark = file.startsWith(byteOrderMark);
  const text = hasByteOrderMark ? file.slice(byteOrderMark.length) : file;
  const { texts: lines, starts } = splitLines(text);
  const header = readHeader(lines);
  if (!header.ok) return header;
  const { title, fields, end } = header.value;
  if (fields['saveOutputs'] !== undefined && typeof fields['saveOutputs'] !== 'boolean') {
    const line = lines.findIndex((candidate) => matchComment(candidate)?.kind === 'notebook');
    return { ok: false, error: { line: line + 1, message: '"saveOutputs" must be true or false' } };
  }

  const reader: Reader = { lines, sections: [{ start: end, fileId: undefined, title: '', metadata: {}, cells: [] }] };
  const body = readBody(reader, end);
  if (!body.ok) return body;

  const drafts: (SectionDraft | CellDraft)[] = reader.sections.flatMap((section) => [section, ...section.cells]);
  const { ids, fromFile } = assignIds(drafts, newId);
  let next = 0;
  const sections: Section[] = reader.sections.map((section) => ({
    id: ids[next++] ?? '',
    title: section.title,
    metadata: section.metadata,
    cells: section.cells.map((draft) => ({ ...draft.cell, id: ids[next++] ?? '' })),
  }));
  const [setup, ...titled] = sections;
  if (setup === undefined) throw new Error('The reader always has the setup section');
  const lineEnding = detectLineEnding(text);
  const notebook: Notebook = {
    title,
    setup,
    sections: titled,
    metadata: withoutKeys(fields, reservedKeys.notebook),
    saveOutputs: fields['saveOutputs'] === true,
    ...(lineEnding === '\r\n' ? { lineEnding } : {}),
    ...(hasByteOrderMark ? { byteOrderMark: true } : {}),
  };

  // Remember, for each part the file fully described, the exact text it had, if Tessera would
  // write it differently. A part's text runs from its first line to the next part's first line.
  // A cell with outputs in a notebook that does not save them contradicts its file's own setting
  // (an edit by hand): it is written afresh, without them.
  const unsavedOutputs = (draft: SectionDraft | CellDraft): boolean =>
    !notebook.saveOutputs && 'cell' in draft && draft.cell.kind === 'code' && draft.cell.outputs.length > 0;
  const canonical = canonicalParts(notebook);
  const partStarts = [0, ...drafts.map((draft) => draft.start), lines.length];
  const forms = canonical.map((canonicalText, part): WrittenForm | undefined => {
    const draft = drafts[part - 1];
    const exact = draft === undefined || (fromFile[part - 1] === true && !unsavedOutputs(draft));
    const raw = text.slice(starts[partStarts[part] ?? 0], starts[partStarts[part + 1] ?? lines.length]);
    const isLast = part === canonical.length - 1;
    const standsAlone = isLast || raw.endsWith('\n') || raw.endsWith('\r');
    return exact && standsAlone && raw !== canonicalText ? { text: raw, canonical: canonicalText } : undefined;
  });
  return { ok: true, notebook: attachForms(notebook, forms) };
}

/** Puts each part's written form on it; `forms` is in file order: header, then sections and cells. */
function attachForms(notebook: Notebook, forms: readonly (WrittenForm | undefined)[]): Notebook {
  let part = 1;
  const attachSection = (section: Section): Section => {
    const sectionForm = forms[part++];
    const cells = section.cells.map((cell) => withWritten(cell, forms[part++]));
    return withWritten({ ...section, cells }, sectionForm);
  };
  const setup = attachSection(notebook.setup);
  const sections = notebook.sections.map(attachSection);
  return withWritten({ ...notebook, setup, sections }, forms[0]);
}
