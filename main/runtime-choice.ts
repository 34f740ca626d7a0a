/**
 * Which Node a notebook's runtime runs on. Electron's own (a utility process) by default; the
 * user's own Node (a forked child) when the user chose it, or, automatically, when it is found and
 * the notebook's node_modules has native addons, which only load on the Node they were built for.
 * The choice is the app's setting (the Runtime menu), kept in the data folder, unless the notebook
 * says otherwise (`"runtime"` in its `tessera:notebook` comment); it applies to the runtimes
 * started after it changed.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { sequentialIds } from '../common/notebook/ids.ts';
import { parseNotebook } from '../common/notebook/markdown-parse.ts';
import type { LaunchOptions, RuntimeLauncher } from '../common/runtime-process.ts';
import { forkLauncher } from '../host/fork-launcher.ts';
import { hasNativeAddons } from './native-addons.ts';
import type { UserNode } from './user-node.ts';

export const runtimeChoices = ['automatic', 'electron', 'user'] as const;
export type RuntimeChoice = (typeof runtimeChoices)[number];

export interface RuntimeChoiceOptions {
  readonly electron: RuntimeLauncher;
  readonly userNode: UserNode | undefined;
  readonly choice: () => RuntimeChoice;
}

function isRuntimeChoice(value: unknown): value is RuntimeChoice {
  return runtimeChoices.some((choice) => choice === value);
}

/**
 * The choice a notebook file makes for itself, as saved: `"runtime": "user"` (or `"electron"`,
 * `"automatic"`) in its `tessera:notebook` comment. Undefined when it makes none or is unreadable.
 */
export function notebookRuntimeChoice(path: string | null): RuntimeChoice | undefined {
  if (path === null) return undefined;
  try {
    const parsed = parseNotebook(readFileSync(path, 'utf8'), sequentialIds('choice'));
    const runtime = parsed.ok ? parsed.notebook.metadata['runtime'] : undefined;
    return isRuntimeChoice(runtime) ? runtime : undefined;
  } catch {
    return undefined;
  }
}

/** The Node `choice` picks for a notebook in `folder`. */
export function nodeFor(choice: RuntimeChoice, userNode: UserNode | undefined, folder: string): 'electron' | 'user' {
  if (!userNode || choice === 'electron') return 'electron';
  return choice === 'user' || hasNativeAddons(folder) ? 'user' : 'electron';
}

export function choosingLauncher({ electron, userNode, choice }: RuntimeChoiceOptions): RuntimeLauncher {
  const user = userNode ? forkLauncher({ execPath: userNode.path, runsOn: `yours, ${userNode.path}` }) : undefined;
  return {
    launch: (options: LaunchOptions) => (user && nodeFor(choice(), userNode, options.cwd) === 'user' ? user : electron).launch(options),
  };
}

/** The setting, in a small JSON file; a missing or unreadable one is the default. */
export class RuntimeChoiceSetting {
  private value: RuntimeChoice;

  constructor(private readonly file: string) {
    this.value = readChoice(file);
  }

  get(): RuntimeChoice {
    return this.value;
  }

  set(value: RuntimeChoice): void {
    this.value = value;
    try {
      writeFileSync(this.file, JSON.stringify({ runtime: value }));
    } catch {
      // Not being able to remember the choice must not stop using it.
    }
  }
}

function readChoice(file: string): RuntimeChoice {
  try {
    const { runtime } = JSON.parse(readFileSync(file, 'utf8')) as { runtime?: unknown };
    return isRuntimeChoice(runtime) ? runtime : 'automatic';
  } catch {
    return 'automatic';
  }
}
