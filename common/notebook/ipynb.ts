/**
 * Jupyter notebooks (`.ipynb`, nbformat 4) as Tessera documents: read into a notebook, and written
 * back so that Jupyter reads the same notebook (nbformat's equality) when nothing changed, and only
 * what changed differs when something did. The file is written as nbformat writes it (keys sorted,
 * one space of indent, multiline strings split into lines), so an unedited file usually comes back
 * byte for byte.
 *
 * What Tessera models, it reads into the model: cells, sources, ids, outputs with their whole MIME
 * bundle, execution counts, raw cells. Everything else in the JSON of the notebook, a cell or an
 * output (Jupyter's `metadata`, attachments, fields of a newer nbformat) is kept, untouched, under
 * `ipynb` in that part's metadata and written back where it was. Tessera's own metadata travels the
 * other way, under `tessera` in Jupyter's metadata, so neither program's keys break the other's file.
 *
 * Jupyter has no sections: a Markdown cell that is only a `##` heading is a section, and a first
 * cell that is only a `#` heading is the title, so that both go back as the cells they were. A
 * notebook of one language per kernel may hold cells of the other language: their metadata says so.
 * Importing never throws: a file that is not a notebook gives an error value with a message.
 */

import type { Language } from '../protocol/runtime.ts';
import type { NewId } from './ids.ts';
import { headingText, isSectionLine, isTitleLine, writeHeading } from './markdown-syntax.ts';
import {
  allSections,
  isBinaryMime,
  normalizeLineBreaks,
  normalizeTitle,
  type Cell,
  type CodeCell,
  type Metadata,
  type Notebook,
  type SavedOutput,
  type Section,
} from './model.ts';
import { preferredMime } from './mime.ts';

export interface IpynbImportError {
  readonly message: string;
}

export type IpynbImportResult =
  | { readonly ok: true; readonly notebook: Notebook }
  | { readonly ok: false; readonly error: IpynbImportError };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The metadata key under which a part keeps the Jupyter JSON fields Tessera does not model. */
const jupyterKey = 'ipynb';
/** The notebook metadata key that keeps the id and fields of a title cell (a cell that is only `# Title`). */
const titleCellKey = 'ipynbTitleCell';

/** The kind of an opaque output that holds an output of a newer nbformat (its JSON under `output`). */
const jupyterOutputKind = 'ipynb-output';

/** nbformat's multiline strings: one string, or a list of strings to join. */
function multiline(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value.join('');
  return undefined;
}

/**
 * The reverse, as nbformat writes them: Python's `str.splitlines(True)`, every line keeping its
 * break (Python also breaks at `\v`, `\f`, `\x1c`–`\x1e`, `\x85`, U+2028 and U+2029).
 */
function toMultiline(text: string): string[] {
  return text.match(/[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])|[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+$/g) ?? [];
}

/** Jupyter's cell ids: 1 to 64 letters, digits, `-` and `_`. */
const ipynbIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;

function languageOf(name: unknown): Language | undefined {
  if (typeof name !== 'string') return undefined;
  const lower = name.toLowerCase();
  if (lower === 'typescript' || lower === 'ts') return 'ts';
  if (lower === 'javascript' || lower === 'js') return 'js';
  return undefined;
}

