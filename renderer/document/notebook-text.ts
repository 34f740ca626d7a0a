/**
 * The document as file text: the `.tsnb` Markdown format of common/notebook, with the renderer's
 * random ids for parts a file gives none (a plain `.md` file). A file that does not parse is an
 * error the user is shown with its line, never a silently emptied notebook.
 */

import { parseNotebook } from '../../common/notebook/markdown-parse.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { newId } from '../notebook/ids.ts';

export { serializeNotebook as serializeNotebookText } from '../../common/notebook/markdown-write.ts';

/** Reads a document's text; `path` (null for a new notebook) names the file in the error. */
export function parseNotebookText(text: string, path: string | null): Notebook {
  const result = parseNotebook(text, () => newId('c'));
  if (!result.ok) {
    throw new Error(`Cannot open ${path ?? 'the notebook'}: line ${result.error.line}: ${result.error.message}`);
  }
  return result.notebook;
}
