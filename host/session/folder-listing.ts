/**
 * `tessera serve`'s file browser, on the host's side: the folders and notebooks of one folder, at
 * or below the folder serve was started in — the browser has no file dialog to show them. A
 * request for a folder outside that root (`..`, an absolute path, or a link that leads out) is
 * refused; hidden entries are left out, and a huge folder is cut to its first entries.
 */

import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FolderListing } from '../../common/bridge/contract.ts';

/** The files the browser offers: those Open reads. */
const notebookExtensions = new Set(['.tsnb', '.md', '.ipynb']);

/** Entries listed at most; a folder with more says so (`truncated`). */
const maxEntries = 2000;

/** Whether `path` is `root` or below it: `..` as a whole first segment, or another drive (absolute), is outside; `..notes` is a name. */
function inside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return !isAbsolute(rest) && rest !== '..' && !rest.startsWith(`..${sep}`);
}

/** Lists `path` (the root when absent; a relative path is taken from the root). */
export async function listFolder(root: string, path: string | undefined): Promise<FolderListing> {
  const realRoot = await realpath(root);
  const wanted = resolve(realRoot, path ?? '.');
  const real = await realpath(wanted).catch(() => {
    throw new Error(`No such folder: ${wanted}`);
  });
  if (!inside(realRoot, real)) throw new Error(`${wanted} is outside the folder tessera serve was started in (${realRoot})`);
  if (!(await stat(real)).isDirectory()) throw new Error(`Not a folder: ${wanted}`);
  const entries: FolderListing['entries'][number][] = [];
  const dirents = (await readdir(real, { withFileTypes: true })).filter((entry) => !entry.name.startsWith('.'));
  for (const entry of dirents) {
    const full = join(real, entry.name);
    // A link counts as what it leads to, and only when that is inside the root.
    const target = entry.isSymbolicLink() ? await realpath(full).catch(() => undefined) : full;
    if (target === undefined || !inside(realRoot, target)) continue;
    const isFolder = entry.isSymbolicLink() ? (await stat(target)).isDirectory() : entry.isDirectory();
    if (isFolder) entries.push({ name: entry.name, path: full, kind: 'folder' });
    else if (notebookExtensions.has(extname(entry.name).toLowerCase())) entries.push({ name: entry.name, path: full, kind: 'notebook' });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  return {
    root: realRoot,
    path: real,
    parent: real === realRoot ? null : dirname(real),
    entries: entries.slice(0, maxEntries),
    truncated: entries.length > maxEntries,
  };
}
