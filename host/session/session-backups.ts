/**
 * A session's view of the backup store: its document is keyed by its path once it has one, and
 * by an id of the session's own before that. Backups found at start (what a crashed session left)
 * are offered for restoring by id.
 */

import { basename } from 'node:path';
import type { BackupInfo, DocumentText } from '../../common/bridge/contract.ts';
import type { Backup, BackupStore, DocumentKey } from '../files/backup-store.ts';
import type { Backups } from './notebook-session.ts';

export class SessionBackups implements Backups {
  constructor(
    private readonly store: BackupStore,
    /** Identifies this session's document while it has no path. */
    private readonly untitledId: string,
  ) {}

  schedule(path: string | null, content: string): void {
    this.store.schedule(this.keyFor(path), content);
  }

  discard(path: string | null): void {
    void this.store.discard(this.keyFor(path));
  }

  release(path: string | null): void {
    void this.store.release(this.keyFor(path));
  }

  async list(): Promise<readonly BackupInfo[]> {
    return this.store.list().backups.map((backup) => ({
      id: basename(backup.file),
      path: backup.document.kind === 'file' ? backup.document.path : null,
      savedAt: backup.savedAt,
    }));
  }

  async read(id: string): Promise<DocumentText> {
    const backup = this.find(id);
    return { path: backup.document.kind === 'file' ? backup.document.path : null, content: await this.store.read(backup) };
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(this.find(id));
  }

  private find(id: string): Backup {
    const backup = this.store.list().backups.find((candidate) => basename(candidate.file) === id);
    if (!backup) throw new Error(`No backup ${id}: it was restored or discarded already`);
    return backup;
  }

  private keyFor(path: string | null): DocumentKey {
    return path ? { kind: 'file', path } : { kind: 'untitled', id: this.untitledId };
  }
}
