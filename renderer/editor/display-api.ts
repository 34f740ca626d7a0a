/**
 * The display API every cell has in its root scope (runtime/evaluator/display.ts; the README's
 * "Rich output"), as the editor's TypeScript sees it: declared with its types and documentation,
 * so that it completes, hovers and is checked like any other name.
 */

export const displayApiPath = 'file:///tessera/display-api.d.ts';

export const displayApi = `
/** A value a cell shows rich: what \`html\`, \`md\`, \`image\`, \`table\` and \`json\` make. Its text is its HTML or Markdown, or a short label. */
interface Displayable {
  toString(): string;
}

/**
 * HTML, shown in a sandboxed frame (its scripts run there, cut off from the notebook). As a tagged
 * template, interpolated values are escaped text unless they are HTML themselves (\`html\` values,
 * or arrays of them); called with a string, the string is the HTML.
 */
declare function html(strings: TemplateStringsArray | string, ...values: unknown[]): Displayable;

/** Markdown, rendered as Markdown cells are. Interpolated values go in as their text. */
declare function md(strings: TemplateStringsArray | string, ...values: unknown[]): Displayable;

/** An image from its bytes; without \`mime\`, PNG, JPEG, GIF, WebP and SVG are told from the bytes. */
declare function image(bytes: Uint8Array | ArrayBuffer, mime?: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml'): Displayable;

/**
 * A table from rows: objects give the columns (every key, in the order first seen), other values a
 * \`value\` column. The first 100 000 rows are sent, fewer when they would take more than 4 MiB or
 * half the output cap; the table says how many there were.
 */
declare function table(rows: Iterable<unknown> | ArrayLike<unknown>): Displayable;

/** A value as a collapsible JSON tree. */
declare function json(value: unknown): Displayable;

/**
 * Shows each value now, in order with what the cell prints (also from a timer the cell started):
 * rich when it is displayable, else as the cell's value would show.
 */
declare function display(...values: unknown[]): void;
`;
