/**
 * Writes a file so that whatever happens — a full disk, a crash, the process killed, the power cut —
 * the file is afterwards either its old self or wholly the new content, never a truncated mix.
 *
 * The new content goes to a temporary file in the target's own folder (the same filesystem, the
 * only place where a rename is atomic), is flushed to the disk, and is then renamed over the
 * target in one step. That rename is the only moment the target changes. Writing the target in
 * place, as `fs.writeFile` does, truncates it first: a crash during the write leaves it empty.
 *
 * The file system calls are a parameter so that tests can make one step fail: a full disk cannot
 * be arranged for real, and tests run as root, where permissions stop nothing.
 */

import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { getSystemErrorMap } from 'node:util';

/** The file system calls a save makes: node:fs/promises unless a test injects failures. */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<fsp.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
}

export const nodeFs: AtomicWriteFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  stat: (path) => fsp.stat(path),
  realpath: (path) => fsp.realpath(path),
};

export interface AtomicWriteOptions {
  readonly fs?: AtomicWriteFs;
}

/** What the saved file looks like on disk, for recording its identity. */
export interface WrittenFile {
  readonly mtimeMs: number;
  readonly size: number;
}

/** A save that failed; the file it meant to replace is untouched. */
export class SaveError extends Error {
  override readonly name = 'SaveError';

  constructor(
    /** The path the caller asked to save. */
    readonly path: string,
    /** The system error code, such as `ENOSPC`, when there is one. */
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`Could not save ${path}: ${reasonOf(cause)}`, { cause });
  }
}

// Windows refuses a rename while another program (an antivirus, the search indexer, a sync
// client) briefly holds the target open; waiting a moment is enough. Elsewhere these codes are
// a lasting refusal, and the retries only delay the same error by under half a second.
const retriedRenameCodes = new Set(['EPERM', 'EBUSY', 'EACCES']);
const renameRetryDelaysMs = [10, 30, 90, 270];

/**
 * Replaces `path` with `data` atomically. Follows a symbolic link, so that the link stays a link
 * and the file it points to gets the content; keeps an existing file's permission bits. Throws a
 * `SaveError` that names the path and the cause, after removing its temporary file; the old file
 * is then as it was.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<WrittenFile> {
  const fs = options.fs ?? nodeFs;
  let temp: string | undefined;
  let handle: fsp.FileHandle | undefined;
  try {
    const existing = await existingFile(fs, path);
    const target = existing?.path ?? path;
    temp = join(dirname(target), temporaryName(basename(target)));
    // 'wx' never reuses a file that happens to exist. A new file gets the usual 0o666 less the
    // umask, as fs.writeFile gives; an existing file's bits are set exactly below, since the
    // umask also applies to the mode given here.
    handle = await fs.open(temp, 'wx', existing?.mode ?? 0o666);
    await handle.writeFile(data);
    if (existing) await handle.chmod(existing.mode);
    // Without this the rename can reach the disk before the data: after a power cut the target
    // would then be the new, empty file.
    await handle.sync();
    const { mtimeMs, size } = await handle.stat();
    // Some file systems (NFS) report a failed write only when the file is closed.
    await handle.close();
    handle = undefined;
    await renameWithRetries(fs, temp, target);
    temp = undefined;
    await syncFolder(fs, dirname(target));
    return { mtimeMs, size };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (temp !== undefined) await fs.unlink(temp).catch(() => undefined);
    throw new SaveError(path, codeOf(error), error);
  }
}

/** The real path and permission bits of the file at `path`, or undefined when there is none. */
async function existingFile(fs: AtomicWriteFs, path: string): Promise<{ path: string; mode: number } | undefined> {
  try {
    const real = await fs.realpath(path);
    return { path: real, mode: (await fs.stat(real)).mode & 0o7777 };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** A hidden name beside the target, unique so that two saves never share a temporary file. */
function temporaryName(name: string): string {
  // A file name may be up to 255 bytes; 64 UTF-16 units are at most 192 bytes, which leaves room
  // for the rest.
  return `.${name.slice(0, 64)}.tessera-${randomBytes(6).toString('hex')}.tmp`;
}

async function renameWithRetries(fs: AtomicWriteFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const delay = renameRetryDelaysMs[attempt];
      if (delay === undefined || !retriedRenameCodes.has(codeOf(error) ?? '')) throw error;
      await sleep(delay);
    }
  }
}

/** Makes the rename itself durable: on Linux a rename lives in the folder until the folder is synced. */
async function syncFolder(fs: AtomicWriteFs, folder: string): Promise<void> {
  // Windows cannot open a folder as a file, and NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse to sync a folder. The new content is in place by now, so the save
    // has happened: failing it here would tell the user otherwise.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "no space left on device (ENOSPC)" for a system error, the error's own message otherwise. */
function reasonOf(error: unknown): string {
  const code = codeOf(error);
  if (code !== undefined) {
    for (const [name, text] of getSystemErrorMap().values()) if (name === code) return `${text} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
