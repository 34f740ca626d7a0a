/**
 * Starts the runtime as an Electron utility process: a Node process that Electron manages and
 * ends with the app. The runtime entry is the same file `child_process.fork` starts elsewhere; it
 * finds `process.parentPort` and talks through it.
 *
 * Two of Electron's rules shape it. A utility process has no pid, and `kill()` does nothing
 * (returning false), until it has spawned: a kill asked for before then is carried out on
 * `'spawn'`, so a window closed while its runtime starts leaves none behind. And a fatal V8 error
 * in the process is an `'error'` event, which, unheard, would throw in main (Electron's
 * "Uncaught Exception" dialog): it is logged here, and the `'exit'` that follows reports it.
 */

import { utilityProcess } from 'electron';
import type { RuntimeMessage } from '../common/protocol/runtime.ts';
import type { LaunchOptions, RuntimeLauncher, RuntimeProcess } from '../common/runtime-process.ts';

export function utilityProcessLauncher(entry: string): RuntimeLauncher {
  return {
    launch({ cwd }: LaunchOptions): RuntimeProcess {
      const child = utilityProcess.fork(entry, [], { cwd, serviceName: 'Tessera runtime', stdio: 'ignore' });
      let exited = false;
      let killWhenSpawned = false;
      child.once('spawn', () => {
        if (killWhenSpawned) child.kill();
      });
      child.once('exit', () => (exited = true));
      child.on('error', (type, location) => console.error(`Tessera runtime: ${type} at ${location}; the runtime ends`));
      return {
        get pid() {
          return child.pid;
        },
        runsOn: "Electron's",
        postMessage: (request) => {
          if (exited) return false;
          child.postMessage(request);
          return true;
        },
        onMessage: (listener) => {
          const handler = (message: unknown) => listener(message as RuntimeMessage);
          child.on('message', handler);
          return { dispose: () => child.off('message', handler) };
        },
        onExit: (listener) => {
          // Electron reports an exit code only; a process ended by a signal has none to give.
          const handler = (code: number) => listener({ code, signal: null });
          child.once('exit', handler);
          return { dispose: () => child.off('exit', handler) };
        },
        kill: () => {
          if (exited) return;
          if (child.pid === undefined) killWhenSpawned = true;
          else child.kill();
        },
      };
    },
  };
}
