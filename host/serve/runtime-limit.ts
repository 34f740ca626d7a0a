/**
 * At most so many runtimes at once for one `tessera serve`: every tab may start one, and each is a
 * process with its own memory, so a page that opens tabs without end must meet a limit with a
 * message that says what to do, not a machine out of memory.
 */

import type { RuntimeLauncher } from '../../common/runtime-process.ts';

export const defaultMaxRuntimes = 8;

export function limitRuntimes(launcher: RuntimeLauncher, max: number): RuntimeLauncher {
  let running = 0;
  return {
    launch(options) {
      if (running >= max) {
        const runtimes = max === 1 ? '1 runtime' : `${max} runtimes`;
        throw new Error(`This server already runs ${runtimes}, its limit (tessera serve --max-runtimes): stop a runtime or close a tab first.`);
      }
      const child = launcher.launch(options);
      running++;
      child.onExit(() => running--);
      return child;
    },
  };
}
