/**
 * Test support for host/files: every test works on real files in a folder of its own.
 */

import { mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const made: string[] = [];

/** A new empty folder, by its real path (macOS's tmpdir is a link), removed when the tests end. */
export function scratchFolder(): string {
  // On exit rather than in a test hook: a test file that forks itself as a child imports this
  // too, and a hook would start the test runner in the child.
  if (made.length === 0) process.once('exit', () => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tessera-files-')));
  made.push(dir);
  return dir;
}

/** The folder's entries, sorted. */
export function entriesOf(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** The pattern of the temporary files a save writes beside `name`. */
export const temporaryOf = (name: string): RegExp => new RegExp(`^\\.${name.replace(/\./g, '\\.')}\\.tessera-[0-9a-f]{12}\\.tmp$`);

/** Waits until `condition` holds, polling; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** A system error as Node makes them, for injected failures. */
export function systemError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall}`), { code, syscall });
}
