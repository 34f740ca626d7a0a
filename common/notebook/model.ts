/**
 * The notebook document: what the user writes and Tessera saves. Pure data, no behaviour that
 * depends on a process: the renderer, the hosts and the CLI all hold the same shape, and it
 * crosses process boundaries by structured clone.
 *
 * Ids are stable: they are saved with the file, so that a cell keeps its identity (and its
 * evaluation, its outputs in the UI) across save and load. Ids are unique across the whole
 * notebook: cells, sections and what is in the bin share one space.
 *
 * Fields that only the file formats need (`written`, `lineEnding`, `byteOrderMark`) and the session-only bin are
 * optional, so that a notebook built by hand (a test, a new document) is simply its content.
 */

import type { Language } from '../protocol/runtime.ts';

export type CellId = string;
export type SectionId = string;

/**
 * Metadata Tessera may not understand: kept as the file had it and written back unchanged, so a
 * file round-trips even through an older version of Tessera. Values are JSON values. It never holds
 * the keys the file format reserves for itself (`id` of cells and sections, for example).
 */
export type Metadata = Readonly<Record<string, unknown>>;

/**
 * How a part of the notebook (its header, a section, a cell) was written in the file it was loaded
 * from, kept only where that differs from how Tessera would write it (CRLF mixed with LF, trailing
 * whitespace, a longer fence, tildes, JSON spaced differently). Saving writes `text` back as long as
 * the part would still be written as `canonical`, that is as long as nothing in it changed; a changed
 * part is written afresh. This is what makes load-then-save byte-for-byte identical.
 */
export interface WrittenForm {
  /** The exact text of the part in the file, its trailing blank lines included. */
  readonly text: string;
  /** What Tessera would write for the part as it was loaded, at the same place in the file. */
  readonly canonical: string;
}

export interface MarkdownCell {
  readonly kind: 'markdown';
  readonly id: CellId;
  /** Markdown text; line breaks are `\n` whatever the file uses. */
  readonly source: string;
  readonly metadata: Metadata;
  readonly written?: WrittenForm;
}

export interface CodeCell {
  readonly kind: 'code';
  readonly id: CellId;
  readonly language: Language;
  /**
   * The fence's info string as the file wrote it, when it says more than the language's short
   * name (`javascript`, `ts twoslash`, `js title="a.js" {1,3}`): kept through edits and saves. Its
   * first word names the language; if the language changes, the writer puts the new one there.
   */
  readonly info?: string;
  /** The code; line breaks are `\n` whatever the file uses. */
  readonly source: string;
  readonly metadata: Metadata;
  /** Outputs of the last evaluation; written to the file only when the notebook saves outputs. */
  readonly outputs: readonly SavedOutput[];
  /**
   * Jupyter's execution count: which run of the session this cell's outputs came from, set when
   * the cell is sent to run; absent before it ran (Jupyter's `null`). Kept by `.ipynb` files only.
   */
  readonly executionCount?: number;
  readonly written?: WrittenForm;
}

/**
 * Text that is neither Markdown nor code, shown as it is and never run: Jupyter's raw cells, and
 * cells of a type Tessera does not know (their `cell_type` is kept, under `ipynb` in the metadata).
 */
export interface RawCell {
  readonly kind: 'raw';
  readonly id: CellId;
  /** The text; line breaks are `\n` whatever the file uses. */
  readonly source: string;
  readonly metadata: Metadata;
  readonly written?: WrittenForm;
}

export type Cell = MarkdownCell | CodeCell | RawCell;

/**
 * An output as a file keeps it: plain text, or a rich output. ANSI escapes are removed from text
 * and line breaks become `\n` when it is written to Markdown. `metadata` holds what a file said
 * about it that Tessera does not understand; absent means none.
 */
export type SavedOutput =
  | {
      readonly kind: 'text';
      readonly stream: 'stdout' | 'stderr';
      readonly text: string;
      readonly metadata?: Metadata;
    }
  | { readonly kind: 'value'; readonly text: string; readonly metadata?: Metadata }
  | {
      readonly kind: 'error';
      readonly name: string;
      readonly message: string;
      readonly stack: string;
      readonly metadata?: Metadata;
    }
  /**
   * HTML, Markdown, SVG, an image, a JSON tree or a table, by MIME type (the runtime protocol's
   * `RichMime`; a file may name others, which are kept as they are). `data` is base64 for the
   * raster images (`isBinaryMime`), JSON text for JSON types, text otherwise.
   *
   * One output may come in several forms (Jupyter's MIME bundle: a chart as Vega-Lite, PNG and
   * text). `mime` and `data` are the form Tessera shows, chosen as JupyterLab does
   * (`preferredMime`); `alternatives` holds the others, MIME type → data in the same encodings,
   * so that a file that has them keeps them.
   */
  | {
      readonly kind: 'rich';
      readonly mime: string;
      readonly data: string;
      readonly alternatives?: MimeBundle;
      readonly metadata?: Metadata;
    }
  /**
   * An output of a kind this version of Tessera does not know, read from a `.tsnb` file written by
   * a newer one: its comment's fields (its `kind` among them) and its block, exactly, so that it is
   * written back as it was. Shown as a note, never interpreted.
   */
  | { readonly kind: 'opaque'; readonly fields: Metadata; readonly info: string; readonly lines: readonly string[] };

/** Data by MIME type, encoded as a rich output's `data` is. */
export type MimeBundle = Readonly<Record<string, string>>;

/** Rich outputs whose data is base64: PNG, JPEG, GIF and WebP images. */
export function isBinaryMime(mime: string): boolean {
  return /^image\/(?:png|jpeg|gif|webp)$/.test(mime);
}

export interface Section {
  readonly id: SectionId;
  /** One line of inline Markdown, trimmed; empty for the setup section. */
  readonly title: string;
  readonly cells: readonly Cell[];
  readonly metadata: Metadata;
  readonly written?: WrittenForm;
}

/** A cell or a section that was deleted, with where it was, so that it can be put back. */
export type BinEntry =
  | { readonly kind: 'cell'; readonly cell: Cell; readonly sectionId: SectionId; readonly index: number }
  | { readonly kind: 'section'; readonly section: Section; readonly index: number };

/** The line break a file uses: `\n` unless the file it came from used `\r\n`. */
export type LineEnding = '\n' | '\r\n';

export interface Notebook {
  /** One line of inline Markdown, trimmed; empty when the notebook has no `#` title. */
  readonly title: string;
  /** Cells before the first `##` heading. Always present, never deleted. */
  readonly setup: Section;
  readonly sections: readonly Section[];
  readonly metadata: Metadata;
  /** Whether saving writes the cells' outputs into the file. */
  readonly saveOutputs: boolean;
  /** The line break the file is written with; absent means `\n`. */
  readonly lineEnding?: LineEnding;
  /** Whether the file starts with a byte order mark, as Windows editors may write; kept on save. */
  readonly byteOrderMark?: boolean;
  /** Deleted cells and sections, newest first. Never saved: it lasts as long as the session. */
  readonly bin?: readonly BinEntry[];
  /** How the header (title and notebook metadata) was written, when it differs from Tessera's way. */
  readonly written?: WrittenForm;
}

/** The setup section, then the titled sections, in document order. */
export function allSections(notebook: Notebook): readonly Section[] {
  return [notebook.setup, ...notebook.sections];
}

/** Titles are one line without surrounding whitespace: a heading cannot hold more. */
export function normalizeTitle(title: string): string {
  return title.replace(/[\r\n]+/g, ' ').trim();
}

/** Sources hold `\n` line breaks only, so that they compare equal whatever file they came from. */
export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
