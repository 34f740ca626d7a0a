/**
 * Reading and writing notebook files for the CLI: the format follows the extension
 * (`common/notebook/document-format.ts`), and a file that cannot be read or parsed is an error
 * with the file (and line, for Markdown) in its message.
 */

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ExportFormat } from '../../common/bridge/contract.ts';
import { documentFormatOf, readDocument, writeDocument } from '../../common/notebook/document-format.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { decodeUtf8, InvalidUtf8Error } from '../files/decode-text.ts';
import { exportExtensions, exportNotebook } from '../export/export-notebook.ts';

export class NotebookFileError extends Error {}

export async function readNotebookFile(path: string): Promise<Notebook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new NotebookFileError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  let text: string;
  try {
    text = decodeUtf8(bytes, path);
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    throw new NotebookFileError(error.message);
  }
  const result = readDocument(text, documentFormatOf(path), () => randomUUID().slice(0, 8));
  if (result.ok) return result.notebook;
  throw new NotebookFileError(result.line === undefined ? `${path} is ${result.message}` : `${path}:${result.line}: ${result.message}`);
}

export async function writeNotebookFile(path: string, notebook: Notebook): Promise<void> {
  await writeFileAtomic(path, writeDocument(notebook, documentFormatOf(path)));
}

/**
 * `tessera export`: reads FILE and writes it in `format` to `output` (FILE with the format's
 * extension unless given), never over FILE itself. Returns the path written.
 */
export async function exportNotebookFile(file: string, format: ExportFormat, output?: string): Promise<string> {
  const notebook = await readNotebookFile(file);
  const target = resolve(output ?? file.replace(/\.[^./\\]*$/, '') + exportExtensions[format]);
  if (target === resolve(file)) throw new NotebookFileError(`Exporting ${file} as ${format} would write over it: give another file with -o`);
  try {
    await writeFileAtomic(target, exportNotebook(notebook, format));
  } catch (error) {
    throw new NotebookFileError(`Cannot write ${target}: ${(error as Error).message}`);
  }
  return target;
}
