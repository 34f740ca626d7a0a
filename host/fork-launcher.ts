/**
 * Starts the runtime with child_process.fork: for `tessera serve`, the CLI and the tests. Messages
 * use the structured-clone serialisation, like Electron's utilityProcess, so both launchers carry
 * the same values.
 */

import { fork } from 'node:child_process';
import type { LaunchOptions, RuntimeLauncher, RuntimeProcess } from '../common/runtime-process.ts';
import type { RuntimeMessage } from '../common/protocol/runtime.ts';
import { runtimeEntry } from './paths.ts';

export interface ForkLauncherOptions {
  /** The runtime entry file; the built one by default. */
  readonly entry?: string;
  /** Where the runtime's own stdout and stderr go: nowhere by default, the owner's for debugging. */
  readonly stdio?: 'ignore' | 'inherit';
  /** The Node to run it on: this process's own by default (the desktop app offers the user's). */
  readonly execPath?: string;
  /** Which Node that is, for the status bar (`RuntimeProcess.runsOn`). */
  readonly runsOn?: string;
}

export function forkLauncher(options: ForkLauncherOptions = {}): RuntimeLauncher {
  return {
    launch({ cwd }: LaunchOptions): RuntimeProcess {
      const child = fork(options.entry ?? runtimeEntry(), [], {
        cwd,
        serialization: 'advanced',
        ...(options.execPath ? { execPath: options.execPath } : {}),
        stdio: [options.stdio ?? 'ignore', options.stdio ?? 'ignore', options.stdio ?? 'ignore', 'ipc'],
      });
      return {
        pid: child.pid,
        ...(options.runsOn ? { runsOn: options.runsOn } : {}),
        // A runtime that died a moment ago is still `connected` until its end is seen: the write
        // then fails (EPIPE), and without a callback that failure would be an 'error' event that
        // ends the host. The exit that follows reports the runtime's end.
        postMessage: (request) => child.connected && child.send(request, () => undefined),
        onMessage: (listener) => {
          const handler = (message: unknown) => listener(message as RuntimeMessage);
          child.on('message', handler);
          return { dispose: () => child.off('message', handler) };
        },
        onExit: (listener) => {
          const handler = (code: number | null, signal: NodeJS.Signals | null) => listener({ code, signal });
          child.once('exit', handler);
          return { dispose: () => child.off('exit', handler) };
        },
        kill: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      };
    },
  };
}
