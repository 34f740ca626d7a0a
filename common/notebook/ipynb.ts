/**
 * Jupyter notebooks (`.ipynb`, nbformat 4): import into a Tessera notebook and export from one.
 *
 * Jupyter has no sections and one language per notebook, Tessera has both, so the mapping uses
 * what Jupyter users write anyway: a first Markdown cell starting with a `#` heading gives the
 * title, a Markdown cell starting with a `##` heading starts a section, and a cell whose language
 * differs from the notebook's says so in its metadata. Metadata stays in its own namespace on each
 * side — Jupyter's under `ipynb` in Tessera, Tessera's under `tessera` in Jupyter — so that neither
 * program's keys can break the other's file, and a notebook that goes there and back keeps both.
 *
 * Text outputs cross over both ways (streams, `text/plain` results, errors). Rich outputs (HTML,
 * Markdown, images, JSON, tables) export as `display_data` with their MIME bundle, and come back
 * when the output says, in its metadata, that Tessera wrote it; other notebooks' images and HTML
 * are left out. Importing never throws: a file that is not a notebook gives an error value with a
 * message.
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
  type Metadata,
  type Notebook,
  type SavedOutput,
  type Section,
} from './model.ts';

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

/** nbformat's multiline strings: one string, or a list of strings to join. */
function multiline(value: unknown): string | undefined {
  if (typeof value === 'string') return normalizeLineBreaks(value);
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) {
    return normalizeLineBreaks(value.join(''));
  }
  return undefined;
}

/** The reverse: lines that keep their `\n`, as Jupyter writes them. */
function toMultiline(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
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

/** Tessera metadata from Jupyter metadata: `tessera` unpacked, the rest kept under `ipynb`. */
function importMetadata(metadata: unknown, ownKeys: readonly string[]): Metadata {
  if (!isRecord(metadata)) return {};
  const tessera = isRecord(metadata['tessera']) ? without(metadata['tessera'], ownKeys) : {};
  const jupyter = without(metadata, ['tessera']);
  return Object.keys(jupyter).length > 0 ? { ...tessera, ipynb: jupyter } : tessera;
}

/** Jupyter metadata from Tessera metadata: the inverse of `importMetadata`. */
function exportMetadata(metadata: Metadata, own: Json): Json {
  const jupyter = isRecord(metadata['ipynb']) ? metadata['ipynb'] : {};
  const tessera = { ...own, ...without(metadata, ['ipynb']) };
  return Object.keys(tessera).length > 0 ? { ...jupyter, tessera } : { ...jupyter };
}

// ---------------------------------------------------------------------------------------------
// Import

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpynbImportError };

function failed(message: string): { readonly ok: false; readonly error: IpynbImportError } {
  return { ok: false, error: { message } };
}

function importOutput(output: unknown, where: string): Step<SavedOutput | undefined> {
  if (!isRecord(output)) return failed(`${where} is not an object`);
  switch (output['output_type']) {
    case 'stream': {
      const text = multiline(output['text']);
      if (text === undefined) return failed(`${where}: "text" must be a string or a list of strings`);
      return { ok: true, value: { kind: 'text', stream: output['name'] === 'stderr' ? 'stderr' : 'stdout', text } };
    }
    case 'execute_result':
    case 'display_data': {
      const data = output['data'];
      const rich = importRich(output['metadata'], data);
      if (rich !== undefined) return { ok: true, value: rich };
      const text = isRecord(data) ? multiline(data['text/plain']) : undefined;
      return { ok: true, value: text === undefined ? undefined : { kind: 'value', text } };
    }
    case 'error': {
      const { ename, evalue, traceback } = output;
      const lines = Array.isArray(traceback) ? traceback.filter((line) => typeof line === 'string') : [];
      if (typeof ename !== 'string' || typeof evalue !== 'string') {
        return failed(`${where}: an error output needs "ename" and "evalue" strings`);
      }
      return { ok: true, value: { kind: 'error', name: ename, message: evalue, stack: lines.join('\n') } };
    }
    default:
      return { ok: true, value: undefined };
  }
}

