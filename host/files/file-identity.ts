/**
 * Tells whether a file changed on disk since the host read or saved it, so that a save can ask the
 * user instead of silently overwriting what another program (an editor, `git pull`, a sync
 * client) wrote in the meantime.
 *
 * The content hash decides. A different size proves a change without reading the file, but a
 * timestamp proves nothing either way: some file systems keep it to the second or two (FAT,
 * network shares), tools restore it (`cp -p`, `rsync -t`, archive extraction), and a checkout that
 * rewrites identical content moves it without changing anything.
 */

import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';

/** What a file was when the host last read or wrote it. */
export interface FileIdentity {
  /** Its modification time, for showing when it was saved; never used alone to decide a change. */
  readonly mtimeMs: number;
  /** Its size in bytes. */
  readonly size: number;
  /** The SHA-256 of its content, in hex. */
  readonly sha256: string;
}

export type ChangeReason = 'modified' | 'deleted';

export type DiskChange = { readonly changed: false } | { readonly changed: true; readonly reason: ChangeReason };

export interface TrackedFile {
  readonly content: Buffer;
  readonly identity: FileIdentity;
}

export function sha256Of(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads a file with its identity, for opening a document. */
export async function readTracked(path: string): Promise<TrackedFile> {
  // One handle for both, so that the time and the content belong to the same file even if
  // another program replaces it meanwhile.
  const handle = await open(path, 'r');
  try {
    const { mtimeMs } = await handle.stat();
    const content = await handle.readFile();
    return { content, identity: { mtimeMs, size: content.byteLength, sha256: sha256Of(content) } };
  } finally {
    await handle.close();
  }
}

/** Whether the file at `path` is still what `expected` recorded. */
export async function changedSince(path: string, expected: FileIdentity): Promise<DiskChange> {
  try {
    const stats = await stat(path);
    // A folder now stands where the file was: the file is gone.
    if (!stats.isFile()) return { changed: true, reason: 'deleted' };
    if (stats.size !== expected.size) return { changed: true, reason: 'modified' };
    const sameContent = sha256Of(await readFile(path)) === expected.sha256;
    return sameContent ? { changed: false } : { changed: true, reason: 'modified' };
  } catch (error) {
    // ENOTDIR: a folder on the way was replaced by a file; the document is gone all the same.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { changed: true, reason: 'deleted' };
    throw error;
  }
}
