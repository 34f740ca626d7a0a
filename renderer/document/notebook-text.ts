/**
 * The document as file text, in the format its path says (`.ipynb` is Jupyter's JSON, anything
 * else the `.tsnb` Markdown format), with the renderer's random ids for parts a file gives none.
 * A file that does not read is an error the user is shown, never a silently emptied notebook.
 */

import { documentFormatOf, readDocument, writeDocument } from '../../common/notebook/document-format.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { newId } from '../notebook/ids.ts';

/** Reads a document's text in the format its path's extension names; `path` (null for a new notebook) names the file in the error. */
export function parseNotebookText(text: string, path: string | null): Notebook {
  const result = readDocument(text, documentFormatOf(path), () => newId('c'));
  if (result.ok) return result.notebook;
  const where = result.line === undefined ? '' : `line ${result.line}: `;
  throw new Error(`Cannot open ${path ?? 'the notebook'}: ${where}${result.message}`);
}

export function serializeNotebookText(notebook: Notebook, path: string | null): string {
  return writeDocument(notebook, documentFormatOf(path));
}
