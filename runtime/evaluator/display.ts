/**
 * The display API every cell has in its root scope, beside `require`: `html`, `md`, `image`,
 * `table` and `json` make displayable values, and `display(x)` shows a value at once. A cell whose
 * value is displayable shows it rich (the response's `value.rich`).
 *
 * Displayable means: an object with a method under `Symbol.for('tessera.display')` that returns a
 * rich output. The builders here make such objects, and a library can give its own objects one,
 * as Jupyter's `_repr_html_`. Each builder checks its argument and turns it into the wire form
 * at once, so a value shown later is the value as it was when it was made.
 */

import { inspect } from 'node:util';
import type { RichMime, RichOutputDto, TableDataDto } from '../../common/protocol/runtime.ts';

export const displaySymbol = Symbol.for('tessera.display');

/** Rows of a table that are sent, at most; the rest are counted. */
const maxTableRows = 100_000;
/**
 * …and at most this much of them as JSON, and half the output cap: a rich output past what is
 * left of the cap is dropped whole, and a wide table should still show its first rows.
 */
const maxTableBytes = 4 * 1024 * 1024;
/** Columns of a table, found in the rows sent. */
const maxTableColumns = 200;

/** A displayable value made by the builders: its wire form, and a short text for `inspect`. */
class Displayable {
  readonly #output: RichOutputDto;
  readonly #label: string;

  constructor(mime: RichMime, data: string, label: string) {
    this.#output = { kind: 'rich', mime, data };
    this.#label = label;
  }

  [displaySymbol](): RichOutputDto {
    return this.#output;
  }

  /** What `tessera run` and `console.log` show. */
  [inspect.custom](): string {
    return this.#label;
  }

  toString(): string {
    return this.#output.mime === 'text/html' || this.#output.mime === 'text/markdown' ? this.#output.data : this.#label;
  }
}

/** The rich form of a displayable value, or undefined for any other value (or one whose method fails). */
export function richOf(value: unknown): RichOutputDto | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    const method: unknown = (value as Record<symbol, unknown>)[displaySymbol];
    if (typeof method !== 'function') return undefined;
    const output: unknown = method.call(value);
    return isRichOutput(output) ? output : undefined;
  } catch {
    return undefined;
  }
}

const mimes = new Set<string>([
  'text/plain',
  'text/html',
  'text/markdown',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/json',
  'application/vnd.tessera.table+json',
]);

function isRichOutput(value: unknown): value is RichOutputDto {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, mime, data } = value as Record<string, unknown>;
  return kind === 'rich' && typeof mime === 'string' && mimes.has(mime) && typeof data === 'string';
}

function shorten(text: string, length = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}

// ---------------------------------------------------------------------------------------------
// html and md

function isTemplate(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && Array.isArray((value as unknown as { raw?: unknown }).raw);
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

/** A value put into an `html` template: HTML values as they are, arrays item by item, the rest as escaped text. */
function htmlPart(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(htmlPart).join('');
  const rich = richOf(value);
  if (rich?.mime === 'text/html' || rich?.mime === 'image/svg+xml') return rich.data;
  return escapeHtml(String(value));
}

function markdownPart(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(markdownPart).join('');
  const rich = richOf(value);
  if (rich?.mime === 'text/markdown' || rich?.mime === 'text/html') return rich.data;
  return String(value);
}

function fromTemplate(first: unknown, values: readonly unknown[], part: (value: unknown) => string): string {
  if (!isTemplate(first)) return first === null || first === undefined ? '' : String(first);
  let text = first[0] ?? '';
  for (let index = 0; index < values.length; index++) text += part(values[index]) + (first[index + 1] ?? '');
  return text;
}

/**
 * HTML, shown in a sandboxed frame (its scripts run there, cut off from the notebook). As a tagged
 * template, interpolated values are escaped text unless they are HTML themselves (`html` values,
 * or arrays of them); called with a string, the string is the HTML.
 */
export function html(strings: TemplateStringsArray | string, ...values: unknown[]): Displayable {
  const source = fromTemplate(strings, values, htmlPart);
  return new Displayable('text/html', source, `HTML ${inspect(shorten(source))}`);
}

/** Markdown, rendered as Markdown cells are. Interpolated values go in as their text. */
export function md(strings: TemplateStringsArray | string, ...values: unknown[]): Displayable {
  const source = fromTemplate(strings, values, markdownPart);
  return new Displayable('text/markdown', source, `Markdown ${inspect(shorten(source))}`);
}

// ---------------------------------------------------------------------------------------------
// image

const imageMimes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'] as const;
type ImageMime = (typeof imageMimes)[number];

function bytesOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return Buffer.from(value);
  throw new TypeError(`image() takes the image's bytes (a Uint8Array, a Buffer or an ArrayBuffer), not ${inspect(value, { depth: 0 })}`);
}

/** The image type from its first bytes: PNG, JPEG, GIF, WebP, or SVG text. */
export function sniffImage(bytes: Uint8Array): ImageMime | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').replace(/^\ufeff/, '').trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

