/**
 * Backups of unsaved work, for hot exit and crash recovery: while a document has edits that are
 * not saved, its content is copied to a backup folder (such as the app's userData/backups) about a
 * second after the last edit; a save discards the copy. Whatever is in the folder when the next
 * session starts is work a session did not save, because it crashed or because it quit with hot
 * exit, and can be offered back.
 *
 * Each session writes its backups under its own random prefix, so the backups found at start are
 * never overwritten by the new session: a document reopened and edited before the user answered
 * the restore offer gets a backup of its own beside the old one. Old backups go only when the
 * host removes them.
 *
 * A backup file is one JSON header line (the document, the time, the content's size) and the
 * content itself, readable with any text editor. Files are written atomically, so a crash
 * mid-write leaves the previous backup; a file that still does not parse is skipped with the
 * reason, never thrown at the user.
 */

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Emitter, type Disposable, type Event } from '../../common/events.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { decodeUtf8, InvalidUtf8Error } from './decode-text.ts';

/**
 * Which document a backup belongs to: a file on disk, by its absolute path, or a notebook never
 * saved, by the id the host gave it.
 */
export type DocumentKey = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'untitled'; readonly id: string };

export interface BackupStoreOptions {
  /** The folder that holds the backups; created when missing. */
  readonly folder: string;
  /** How long after the last edit a backup is written, in ms; 1 000 by default. */
  readonly delayMs?: number;
  /**
   * The longest an edit waits for its backup while further edits keep postponing it, in ms:
   * without it, a user who types without a pause for ten minutes would have no backup at all.
   * 10 000 by default.
   */
  readonly maxDelayMs?: number;
  /** The clock that dates backups, in ms since the epoch; `Date.now` by default. */
  readonly now?: () => number;
}

/** A backup a previous session left. */
export interface Backup {
  /** The backup file. */
  readonly file: string;
  readonly document: DocumentKey;
  /** When it was written, in ms since the epoch. */
  readonly savedAt: number;
  /** The content's size in bytes. */
  readonly size: number;
}

/** A file in the backup folder that is not a readable backup. */
export interface SkippedFile {
  readonly file: string;
  /** Why, in words. */
  readonly reason: string;
}

export interface BackupListing {
  readonly backups: readonly Backup[];
  readonly skipped: readonly SkippedFile[];
}

/** A backup this session could not write or remove. */
export interface BackupFailure {
  readonly document: DocumentKey;
  readonly error: Error;
}

const extension = '.backup';
const format = 'tessera-backup';

interface Header {
  readonly format: typeof format;
  readonly version: 1;
  readonly document: DocumentKey;
  readonly savedAt: number;
  readonly size: number;
}

/** One document's backup in this session. */
interface Slot {
  readonly document: DocumentKey;
  /** The backup's file name in the folder. */
  readonly name: string;
  /** Content waiting for its timer. */
  pending: string | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The monotonic time by which the pending content must be written. */
  deadline: number | undefined;
  /**
   * The last write or removal, chained after the one before it so that the folder sees them in
   * order: a discard never races a write that started before it.
   */
  done: Promise<BackupFailure | undefined>;
}

export class BackupStore implements Disposable {
  private readonly _onDidFail = new Emitter<BackupFailure>();
  /** Fires for every backup that could not be written or removed. */
  readonly onDidFail: Event<BackupFailure> = this._onDidFail.event;

  private readonly slots = new Map<string, Slot>();
  private readonly session = randomBytes(4).toString('hex');
  private readonly folder: string;
  private readonly delayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private previous: BackupListing;

  private constructor(options: BackupStoreOptions, previous: BackupListing) {
    this.folder = options.folder;
    this.delayMs = options.delayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.previous = previous;
  }

  /** Opens the folder and takes stock of what earlier sessions left there. */
  static async open(options: BackupStoreOptions): Promise<BackupStore> {
    await mkdir(options.folder, { recursive: true });
    return new BackupStore(options, await scan(options.folder));
  }

