/**
 * The user's own Node, beside Electron's: native addons in a notebook's node_modules are built for
 * the Node the user installs packages with, and fail to load under Electron's (another ABI). It is
 * found on PATH, and in the usual install folders, since an app started from the macOS Dock or a
 * desktop menu gets a short PATH without them.
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface UserNode {
  readonly path: string;
  /** As `node --version` prints it: "v22.12.0". */
  readonly version: string;
}

const executable = process.platform === 'win32' ? 'node.exe' : 'node';

function candidates(path: string | undefined): string[] {
  const usual =
    process.platform === 'win32'
      ? [join(process.env.ProgramFiles ?? 'C:\\Program Files', 'nodejs')]
      : ['/opt/homebrew/bin', '/usr/local/bin', '/usr/bin', join(homedir(), '.volta', 'bin'), join(homedir(), '.local', 'bin')];
  return [...(path ?? '').split(delimiter).filter(Boolean), ...usual].map((folder) => join(folder, executable));
}

/** The first Node found that answers `--version`; undefined when there is none. */
export function findUserNode(path = process.env.PATH): UserNode | undefined {
  for (const candidate of new Set(candidates(path))) {
    if (!existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8', timeout: 5000, env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } }).trim();
      if (/^v\d+\.\d+\.\d+/.test(version)) return { path: candidate, version };
    } catch {
      // Not a working Node: try the next one.
    }
  }
  return undefined;
}
