/**
 * Which arguments of a command line are notebooks to open: the app's own launch, and a second
 * launch handing its arguments to the running app, both name files this way.
 */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { notebookExtension } from '../common/notebook/markdown-write.ts';

const notebookExtensions = [notebookExtension, '.md', '.ipynb'];

/** Notebook files named on a command line that exist, resolved against the folder it was given in. */
export function notebookFilesIn(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && notebookExtensions.some((extension) => arg.toLowerCase().endsWith(extension)))
    .map((arg) => resolve(cwd, arg))
    .filter((path) => existsSync(path));
}