/** Mime types whose bundle entry is JSON itself rather than text (nbformat's rule). */
function isJsonMime(mime: string): boolean {
  return /^application\/(?:.*\+)?json$/.test(mime);
}

/** A rich output Tessera exported: its metadata names the bundle entry that is the output. */
function importRich(metadata: unknown, data: unknown): SavedOutput | undefined {
  const tessera = isRecord(metadata) && isRecord(metadata['tessera']) ? metadata['tessera'] : undefined;
  const mime = tessera?.['mime'];
  if (typeof mime !== 'string' || !isRecord(data) || !(mime in data)) return undefined;
  const raw = data[mime];
  // JSON types hold JSON; data that was not JSON went out as a string, and says so.
  const text = isJsonMime(mime)
    ? tessera?.['notJson'] === true && typeof raw === 'string'
      ? raw
      : JSON.stringify(raw)
    : isBinaryMime(mime)
      ? typeof raw === 'string' || Array.isArray(raw)
        ? multiline(raw)?.replace(/\s+/g, '')
        : undefined
      : multiline(raw);
  return text === undefined ? undefined : { kind: 'rich', mime, data: text };
}

/** A Jupyter cell as Tessera reads it, before ids are settled. */
interface ImportedCell {
  readonly kind: 'markdown' | 'code';
  readonly id: unknown;
  readonly source: string;
  readonly metadata: unknown;
  readonly language: Language;
  readonly outputs: readonly SavedOutput[];
  /** A Markdown cell that starts with a heading and is still a cell, not a title or a section. */
  readonly keepAsCell: boolean;
}