  /** The backups that were in the folder when the store opened, newest first, less those removed since. */
  list(): BackupListing {
    return this.previous;
  }

  /** A listed backup's content. Throws when it can no longer be read. */
  async read(backup: Backup): Promise<string> {
    const parsed = parse(await readFile(backup.file));
    if (!parsed.ok) throw new Error(`The backup ${backup.file} cannot be read: ${parsed.reason}`);
    return parsed.content;
  }

  /** Deletes a listed backup or skipped file, once its content is safe elsewhere or refused. */
  async remove(entry: Backup | SkippedFile): Promise<void> {
    await unlink(entry.file).catch(ignoreMissing);
    this.previous = {
      backups: this.previous.backups.filter((backup) => backup.file !== entry.file),
      skipped: this.previous.skipped.filter((skipped) => skipped.file !== entry.file),
    };
  }

  /**
   * Records the document's unsaved content. It is written `delayMs` after the last call, or
   * `maxDelayMs` after the first call since the last write, whichever comes first.
   */
  schedule(document: DocumentKey, content: string): void {
    const slot = this.slotOf(document);
    const now = performance.now();
    slot.pending = content;
    slot.deadline ??= now + this.maxDelayMs;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void this.write(slot), Math.min(this.delayMs, slot.deadline - now));
  }

  /**
   * Forgets the document's backup, written or pending: call it after a save, when the document
   * has no edits beyond what was saved (an edit made while the save ran needs its backup still).
   */
  async discard(document: DocumentKey): Promise<void> {
    const slot = this.slots.get(fileNameOf(this.session, document));
    if (!slot) return;
    cancel(slot);
    const done = (slot.done = slot.done.then(() => this.removeBackup(slot)));
    await done;
    if (slot.done === done && slot.pending === undefined) this.slots.delete(slot.name);
  }

  /**
   * The document's session ends without saving it (a browser tab closed): its backup is written
   * now if it waits, and then listed with those earlier sessions left, so that the next session
   * offers it back without the host restarting. A document with no backup is left alone.
   */
  async release(document: DocumentKey): Promise<void> {
    const slot = this.slots.get(fileNameOf(this.session, document));
    if (!slot) return;
    // The slot stays until it is written, so that `flush` (the host quitting) waits for the write.
    const failure = await this.write(slot);
    if (this.slots.get(slot.name) === slot && slot.pending === undefined) this.slots.delete(slot.name);
    if (failure !== undefined) return;
    const file = join(this.folder, slot.name);
    const parsed = parse(await readFile(file).catch(() => Buffer.alloc(0)));
    if (!parsed.ok) return;
    const backup: Backup = { file, document: parsed.header.document, savedAt: parsed.header.savedAt, size: parsed.header.size };
    const backups = [backup, ...this.previous.backups.filter((listed) => listed.file !== file)];
    this.previous = { ...this.previous, backups: backups.sort((a, b) => b.savedAt - a.savedAt) };
  }

  /**
   * Writes every pending backup now and waits for all writes in progress: before quitting with
   * hot exit. Returns the documents whose latest backup failed; quitting would lose their work.
   */
  async flush(): Promise<readonly BackupFailure[]> {
    const outcomes = await Promise.all([...this.slots.values()].map((slot) => this.write(slot)));
    return outcomes.filter((outcome) => outcome !== undefined);
  }

  /** Stops the timers; content still pending is not written (flush first to keep it). */
  dispose(): void {
    for (const slot of this.slots.values()) cancel(slot);
    this._onDidFail.dispose();
  }

  private slotOf(document: DocumentKey): Slot {
    const name = fileNameOf(this.session, document);
    let slot = this.slots.get(name);
    if (!slot) {
      slot = { document, name, pending: undefined, timer: undefined, deadline: undefined, done: Promise.resolve(undefined) };
      this.slots.set(name, slot);
    }
    return slot;
  }

  /** Writes the slot's pending content, if any; resolves with the outcome of its latest operation. */
  private write(slot: Slot): Promise<BackupFailure | undefined> {
    const content = slot.pending;
    cancel(slot);
    if (content === undefined) return slot.done;
    const header: Header = { format, version: 1, document: slot.document, savedAt: this.now(), size: Buffer.byteLength(content) };
    const data = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), Buffer.from(content)]);
    slot.done = slot.done.then(() => this.settle(slot, writeFileAtomic(join(this.folder, slot.name), data)));
    return slot.done;
  }

  private removeBackup(slot: Slot): Promise<BackupFailure | undefined> {
    return this.settle(slot, unlink(join(this.folder, slot.name)).catch(ignoreMissing));
  }

  private async settle(slot: Slot, operation: Promise<unknown>): Promise<BackupFailure | undefined> {
    try {
      await operation;
      return undefined;
    } catch (error) {
      const failure = { document: slot.document, error: error instanceof Error ? error : new Error(String(error)) };
      this._onDidFail.fire(failure);
      return failure;
    }
  }
}

