/**
 * Starts the runtime as an Electron utility process: a Node process that Electron manages and
 * ends with the app. The runtime entry is the same file `child_process.fork` starts elsewhere; it
 * finds `process.parentPort` and talks through it.
 */

import { utilityProcess } from 'electron';
import type { RuntimeMessage } from '../common/protocol/runtime.ts';
import type { LaunchOptions, RuntimeLauncher, RuntimeProcess } from '../common/runtime-process.ts';

export function utilityProcessLauncher(entry: string): RuntimeLauncher {
  return {
    launch({ cwd }: LaunchOptions): RuntimeProcess {
      const child = utilityProcess.fork(entry, [], { cwd, serviceName: 'Tessera runtime', stdio: 'ignore' });
      let exited = false;
      child.once('exit', () => (exited = true));
      return {
        get pid() {
          return child.pid;
        },
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
          if (!exited) child.kill();
        },
      };
    },
  };
}