function importCell(cell: unknown, index: number, language: Language): Step<ImportedCell> {
  const where = `Cell ${index + 1}`;
  if (!isRecord(cell)) return failed(`${where} is not an object`);
  const type = cell['cell_type'];
  if (type !== 'markdown' && type !== 'code' && type !== 'raw') {
    return failed(`${where} has an unknown cell_type ${JSON.stringify(type)}`);
  }
  const source = multiline(cell['source']);
  if (source === undefined) return failed(`${where}: "source" must be a string or a list of strings`);
  const metadata = cell['metadata'];
  const tessera = isRecord(metadata) && isRecord(metadata['tessera']) ? metadata['tessera'] : {};
  const base = { id: cell['id'], source, metadata, language, outputs: [], keepAsCell: tessera['keepAsCell'] === true };
  // A raw cell is text Jupyter does not render; as Markdown it keeps its text at least.
  if (type !== 'code') return { ok: true, value: { ...base, kind: 'markdown' } };

  const outputs: SavedOutput[] = [];
  const rawOutputs = cell['outputs'] ?? [];
  if (!Array.isArray(rawOutputs)) return failed(`${where}: "outputs" must be a list`);
  for (const [outputIndex, output] of rawOutputs.entries()) {
    const imported = importOutput(output, `${where}, output ${outputIndex + 1}`);
    if (!imported.ok) return imported;
    if (imported.value !== undefined) outputs.push(imported.value);
  }
  return { ok: true, value: { ...base, kind: 'code', language: languageOf(tessera['language']) ?? language, outputs } };
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

function toCell(cell: ImportedCell, source: string, id: string): Cell {
  return cell.kind === 'code'
    ? { kind: 'code', id, language: cell.language, source, metadata: importMetadata(cell.metadata, ['language']), outputs: cell.outputs }
    : { kind: 'markdown', id, source, metadata: importMetadata(cell.metadata, ['keepAsCell']) };
}

interface Grouped {
  readonly title: string;
  readonly setupCells: readonly Cell[];
  readonly sections: readonly Section[];
}

/**
 * The title from a first Markdown cell that starts with `#`, and a section for every Markdown cell
 * that starts with `##`. A heading-only cell becomes the section, with the cell's id; a longer one
 * gives the section a fresh id and leaves its own id to the Markdown after the heading.
 */
function groupIntoSections(cells: readonly ImportedCell[], makeId: (wanted: unknown) => string): Grouped {
  let title = '';
  const setupCells: Cell[] = [];
  const sections: { id: string; title: string; metadata: Metadata; cells: Cell[] }[] = [];
  let current = setupCells;
  for (const [index, cell] of cells.entries()) {
    const [first = '', ...rest] = cell.source.split('\n');
    const isHeading = cell.kind === 'markdown' && !cell.keepAsCell;
    const isTitle = isHeading && index === 0 && isTitleLine(first);
    const isSection = isHeading && isSectionLine(first);
    if (!isTitle && !isSection) {
      current.push(toCell(cell, cell.source, makeId(cell.id)));
      continue;
    }
    const remainder = rest.join('\n').replace(/^\n+/, '');
    if (isTitle) {
      title = normalizeTitle(headingText(first, 1));
    } else {
      const headingOnly = remainder === '';
      current = [];
      sections.push({
        id: makeId(headingOnly ? cell.id : undefined),
        title: normalizeTitle(headingText(first, 2)),
        metadata: headingOnly ? importMetadata(cell.metadata, []) : {},
        cells: current,
      });
    }
    if (remainder !== '') current.push(toCell(cell, remainder, makeId(cell.id)));
  }
  return { title, setupCells, sections };
}

/**
 * Reads a Jupyter notebook. Code cells take the notebook's language (from `kernelspec.language`
 * or `language_info.name`; JavaScript unless it says TypeScript). Outputs are kept and saved, as
 * Jupyter does, unless the notebook came from Tessera with saving outputs turned off.
 */
export function importIpynb(text: string, newId: NewId): IpynbImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failed(`The file is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(json)) return failed('A Jupyter notebook is a JSON object; this file holds something else');
  if (json['nbformat'] !== 4) {
    const version = json['nbformat'] === undefined ? 'no nbformat version' : `nbformat ${JSON.stringify(json['nbformat'])}`;
    return failed(`Tessera imports Jupyter notebooks of nbformat 4; this file has ${version}`);
  }
  const rawCells = json['cells'];
  if (!Array.isArray(rawCells)) return failed('The notebook has no "cells" list');
  const metadata = isRecord(json['metadata']) ? json['metadata'] : {};
  const kernelspec = isRecord(metadata['kernelspec']) ? metadata['kernelspec'] : {};
  const languageInfo = isRecord(metadata['language_info']) ? metadata['language_info'] : {};
  const language = languageOf(kernelspec['language']) ?? languageOf(languageInfo['name']) ?? 'js';

  const cells: ImportedCell[] = [];
  for (const [index, rawCell] of rawCells.entries()) {
    const cell = importCell(rawCell, index, language);
    if (!cell.ok) return cell;
    cells.push(cell.value);
  }
  const makeId = idMaker(cells, newId);
  const { title, setupCells, sections } = groupIntoSections(cells, makeId);
  const tessera = isRecord(metadata['tessera']) ? metadata['tessera'] : {};
  return {
    ok: true,
    notebook: {
      title,
      setup: { id: makeId(undefined), title: '', cells: setupCells, metadata: {} },
      sections,
      metadata: importMetadata(without(metadata, ['kernelspec', 'language_info']), ['saveOutputs']),
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

/** What a text-only Jupyter front end shows for a rich output. */
function plainTextOf(output: Extract<SavedOutput, { kind: 'rich' }>): string {
  if (output.mime === 'text/plain' || output.mime === 'text/markdown') return output.data;
  if (output.mime === 'application/json') return output.data;
  return `<${output.mime} output>`;
}

/**
 * A rich output as `display_data`: its own MIME type (JSON types as JSON, images as base64), a
 * `text/plain` form, HTML for tables, and `tessera.mime` in the metadata to read it back by.
 */
function exportRich(output: Extract<SavedOutput, { kind: 'rich' }>): Json {
  let value: unknown;
  let notJson = false;
  if (isJsonMime(output.mime)) {
    try {
      value = JSON.parse(output.data);
    } catch {
      value = output.data;
      notJson = true;
    }
  } else {
    value = isBinaryMime(output.mime) ? output.data : toMultiline(output.data);
  }
  const bundle: Json = { [output.mime]: value };
  const table = output.mime === tableMime ? tableHtml(output.data) : undefined;
  if (table !== undefined) bundle['text/html'] = toMultiline(table);
  if (!('text/plain' in bundle)) bundle['text/plain'] = toMultiline(plainTextOf(output));
  const tessera = notJson ? { mime: output.mime, notJson } : { mime: output.mime };
  return { output_type: 'display_data', data: bundle, metadata: { tessera } };
}

function exportOutput(output: SavedOutput): Json {
  switch (output.kind) {
    case 'rich':
      return exportRich(output);
    case 'text':
      return { output_type: 'stream', name: output.stream, text: toMultiline(output.text) };
    case 'value':
      return { output_type: 'execute_result', execution_count: null, data: { 'text/plain': toMultiline(output.text) }, metadata: {} };
    case 'error':
      return { output_type: 'error', ename: output.name, evalue: output.message, traceback: output.stack.split('\n') };
  }
}

function startsWithHeading(source: string): boolean {
  const first = source.split('\n', 1)[0] ?? '';
  return isTitleLine(first) || isSectionLine(first);
}

const kernels = {
  js: { kernelspec: { name: 'jslab', display_name: 'JavaScript', language: 'javascript' }, language_info: { name: 'javascript', file_extension: '.js' } },
  ts: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' }, language_info: { name: 'typescript', file_extension: '.ts' } },
} as const;

/**
 * Writes a notebook as nbformat 4.5 JSON, with the kernel of tslab (TypeScript if any cell is
 * TypeScript, JavaScript otherwise). The title and section headings become Markdown cells.
 * Outputs are written only when the notebook saves outputs, as in a `.tsnb` file.
 */
export function exportIpynb(notebook: Notebook): string {
  const sections = allSections(notebook);
  const codeCells = sections.flatMap((section) => section.cells).filter((cell) => cell.kind === 'code');
  const language: Language = codeCells.some((cell) => cell.language === 'ts') ? 'ts' : 'js';

  // Real ids first, so that the title cell, which has none, cannot take one of theirs.
  const exportId = exportIdMaker();
  const ids = new Map<string, string>();
  for (const section of notebook.sections) ids.set(section.id, exportId(section.id));
  for (const cell of sections.flatMap((section) => section.cells)) ids.set(cell.id, exportId(cell.id));
  const idOf = (id: string): string => ids.get(id) ?? exportId(id);

  const markdown = (id: string, source: string, metadata: Json): Json => ({
    id,
    cell_type: 'markdown',
    metadata,
    source: toMultiline(source),
  });
  // A Markdown cell that starts with a heading would read back as the title or a section.
  const exportCell = (cell: Cell): Json =>
    cell.kind === 'markdown'
      ? markdown(idOf(cell.id), cell.source, exportMetadata(cell.metadata, startsWithHeading(cell.source) ? { keepAsCell: true } : {}))
      : {
          id: idOf(cell.id),
          cell_type: 'code',
          metadata: exportMetadata(cell.metadata, cell.language === language ? {} : { language: cell.language }),
          source: toMultiline(cell.source),
          outputs: notebook.saveOutputs ? cell.outputs.map(exportOutput) : [],
          execution_count: null,
        };
  const exportSection = (section: Section): Json[] => [
    markdown(idOf(section.id), writeHeading(2, normalizeTitle(section.title)), exportMetadata(section.metadata, {})),
    ...section.cells.map(exportCell),
  ];

  const title = normalizeTitle(notebook.title);
  const cells = [
    ...(title === '' ? [] : [markdown(exportId('title'), writeHeading(1, title), {})]),
    ...notebook.setup.cells.map(exportCell),
    ...notebook.sections.flatMap(exportSection),
  ];
  const metadata = {
    ...exportMetadata(notebook.metadata, { saveOutputs: notebook.saveOutputs }),
    ...kernels[language],
  };
  return `${JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}