function cancel(slot: Slot): void {
  clearTimeout(slot.timer);
  slot.pending = slot.timer = slot.deadline = undefined;
}

/** The session prefix and a digest of the key: stable for a document, safe for any file system. */
function fileNameOf(session: string, document: DocumentKey): string {
  const key = document.kind === 'file' ? `file:${document.path}` : `untitled:${document.id}`;
  return `${session}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}${extension}`;
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

async function scan(folder: string): Promise<BackupListing> {
  const backups: Backup[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(folder, entry.name);
    if (!entry.name.endsWith(extension)) {
      skipped.push({ file, reason: 'not a backup: an unfinished write, or a file Tessera did not write' });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      skipped.push({ file, reason: `unreadable: ${(error as Error).message}` });
      continue;
    }
    const parsed = parse(bytes);
    if (parsed.ok) backups.push({ file, document: parsed.header.document, savedAt: parsed.header.savedAt, size: parsed.header.size });
    else skipped.push({ file, reason: parsed.reason });
  }
  return { backups: backups.sort((a, b) => b.savedAt - a.savedAt), skipped };
}

type Parsed = { readonly ok: true; readonly header: Header; readonly content: string } | { readonly ok: false; readonly reason: string };

function parse(bytes: Buffer): Parsed {
  const end = bytes.indexOf(0x0a);
  if (end < 0) return { ok: false, reason: 'no header line' };
  let header: unknown;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  } catch {
    return { ok: false, reason: 'the header is not JSON' };
  }
  if (!isHeader(header)) return { ok: false, reason: 'the header is not a Tessera backup header of version 1' };
  const body = bytes.subarray(end + 1);
  if (body.byteLength !== header.size) return { ok: false, reason: `partial: ${body.byteLength} of ${header.size} bytes` };
  const { document } = header;
  // Only the fields a key has: the header came from a file, and a key is handed on to the host.
  const key: DocumentKey = document.kind === 'file' ? { kind: 'file', path: document.path } : { kind: 'untitled', id: document.id };
  let content: string;
  try {
    content = decodeUtf8(body, 'the backup');
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    return { ok: false, reason: `the content is not valid UTF-8 at byte ${error.offset} of the document` };
  }
  return { ok: true, header: { ...header, document: key }, content };
}

function isHeader(value: unknown): value is Header {
  const header = value as Partial<Record<keyof Header, unknown>> | null;
  return (
    typeof header === 'object' &&
    header !== null &&
    header.format === format &&
    header.version === 1 &&
    isDocumentKey(header.document) &&
    Number.isFinite(header.savedAt) &&
    Number.isSafeInteger(header.size) &&
    (header.size as number) >= 0
  );
}

function isDocumentKey(value: unknown): value is DocumentKey {
  const key = value as { kind?: unknown; path?: unknown; id?: unknown } | null;
  if (typeof key !== 'object' || key === null) return false;
  return (key.kind === 'file' && typeof key.path === 'string') || (key.kind === 'untitled' && typeof key.id === 'string');
}
