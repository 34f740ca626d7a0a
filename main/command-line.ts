/**
 * Which arguments of a command line are notebooks to open: the app's own launch, and a second
 * launch handing its arguments to the running app, both name files this way. A desktop may pass
 * `file:` URLs (a Linux desktop entry's `%U`); they name files too.
 */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { notebookExtension } from '../common/notebook/markdown-write.ts';

const notebookExtensions = [notebookExtension, '.md', '.ipynb'];

function pathOf(arg: string, cwd: string): string | undefined {
  if (!arg.startsWith('file:')) return resolve(cwd, arg);
  try {
    return fileURLToPath(arg);
  } catch {
    return undefined;
  }
}

/** Notebook files named on a command line that exist, resolved against the folder it was given in. */
export function notebookFilesIn(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && notebookExtensions.some((extension) => arg.toLowerCase().endsWith(extension)))
    .map((arg) => pathOf(arg, cwd))
    .filter((path): path is string => path !== undefined && existsSync(path));
}
