/**
 * The recently opened notebooks, newest first, kept in a small JSON file so that they outlive the
 * app. A missing or unreadable file is an empty list: recent files are a convenience, never a
 * reason to fail.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import type { RecentFiles } from './notebook-session.ts';

const limit = 20;

export class RecentFilesStore implements RecentFiles {
  private paths: string[];

  /** `file` is where the list is kept; without one it lives only as long as the process. */
  constructor(
    private readonly file?: string,
    private readonly onAdd?: (path: string) => void,
  ) {
    this.paths = file ? readList(file) : [];
  }

  list(): readonly string[] {
    return this.paths;
  }

  add(path: string): void {
    this.paths = [path, ...this.paths.filter((known) => known !== path)].slice(0, limit);
    this.onAdd?.(path);
    if (!this.file) return;
    try {
      writeFileSync(this.file, JSON.stringify(this.paths));
    } catch {
      // Not being able to remember a recent file must not stop opening or saving it.
    }
  }
}

function readList(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string').slice(0, limit) : [];
  } catch {
    return [];
  }
}
