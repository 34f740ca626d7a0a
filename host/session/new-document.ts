/**
 * What File › New gives: a titled notebook with one empty JavaScript cell, as file text — the
 * renderer parses documents from text whichever way they arrive.
 */

import { randomUUID } from 'node:crypto';
import { serializeNotebook } from '../../common/notebook/markdown-write.ts';
import { createCodeCell, createNotebook, insertCell } from '../../common/notebook/operations.ts';

export function newDocumentText(): string {
  const newId = () => randomUUID().slice(0, 8);
  const notebook = createNotebook(newId, 'Untitled');
  const withCell = insertCell(notebook, notebook.setup.id, 0, createCodeCell(newId, 'js'));
  if (!withCell.ok) throw new Error(`A new notebook could not be made: ${JSON.stringify(withCell.reason)}`);
  return serializeNotebook(withCell.notebook);
}
