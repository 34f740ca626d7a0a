/**
 * Reading and writing notebook files for the CLI: the format follows the extension
 * (`common/notebook/document-format.ts`), and a file that cannot be read or parsed is an error
 * with the file (and line, for Markdown) in its message.
 */

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { documentFormatOf, readDocument, writeDocument } from '../../common/notebook/document-format.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';

export class NotebookFileError extends Error {}

export async function readNotebookFile(path: string): Promise<Notebook> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new NotebookFileError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  const result = readDocument(text, documentFormatOf(path), () => randomUUID().slice(0, 8));
  if (result.ok) return result.notebook;
  throw new NotebookFileError(result.line === undefined ? `${path} is ${result.message}` : `${path}:${result.line}: ${result.message}`);
}

export async function writeNotebookFile(path: string, notebook: Notebook): Promise<void> {
  await writeFileAtomic(path, writeDocument(notebook, documentFormatOf(path)));
}