/** An image from its bytes; without `mime`, PNG, JPEG, GIF, WebP and SVG are told from the bytes. */
export function image(bytes: Uint8Array | ArrayBuffer, mime?: string): Displayable {
  const buffer = bytesOf(bytes);
  if (mime !== undefined && !(imageMimes as readonly string[]).includes(mime)) {
    throw new TypeError(`image() shows ${imageMimes.join(', ')}; not ${inspect(mime)}`);
  }
  const type = (mime as ImageMime | undefined) ?? sniffImage(buffer);
  if (type === undefined) {
    throw new TypeError("image() cannot tell the image's type from its bytes: give it, as in image(bytes, 'image/png')");
  }
  const data = type === 'image/svg+xml' ? buffer.toString('utf8') : buffer.toString('base64');
  return new Displayable(type, data, `Image { ${type}, ${buffer.byteLength} bytes }`);
}

// ---------------------------------------------------------------------------------------------
// table and json

type Cell = string | number | boolean | null;

function cellOf(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === undefined) return null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return inspect(value, { depth: 1, breakLength: Infinity, colors: false, maxArrayLength: 20, maxStringLength: 200 });
}

/**
 * A table from rows: objects give the columns (every key, in the order first seen), other values
 * a `value` column. The first rows are sent (up to `maxTableRows`, and as many as fit in the
 * budget `tableBuilder` gives); the table says how many there were.
 */
export function tableBuilder(outputCapBytes: number): (rows: Iterable<unknown> | ArrayLike<unknown>) => Displayable {
  const budget = Math.min(maxTableBytes, Math.floor(outputCapBytes / 2));
  return function table(rows) {
    return tableOf(rows, budget);
  };
}

function tableOf(rows: Iterable<unknown> | ArrayLike<unknown>, maxBytes: number): Displayable {
  if (rows === null || rows === undefined || (typeof rows !== 'object' && typeof rows !== 'string')) {
    throw new TypeError(`table() takes an array of rows (objects), not ${inspect(rows, { depth: 0 })}`);
  }
  const all = Array.from(rows as Iterable<unknown>);
  const sent = all.slice(0, maxTableRows);
  const columns: string[] = [];
  const seen = new Set<string>();
  const add = (column: string) => {
    if (!seen.has(column) && columns.length < maxTableColumns) {
      seen.add(column);
      columns.push(column);
    }
  };
  const isRecord = (row: unknown): row is Record<string, unknown> => typeof row === 'object' && row !== null && !Array.isArray(row);
  for (const row of sent) {
    if (isRecord(row)) for (const key of Object.keys(row)) add(key);
    else if (Array.isArray(row)) row.forEach((_, index) => add(String(index)));
    else add('value');
  }
  const cellRows: TableDataDto['rows'][number][] = [];
  let bytes = 0;
  for (const row of sent) {
    const cells = columns.map((column) => {
      if (isRecord(row) || Array.isArray(row)) return cellOf((row as Record<string, unknown>)[column]);
      return column === 'value' ? cellOf(row) : null;
    });
    bytes += Buffer.byteLength(JSON.stringify(cells)) + 1;
    if (bytes > maxBytes) break;
    cellRows.push(cells);
  }
  const data: TableDataDto = { columns, rows: cellRows, totalRows: all.length };
  return new Displayable(
    'application/vnd.tessera.table+json',
    JSON.stringify(data),
    `Table { ${all.length} rows × ${columns.length} columns }`,
  );
}

/** A JSON-safe copy: cycles, functions, symbols, bigints and other values JSON cannot hold become text. */
function jsonSafe(value: unknown, ancestors: object[]): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return null;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || '(anonymous)'}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return '[Circular]';
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return jsonSafe(toJSON.call(object), ancestors);
  const inner = [...ancestors, object];
  if (Array.isArray(object)) return object.map((item) => jsonSafe(item, inner));
  if (object instanceof Map) return Object.fromEntries([...object].map(([key, item]) => [String(key), jsonSafe(item, inner)]));
  if (object instanceof Set) return [...object].map((item) => jsonSafe(item, inner));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) if (item !== undefined) copy[key] = jsonSafe(item, inner);
  return copy;
}

/** A value as a collapsible JSON tree. */
export function json(value: unknown): Displayable {
  const text = JSON.stringify(jsonSafe(value, []));
  return new Displayable('application/json', text, `JSON ${inspect(shorten(text))}`);
}

/** The output `display(value)` sends: the rich form of a displayable value, else the value inspected. */
export function displayOutput(value: unknown, inspected: () => string): RichOutputDto {
  return richOf(value) ?? { kind: 'rich', mime: 'text/plain', data: inspected() };
}

/**
 * The display API as properties of a cell's root scope. Each one gives way to a global of the same
 * name that user code or a library made (`globalThis.table = …`): the API must not hide what the
 * same code would see under Node. Assigning to one sets that global, as for any global.
 */
export function displayScopeProperties(api: Readonly<Record<string, unknown>>): PropertyDescriptorMap {
  const global = globalThis as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(api).map(([name, builtin]) => [
      name,
      {
        get: () => (Object.hasOwn(global, name) ? global[name] : builtin),
        set: (value: unknown) => (global[name] = value),
        enumerable: true,
      },
    ]),
  );
}
