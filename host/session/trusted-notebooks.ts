/**
 * The notebooks the user trusted, as Jupyter's notebook trust: remembered by the SHA-256 of a
 * file's content, in a small JSON file in the user's data folder. A trusted notebook's saved HTML,
 * SVG and JavaScript outputs render live when it opens; any other file's render inert until its
 * cells run again. Content, not path: a file changed by someone else is a file not trusted yet.
 * A missing or unreadable list trusts nothing, which is the safe way to fail.
 */

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { NotebookTrust } from './notebook-session.ts';

/** The newest this many are kept: one notebook saved often leaves one entry per version it trusted. */
const limit = 5000;

export function contentDigest(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export class TrustedNotebooksStore implements NotebookTrust {
  private digests: string[];

  /** `file` is where the list is kept; without one it lives only as long as the process. */
  constructor(private readonly file?: string) {
    this.digests = file ? readList(file) : [];
  }

  isTrusted(content: string): boolean {
    return this.digests.includes(contentDigest(content));
  }

  trust(content: string): void {
    const digest = contentDigest(content);
    this.digests = [digest, ...this.digests.filter((known) => known !== digest)].slice(0, limit);
    if (!this.file) return;
    try {
      writeFileSync(this.file, JSON.stringify(this.digests), { mode: 0o600 });
    } catch {
      // Not remembering means the user is asked again next time: never a reason to fail a save.
    }
  }
}

function readList(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string' && /^[0-9a-f]{64}$/.test(item)).slice(0, limit) : [];
  } catch {
    return [];
  }
}
