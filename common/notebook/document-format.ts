/**
 * Which file format a document is read and written in: the extension decides, for every host and
 * the CLI alike. `.ipynb` is Jupyter's JSON; everything else (`.tsnb`, `.md`, a new notebook) is
 * Tessera's Markdown. Reading one format and writing the other would destroy the file, so every
 * read and write of a document goes through here.
 */

import type { NewId } from './ids.ts';
import { exportIpynb, importIpynb } from './ipynb.ts';
import { parseNotebook } from './markdown-parse.ts';
import { serializeNotebook } from './markdown-write.ts';
import { allSections, type Notebook } from './model.ts';

export type DocumentFormat = 'tsnb' | 'ipynb';

/** The format of the file at `path`; a document never saved (null) is a `.tsnb`. */
export function documentFormatOf(path: string | null): DocumentFormat {
  return path !== null && /\.ipynb$/i.test(path) ? 'ipynb' : 'tsnb';
}

export type DocumentReadResult =
  | { readonly ok: true; readonly notebook: Notebook }
  /** `line` is where to look in a Markdown file; a Jupyter file's message says what is wrong. */
  | { readonly ok: false; readonly message: string; readonly line?: number };

export function readDocument(text: string, format: DocumentFormat, newId: NewId): DocumentReadResult {
  if (format === 'ipynb') {
    const imported = importIpynb(text, newId);
    return imported.ok ? imported : { ok: false, message: `not a Jupyter notebook Tessera can read: ${imported.error.message}` };
  }
  const parsed = parseNotebook(text, newId);
  return parsed.ok ? parsed : { ok: false, message: parsed.error.message, line: parsed.error.line };
}

export function writeDocument(notebook: Notebook, format: DocumentFormat): string {
  return format === 'ipynb' ? exportIpynb(notebook) : serializeNotebook(notebook);
}

/**
 * What a notebook holds that a file of `format` cannot keep, as phrases for the user ("Save as"
 * says them before it changes the format); empty when nothing is lost.
 */
export function formatLosses(notebook: Notebook, format: DocumentFormat): readonly string[] {
  const cells = allSections(notebook).flatMap((section) => section.cells);
  const outputs = notebook.saveOutputs ? cells.flatMap((cell) => (cell.kind === 'code' ? cell.outputs : [])) : [];
  const losses: string[] = [];
  if (format === 'tsnb') {
    if (cells.some((cell) => cell.kind === 'code' && cell.executionCount !== undefined)) losses.push('execution counts');
    if (outputs.some((output) => output.kind === 'rich' && output.alternatives !== undefined)) {
      losses.push('the other forms of outputs that come in several (a .tsnb keeps the one shown)');
    }
  } else if (outputs.some((output) => output.kind === 'opaque')) {
    losses.push('outputs of kinds this version of Tessera does not know');
  }
  return losses;
}
