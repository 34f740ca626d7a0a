/**
 * The document as file text: the `.tsnb` Markdown format of common/notebook, with the renderer's
 * random ids for parts a file gives none (a plain `.md` file). A file that does not parse is an
 * error the user is shown with its line, never a silently emptied notebook.
 */

import { parseNotebook } from '../../common/notebook/markdown-parse.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { newId } from '../notebook/ids.ts';

export { serializeNotebook as serializeNotebookText } from '../../common/notebook/markdown-write.ts';

export function parseNotebookText(text: string): Notebook {
  const result = parseNotebook(text, () => newId('c'));
  if (!result.ok) throw new Error(`The notebook could not be read: line ${result.error.line}: ${result.error.message}`);
  return result.notebook;
}
