/**
 * Documents on disk for a session: reading remembers what the file was, and saving refuses to
 * overwrite a file that changed since (the user decides), then writes atomically.
 */

import type { SaveResult } from '../../common/bridge/contract.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { decodeUtf8 } from '../files/decode-text.ts';
import { readTracked, type FileIdentity } from '../files/file-identity.ts';
import { saveDocument } from '../files/save-document.ts';
import type { DocumentFiles } from './notebook-session.ts';

export class TrackedDocumentFiles implements DocumentFiles {
  /** What each file was when this session last read or wrote it. */
  private readonly identities = new Map<string, FileIdentity>();

  async open(path: string): Promise<string> {
    const tracked = await readTracked(path);
    const content = decodeUtf8(tracked.content, path);
    this.identities.set(path, tracked.identity);
    return content;
  }

  async save(path: string, content: string, options: { readonly force: boolean }): Promise<SaveResult> {
    const result = await saveDocument(path, content, { expected: this.identities.get(path), force: options.force });
    if (!result.ok) {
      const how = result.conflict.reason === 'deleted' ? 'was deleted' : 'was changed by another program';
      return { ok: false, reason: 'conflict', message: `${path} ${how} since it was opened. Save anyway to overwrite it.` };
    }
    this.identities.set(path, result.identity);
    return { ok: true, path };
  }

  async write(path: string, content: string): Promise<void> {
    await writeFileAtomic(path, content);
  }
}