function without(record: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** Mime types whose bundle entry is JSON itself rather than text (nbformat's rule). */
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

/** Mime types nbformat writes as a list of lines. */
function isSplitMime(mime: string): boolean {
  return mime.startsWith('text/') || mime === 'application/javascript' || mime === 'image/svg+xml';
}

// ---------------------------------------------------------------------------------------------
// What a notebook's kernel runs

/** The Jupyter metadata of a notebook Tessera read from a `.ipynb`; empty for its own notebooks. */
function jupyterMetadata(notebook: Notebook): Json {
  const fields = notebook.metadata[jupyterKey];
  return isRecord(fields) && isRecord(fields['metadata']) ? fields['metadata'] : {};
}

/** The language a notebook's kernel speaks, as its Jupyter metadata names it; undefined when it names none. */
export function kernelLanguage(notebook: Notebook): string | undefined {
  const metadata = jupyterMetadata(notebook);
  const kernelspec = isRecord(metadata['kernelspec']) ? metadata['kernelspec'] : {};
  const info = isRecord(metadata['language_info']) ? metadata['language_info'] : {};
  const language = kernelspec['language'] ?? info['name'];
  return typeof language === 'string' && language !== '' ? language : undefined;
}

/**
 * The language of a notebook whose kernel is not JavaScript or TypeScript (Python, R…): Tessera
 * must never run its cells as JavaScript. Undefined for every notebook Tessera can run.
 */
export function foreignLanguage(notebook: Notebook): string | undefined {
  const language = kernelLanguage(notebook);
  return language === undefined || languageOf(language) !== undefined ? undefined : language;
}

/** What the UI says of a notebook whose kernel is not JavaScript or TypeScript. */
export function kernelNotice(language: string): string {
  return `This is a ${language} notebook. Tessera runs JavaScript and TypeScript cells, so it shows, edits and saves this notebook but does not run it.`;
}

/**
 * A Markdown cell's text with its Jupyter attachments (`![](attachment:plot.png)`) as data: URLs,
 * for showing it; the source itself keeps the references, as Jupyter does.
 */
export function withAttachments(source: string, metadata: Metadata): string {
  const fields = metadata[jupyterKey];
  const attachments = isRecord(fields) && isRecord(fields['attachments']) ? fields['attachments'] : undefined;
  if (attachments === undefined || !source.includes('attachment:')) return source;
  return source.replace(/attachment:([^\s)"'>]+)/g, (reference, name: string) => {
    const bundle = attachments[decodeURIComponent(name)];
    if (!isRecord(bundle)) return reference;
    // Raster images only: the Markdown renderer lets no other data: URL through.
    const mime = Object.keys(bundle).find(isBinaryMime);
    const data = mime === undefined ? undefined : multiline(bundle[mime]);
    return mime === undefined || data === undefined ? reference : `data:${mime};base64,${data.replace(/\s+/g, '')}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Import

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpynbImportError };

function failed(message: string): { readonly ok: false; readonly error: IpynbImportError } {
  return { ok: false, error: { message } };
}

/** Tessera metadata for a part: Jupyter's `metadata.tessera` unpacked, and the fields Tessera does not model under `ipynb`. */
function importMetadata(fields: Json, modelled: readonly string[], ownKeys: readonly string[] = []): Metadata {
  const metadata = isRecord(fields['metadata']) ? fields['metadata'] : {};
  const tessera = isRecord(metadata['tessera']) ? without(metadata['tessera'], ownKeys) : {};
  const jupyter = without(fields, [...modelled, 'metadata']);
  const rest = without(metadata, ['tessera']);
  // Jupyter requires `metadata`; an empty one is what Tessera writes anyway.
  if (Object.keys(rest).length > 0 || (fields['metadata'] !== undefined && !isRecord(fields['metadata']))) jupyter['metadata'] = rest;
  return Object.keys(jupyter).length > 0 ? { ...tessera, [jupyterKey]: jupyter } : tessera;
}

/** The fields of an output Tessera does not model, as an output's `metadata`, absent when none. */
function outputMetadata(fields: Json): { readonly metadata?: Metadata } {
  return Object.keys(fields).length > 0 ? { metadata: { [jupyterKey]: fields } } : {};
}

function importBundle(data: Json, metadata: unknown, extra: Json): SavedOutput {
  const bundle: Record<string, string> = {};
  const unreadable: Json = {};
  const tessera = isRecord(metadata) && isRecord(metadata['tessera']) ? metadata['tessera'] : {};
  for (const [mime, raw] of Object.entries(data)) {
    // Data Tessera wrote as a string because it was not JSON says so.
    const text = isJsonMime(mime) ? (tessera['mime'] === mime && tessera['notJson'] === true && typeof raw === 'string' ? raw : JSON.stringify(raw)) : multiline(raw);
    if (text === undefined) unreadable[mime] = raw;
    else bundle[mime] = text;
  }
  if (Object.keys(unreadable).length > 0) extra['data'] = unreadable;
  const mimes = Object.keys(bundle);
  const shown = typeof tessera['mime'] === 'string' && tessera['mime'] in bundle ? tessera['mime'] : preferredMime(mimes);
  if (shown === undefined || (shown === 'text/plain' && mimes.length === 1)) {
    return { kind: 'value', text: bundle['text/plain'] ?? '', ...outputMetadata(extra) };
  }
  const alternatives = Object.fromEntries(mimes.filter((mime) => mime !== shown).map((mime) => [mime, bundle[mime] ?? '']));
  return {
    kind: 'rich',
    mime: shown,
    data: bundle[shown] ?? '',
    ...(Object.keys(alternatives).length > 0 ? { alternatives } : {}),
    ...outputMetadata(extra),
  };
}

function importOutput(output: unknown, where: string, newerFormat: boolean): Step<SavedOutput> {
  if (!isRecord(output)) return failed(`${where} is not an object`);
  const type = output['output_type'];
  switch (type) {
    case 'stream': {
      const text = multiline(output['text']);
      if (text === undefined) return failed(`${where}: "text" must be a string or a list of strings`);
      const name = output['name'];
      const stream = name === 'stderr' ? 'stderr' : 'stdout';
      const extra = without(output, name === stream ? ['output_type', 'name', 'text'] : ['output_type', 'text']);
      return { ok: true, value: { kind: 'text', stream, text, ...outputMetadata(extra) } };
    }
    case 'execute_result':
    case 'display_data': {
      const data = isRecord(output['data']) ? output['data'] : {};
      // Its output_type stays with it, which also tells an output from a file from one Tessera made.
      const extra = without(output, ['data']);
      if (isRecord(output['metadata']) && Object.keys(output['metadata']).length === 0) delete extra['metadata'];
      return { ok: true, value: importBundle(data, output['metadata'], extra) };
    }
    case 'error': {
      const { ename, evalue, traceback } = output;
      if (typeof ename !== 'string' || typeof evalue !== 'string') {
        return failed(`${where}: an error output needs "ename" and "evalue" strings`);
      }
      const lines = Array.isArray(traceback) ? traceback.filter((line) => typeof line === 'string') : [];
      const stack = lines.join('\n');
      const extra = without(output, ['output_type', 'ename', 'evalue', 'traceback']);
      // A traceback whose lines hold line breaks of their own cannot be cut back from the stack.
      if (!Array.isArray(traceback) || JSON.stringify(stack.split('\n')) !== JSON.stringify(traceback)) extra['traceback'] = traceback;
      return { ok: true, value: { kind: 'error', name: ename, message: evalue, stack, ...outputMetadata(extra) } };
    }
    default:
      if (!newerFormat) return failed(`${where} has an unknown output_type ${JSON.stringify(type)}`);
      return { ok: true, value: { kind: 'opaque', fields: { kind: jupyterOutputKind, output }, info: 'json', lines: [] } };
  }
}

/** A Jupyter cell as Tessera reads it, before ids are settled and headings become sections. */
interface ImportedCell {
  readonly id: unknown;
  readonly cell: Cell;
  /** A Markdown cell that is only a `#` or `##` heading, the way Tessera writes one, and that may be the title or a section. */
  readonly heading?: { readonly level: 1 | 2; readonly title: string };
}

/** A Markdown cell's heading when the cell is exactly one heading line as Tessera writes headings. */
function headingOf(source: string, level: 1 | 2): string | undefined {
  if (source.includes('\n') || !(level === 1 ? isTitleLine(source) && !isSectionLine(source) : isSectionLine(source))) return undefined;
  const title = normalizeTitle(headingText(source, level));
  // An empty title is no title: it would not be written back.
  return writeHeading(level, title) === source && (title !== '' || level === 2) ? title : undefined;
}

/** nbformat 3's heading cells, which some version-4 files still hold: Markdown headings, as nbformat converts them. */
function headingCell(raw: Json, source: string): Json {
  const level = typeof raw['level'] === 'number' && raw['level'] >= 1 && raw['level'] <= 6 ? raw['level'] : 1;
  return { ...without(raw, ['level']), cell_type: 'markdown', source: `${'#'.repeat(level)} ${source.replace(/\n/g, ' ')}` };
}

/**
 * One cell. Cells and outputs of types nbformat 4.5 does not have are refused, unless the file is of
 * a newer nbformat: then they pass through, as raw cells and outputs kept as they are.
 */
function importCell(json: unknown, index: number, language: Language, newerFormat: boolean): Step<ImportedCell> {
  const where = `Cell ${index + 1}`;
  if (!isRecord(json)) return failed(`${where} is not an object`);
  let raw = json;
  const type = raw['cell_type'];
  if (typeof type !== 'string') return failed(`${where} has no cell_type`);
  // A cell without a source (which nbformat refuses) is repaired to an empty one.
  const source = raw['source'] === undefined ? '' : multiline(raw['source']);
  if (source === undefined) return failed(`${where}: "source" must be a string or a list of strings`);
  if (type === 'heading') return importCell(headingCell(raw, source), index, language, newerFormat);
  if (isRecord(raw['metadata'])) raw = { ...raw, metadata: validMetadata(raw['metadata'], cellKeys) };
  const metadata = isRecord(raw['metadata']) ? raw['metadata'] : {};
  const tessera = isRecord(metadata['tessera']) ? metadata['tessera'] : {};
  const base = { id: '', source: normalizeLineBreaks(source) };
  if (type === 'markdown') {
    const cell: Cell = { kind: 'markdown', ...base, metadata: importMetadata(raw, ['cell_type', 'id', 'source'], ['keepAsCell']) };
    if (tessera['keepAsCell'] === true) return { ok: true, value: { id: raw['id'], cell } };
    const level = headingOf(base.source, 1) !== undefined ? 1 : 2;
    const title = headingOf(base.source, level);
    return { ok: true, value: { id: raw['id'], cell, ...(title === undefined ? {} : { heading: { level, title } }) } };
  }
  if (type !== 'code' && type !== 'raw' && !newerFormat) return failed(`${where} has an unknown cell_type ${JSON.stringify(type)}`);
  if (type !== 'code') {
    // Raw cells, and cells of a type Tessera does not know, whose cell_type stays under `ipynb`.
    const modelled = type === 'raw' ? ['cell_type', 'id', 'source'] : ['id', 'source'];
    return { ok: true, value: { id: raw['id'], cell: { kind: 'raw', ...base, metadata: importMetadata(raw, modelled) } } };
  }

  const outputs: SavedOutput[] = [];
  const rawOutputs = raw['outputs'] ?? [];
  if (!Array.isArray(rawOutputs)) return failed(`${where}: "outputs" must be a list`);
  for (const [outputIndex, output] of rawOutputs.entries()) {
    const imported = importOutput(output, `${where}, output ${outputIndex + 1}`, newerFormat);
    if (!imported.ok) return imported;
    outputs.push(imported.value);
  }
  const count = raw['execution_count'];
  const cell: CodeCell = {
    kind: 'code',
    ...base,
    language: languageOf(tessera['language']) ?? language,
    metadata: importMetadata(raw, ['cell_type', 'id', 'source', 'outputs', 'execution_count'], ['language']),
    outputs,
    ...(typeof count === 'number' && Number.isInteger(count) && count >= 0 ? { executionCount: count } : {}),
  };
  return { ok: true, value: { id: raw['id'], cell } };
}

/**
 * Ids: a cell's own when Jupyter's rules allow it and no earlier cell took it, else a fresh one
 * that no cell of the file uses, so that a later cell cannot find its id taken.
 */
function idMaker(cells: readonly ImportedCell[], newId: NewId): (wanted: unknown) => string {
  const used = new Set<string>();
  const inFile = new Set(cells.map((cell) => cell.id).filter((id) => typeof id === 'string'));
  const fresh = (): string => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = newId();
      if (!used.has(id) && !inFile.has(id)) return id;
    }
    throw new Error('newId keeps returning ids the notebook already uses');
  };
  return (wanted) => {
    const id = typeof wanted === 'string' && ipynbIdPattern.test(wanted) && !used.has(wanted) ? wanted : fresh();
    used.add(id);
    return id;
  };
}

interface Grouped {
  readonly title: string;
  readonly titleCell?: Json;
  readonly setupCells: readonly Cell[];
  readonly sections: readonly Section[];
}

/** The title from a first cell that is only a `#` heading, and a section for every cell that is only a `##` heading. */
function groupIntoSections(cells: readonly ImportedCell[], makeId: (wanted: unknown) => string): Grouped {
  let title = '';
  let titleCell: Json | undefined;
  const setupCells: Cell[] = [];
  const sections: Section[] = [];
  let current = setupCells;
  for (const [index, { id, cell, heading }] of cells.entries()) {
    if (heading?.level === 1 && index === 0) {
      title = heading.title;
      titleCell = { ...(typeof id === 'string' ? { id } : {}), ...(isRecord(cell.metadata[jupyterKey]) ? cell.metadata[jupyterKey] : {}) };
    } else if (heading?.level === 2) {
      current = [];
      sections.push({ id: makeId(id), title: heading.title, metadata: cell.metadata, cells: current });
    } else {
      current.push({ ...cell, id: makeId(id) });
    }
  }
  return { title, ...(titleCell === undefined ? {} : { titleCell }), setupCells, sections };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Metadata with the keys nbformat defines repaired: one of the wrong shape (a kernelspec that is
 * not an object with a name, tags that are not a list of strings) is left out, so that the file
 * Tessera writes is valid; everything else is kept as it is.
 */
function validMetadata(metadata: unknown, valid: Readonly<Record<string, (value: unknown) => boolean>>): Json {
  if (!isRecord(metadata)) return {};
  return Object.fromEntries(Object.entries(metadata).filter(([key, value]) => valid[key]?.(value) ?? true));
}

const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

/** The shapes nbformat's schema gives the notebook's metadata keys. */
const notebookKeys: Readonly<Record<string, (value: unknown) => boolean>> = {
  kernelspec: (value) => isRecord(value) && isString(value['name']) && isString(value['display_name']),
  language_info: (value) => isRecord(value) && isString(value['name']),
  authors: (value) => Array.isArray(value) && value.every(isRecord),
  title: isString,
  orig_nbformat: (value) => typeof value === 'number',
};

/** The shapes nbformat's schema gives a cell's metadata keys. */
const cellKeys: Readonly<Record<string, (value: unknown) => boolean>> = {
  collapsed: isBoolean,
  scrolled: (value) => isBoolean(value) || value === 'auto',
  deletable: isBoolean,
  editable: isBoolean,
  format: isString,
  name: isString,
  tags: (value) => Array.isArray(value) && value.every(isString),
  jupyter: isRecord,
  execution: isRecord,
};

/**
 * Reads a Jupyter notebook. Code cells take the notebook's language (from `kernelspec.language`
 * or `language_info.name`; JavaScript unless it says TypeScript; see `foreignLanguage` for the
 * kernels Tessera cannot run). Outputs are kept and saved, as Jupyter does, unless the notebook
 * came from Tessera with saving outputs turned off. nbformat 3 and older are refused, with their
 * version and how to convert them.
 */
export function importIpynb(text: string, newId: NewId): IpynbImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failed(`The file is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(json)) return failed('A Jupyter notebook is a JSON object; this file holds something else');
  const version = json['nbformat'];
  if (version !== 4) {
    const found = version === undefined ? 'no nbformat version' : `nbformat ${JSON.stringify(version)}`;
    const convert = typeof version === 'number' && version < 4 ? ' (convert it with `jupyter nbconvert --to notebook --nbformat 4 FILE`)' : '';
    return failed(`Tessera opens Jupyter notebooks of nbformat 4; this file has ${found}${convert}`);
  }
  const rawCells = json['cells'];
  if (!Array.isArray(rawCells)) return failed('The notebook has no "cells" list');
  const metadata = validMetadata(json['metadata'], notebookKeys);
  const fields = { ...without(json, ['cells', 'nbformat']), metadata };
  const kernelspec = isRecord(metadata['kernelspec']) ? metadata['kernelspec'] : {};
  const languageInfo = isRecord(metadata['language_info']) ? metadata['language_info'] : {};
  const language = languageOf(kernelspec['language']) ?? languageOf(languageInfo['name']) ?? 'js';

  const newerFormat = typeof json['nbformat_minor'] === 'number' && json['nbformat_minor'] > 5;
  const cells: ImportedCell[] = [];
  for (const [index, rawCell] of rawCells.entries()) {
    const cell = importCell(rawCell, index, language, newerFormat);
    if (!cell.ok) return cell;
    cells.push(cell.value);
  }
  const makeId = idMaker(cells, newId);
  const { title, titleCell, setupCells, sections } = groupIntoSections(cells, makeId);
  const tessera = isRecord(metadata['tessera']) ? metadata['tessera'] : {};
  const notebookMetadata = importMetadata(fields, [], ['saveOutputs']);
  return {
    ok: true,
    notebook: {
      title,
      setup: { id: makeId(undefined), title: '', cells: setupCells, metadata: {} },
      sections,
      metadata: titleCell === undefined ? notebookMetadata : { ...notebookMetadata, [titleCellKey]: titleCell },
      saveOutputs: tessera['saveOutputs'] !== false,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Export

/** Jupyter ids from Tessera ids: characters Jupyter refuses become `-`, and repeats get a suffix. */
function exportIdMaker(): (id: string) => string {
  const used = new Set<string>();
  return (id) => {
    const base = id.replace(/[^a-zA-Z0-9_-]/g, '-').slice(0, 64) || 'cell';
    let candidate = base;
    for (let count = 2; used.has(candidate); count++) {
      const suffix = `-${count}`;
      candidate = base.slice(0, 64 - suffix.length) + suffix;
    }
    used.add(candidate);
    return candidate;
  };
}

const tableMime = 'application/vnd.tessera.table+json';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}

/** A table's HTML, for Jupyter, which does not know Tessera's table type. */
export function tableHtml(data: string): string | undefined {
  let table: unknown;
  try {
    table = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(table) || !Array.isArray(table['columns']) || !Array.isArray(table['rows'])) return undefined;
  const cell = (tag: string, value: unknown) => `<${tag}>${escapeHtml(value === null || value === undefined ? '' : String(value))}</${tag}>`;
  const head = `<tr>${table['columns'].map((column) => cell('th', column)).join('')}</tr>`;
  const rows = table['rows'].map((row) => `<tr>${(Array.isArray(row) ? row : []).map((value) => cell('td', value)).join('')}</tr>`);
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n`;
}

/** What a text-only Jupyter front end shows for a rich output Tessera made. */
function plainTextOf(output: Extract<SavedOutput, { kind: 'rich' }>): string {
  if (output.mime === 'text/markdown' || output.mime === 'application/json') return output.data;
  return `<${output.mime} output>`;
}

/** One bundle entry as Jupyter holds it: JSON types as JSON, lines for text, base64 as it is. */
function bundleEntry(mime: string, data: string): { readonly value: unknown; readonly notJson?: true } {
  if (!isJsonMime(mime)) return { value: isSplitMime(mime) ? toMultiline(data) : data };
  try {
    return { value: JSON.parse(data) };
  } catch {
    return { value: data, notJson: true };
  }
}

/** The Jupyter fields an output or a cell kept from its file. */
function keptFields(metadata: Metadata | undefined): Json {
  const fields = metadata?.[jupyterKey];
  return isRecord(fields) ? fields : {};
}

/**
 * A rich output's MIME bundle. One Tessera made gets a `text/plain` form, HTML for a table, and
 * `tessera.mime` in its metadata to read it back by; one from a file goes back as it came.
 */
function exportBundle(output: Extract<SavedOutput, { kind: 'rich' }> | Extract<SavedOutput, { kind: 'value' }>, kept: Json): Json {
  const forms: [string, string][] = output.kind === 'value' ? [['text/plain', output.text]] : [[output.mime, output.data], ...Object.entries(output.alternatives ?? {})];
  const data: Json = isRecord(kept['data']) ? { ...kept['data'] } : {};
  let notJson = false;
  for (const [mime, value] of forms) {
    const entry = bundleEntry(mime, value);
    data[mime] = entry.value;
    if (mime === forms[0]?.[0] && entry.notJson) notJson = true;
  }
  const metadata: Json = isRecord(kept['metadata']) ? { ...kept['metadata'] } : {};
  if (output.kind === 'rich' && Object.keys(kept).length === 0) {
    // Made by Tessera: Jupyter front ends need a text form, and Tessera a way to read it back.
    if (output.mime === tableMime) data['text/html'] ??= toMultiline(tableHtml(output.data) ?? '');
    data['text/plain'] ??= toMultiline(plainTextOf(output));
    metadata['tessera'] = notJson ? { mime: output.mime, notJson } : { mime: output.mime };
  }
  return { data, metadata };
}

function exportOutput(output: SavedOutput, cell: CodeCell): Json | undefined {
  const kept = keptFields(output.kind === 'opaque' ? undefined : output.metadata);
  switch (output.kind) {
    case 'text':
      return { output_type: 'stream', name: output.stream, ...kept, text: toMultiline(output.text) };
    case 'value':
    case 'rich': {
      const bundle = exportBundle(output, kept);
      const type = kept['output_type'] ?? (output.kind === 'value' ? 'execute_result' : 'display_data');
      const result = type === 'execute_result' ? { execution_count: cell.executionCount ?? null } : {};
      return { ...result, ...kept, output_type: type, ...bundle };
    }
    case 'error':
      return { traceback: output.stack.split('\n'), ...kept, output_type: 'error', ename: output.name, evalue: output.message };
    case 'opaque':
      // An output of a newer nbformat goes back as it came; a newer `.tsnb` kind has no Jupyter form.
      return output.fields['kind'] === jupyterOutputKind && isRecord(output.fields['output']) ? output.fields['output'] : undefined;
  }
}

/** Jupyter metadata and fields of a part, from its Tessera metadata: the inverse of `importMetadata`. */
function exportFields(metadata: Metadata, own: Json, ownKeys: readonly string[] = []): Json {
  const kept = keptFields(metadata);
  const tessera = { ...own, ...without(metadata, [jupyterKey, ...ownKeys]) };
  const jupyterMetadata = isRecord(kept['metadata']) ? kept['metadata'] : {};
  return { ...kept, metadata: Object.keys(tessera).length > 0 ? { ...jupyterMetadata, tessera } : jupyterMetadata };
}

/** A kernel that exists for each language Tessera runs: tslab's. */
const kernels = {
  js: { kernelspec: { name: 'jslab', display_name: 'JavaScript', language: 'javascript' }, language_info: { name: 'javascript', file_extension: '.js' } },
  ts: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' }, language_info: { name: 'typescript', file_extension: '.ts' } },
} as const;

/** JSON with every object's keys in order, as nbformat writes it (Python's `sort_keys`). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
}

/**
 * Writes a notebook as nbformat 4 JSON. A notebook read from a `.ipynb` keeps its kernel, its
 * nbformat minor version and every field it had; a new one is nbformat 4.5 with tslab's kernel
 * (TypeScript if any cell is TypeScript, JavaScript otherwise). The title and sections become
 * heading cells. Outputs are written only when the notebook saves outputs, as in a `.tsnb` file.
 */
export function exportIpynb(notebook: Notebook): string {
  const sections = allSections(notebook);
  const allCells = sections.flatMap((section) => section.cells);
  const keptNotebook = keptFields(notebook.metadata);
  const kernelLanguageName = kernelLanguage(notebook);
  const language: Language =
    (kernelLanguageName === undefined ? undefined : languageOf(kernelLanguageName)) ??
    (allCells.some((cell) => cell.kind === 'code' && cell.language === 'ts') ? 'ts' : 'js');
  const minor = typeof keptNotebook['nbformat_minor'] === 'number' ? keptNotebook['nbformat_minor'] : 5;
  // Cell ids came with nbformat 4.5: an older file has none, and gets none.
  const withIds = minor >= 5;

  const exportId = exportIdMaker();
  const ids = new Map<string, string>();
  const titleCell = isRecord(notebook.metadata[titleCellKey]) ? notebook.metadata[titleCellKey] : {};
  const titleId = typeof titleCell['id'] === 'string' && ipynbIdPattern.test(titleCell['id']) ? exportId(titleCell['id']) : undefined;
  for (const section of notebook.sections) ids.set(section.id, exportId(section.id));
  for (const cell of allCells) ids.set(cell.id, exportId(cell.id));
  const idField = (id: string): Json => (withIds ? { id: ids.get(id) ?? exportId(id) } : {});

  const title = normalizeTitle(notebook.title);
  const firstCell = title === '' ? notebook.setup.cells[0] : undefined;
  const markdown = (id: Json, source: string, fields: Json): Json => ({ ...fields, ...id, cell_type: 'markdown', source: toMultiline(source) });
  const exportCell = (cell: Cell, id: Json, misread: boolean): Json => {
    switch (cell.kind) {
      case 'markdown':
        return markdown(id, cell.source, exportFields(cell.metadata, misread ? { keepAsCell: true } : {}, ['keepAsCell']));
      case 'raw':
        return { cell_type: 'raw', ...exportFields(cell.metadata, {}), ...id, source: toMultiline(cell.source) };
      case 'code':
        return {
          ...exportFields(cell.metadata, cell.language === language ? {} : { language: cell.language }, ['language']),
          ...id,
          cell_type: 'code',
          source: toMultiline(cell.source),
          outputs: notebook.saveOutputs ? cell.outputs.flatMap((output) => exportOutput(output, cell) ?? []) : [],
          execution_count: cell.executionCount ?? null,
        };
    }
  };
  /** A cell's text, from the cache while the cell and what its text depends on are the same. */
  const cellText = (cell: Cell): string => {
    const id = idField(cell.id);
    // A cell that is only a heading would read back as a section, or first as the title.
    const misread = cell.kind === 'markdown' && (headingOf(cell.source, 2) !== undefined || (cell === firstCell && headingOf(cell.source, 1) !== undefined));
    const key = `${language} ${notebook.saveOutputs} ${misread} ${String(id['id'])}`;
    const cached = writtenCells.get(cell);
    if (cached?.key === key) return cached.text;
    const text = cellInList(exportCell(cell, id, misread));
    writtenCells.set(cell, { key, text });
    return text;
  };
  const sectionTexts = (section: Section): string[] => [
    cellInList(markdown(idField(section.id), writeHeading(2, normalizeTitle(section.title)), exportFields(section.metadata, {}))),
    ...section.cells.map(cellText),
  ];

  const titleFields = without(titleCell, ['id']);
  const titleIdField = withIds ? { id: titleId ?? exportId('title') } : {};
  const cells = [
    ...(title === '' ? [] : [cellInList(markdown(titleIdField, writeHeading(1, title), { metadata: {}, ...titleFields }))]),
    ...notebook.setup.cells.map(cellText),
    ...notebook.sections.flatMap(sectionTexts),
  ];
  const own = notebook.saveOutputs ? {} : { saveOutputs: false };
  const { metadata } = exportFields(without(notebook.metadata, [titleCellKey]), own);
  // A notebook from Jupyter keeps its kernel (or its lack of one); a new one names tslab's.
  const kernel = jupyterKey in notebook.metadata ? {} : kernels[language];
  const file: Json = {
    ...without(keptNotebook, ['metadata', 'nbformat_minor', 'cells']),
    metadata: { ...kernel, ...(metadata as Json) },
    nbformat: 4,
    nbformat_minor: minor,
  };
  // As JSON.stringify(…, null, 1) of the whole would write it, the cells' texts in their place.
  const cellList = cells.length === 0 ? '[]' : `[\n${cells.join(',\n')}\n ]`;
  const fields = [...Object.keys(file), 'cells'].sort().map((key) => ` ${JSON.stringify(key)}: ${key === 'cells' ? cellList : indented(jsonText(file[key]), ' ').trimStart()}`);
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** JSON as nbformat writes it: keys sorted, one space of indent. */
function jsonText(value: unknown): string {
  return JSON.stringify(sortedKeys(value), null, 1);
}

/** A cell's JSON text as it stands in the file's cell list, two levels deep. */
function cellInList(cell: Json): string {
  return indented(jsonText(cell), '  ');
}

/** Text of JSON nested deeper: every line indented (JSON has line breaks only between tokens). */
function indented(text: string, indent: string): string {
  return indent + text.replace(/\n/g, `\n${indent}`);
}

/**
 * Each cell's JSON text in the file's cell list, by the cell: cells are immutable, so a notebook written again (each backup
 * while one edits, each save) converts afresh only the cells that changed. Besides the cell, the
 * text depends on the notebook's language, whether it saves outputs, the cell's exported id and
 * whether it must say it is no heading, which the key records.
 */
const writtenCells = new WeakMap<Cell, { readonly key: string; readonly text: string }>();
