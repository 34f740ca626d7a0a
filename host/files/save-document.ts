/**
 * Saving a document as a host does it: check that the file on disk is still the one the document
 * was read from, then write atomically and hand back the new identity to check against next time.
 * A file changed by someone else is a conflict the user decides, so it is a result, not an error;
 * a save that fails is an error (`SaveError`), and the old file is then untouched.
 */

import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write.ts';
import { changedSince, sha256Of, type DiskChange, type FileIdentity } from './file-identity.ts';

export interface SaveDocumentOptions extends AtomicWriteOptions {
  /**
   * The file's identity when the document was opened or last saved; undefined for a file the
   * document has never been saved to (a new notebook, or Save As, whose dialog has asked already).
   */
  readonly expected: FileIdentity | undefined;
  /** Overwrite even when the file changed on disk: the user said so. */
  readonly force?: boolean;
}

export type Conflict = Extract<DiskChange, { changed: true }>;

export type SaveResult =
  /** Saved; record `identity` for the next save. */
  | { readonly ok: true; readonly identity: FileIdentity }
  /** Not saved: the file changed on disk since `expected`. Nothing was written. */
  | { readonly ok: false; readonly conflict: Conflict };

export async function saveDocument(path: string, data: string | Uint8Array, options: SaveDocumentOptions): Promise<SaveResult> {
  if (options.expected && !options.force) {
    const change = await changedSince(path, options.expected);
    // Between this check and the rename another program could still write; the window is the
    // few milliseconds of one save, where without the check it would be the whole session.
    if (change.changed) return { ok: false, conflict: change };
  }
  const written = await writeFileAtomic(path, data, options);
  return { ok: true, identity: { ...written, sha256: sha256Of(data) } };
}
