/**
 * How a host starts a runtime process, whatever starts it: Electron's utilityProcess in the app,
 * child_process.fork in `tessera serve`, the CLI and tests. The runtime client is written against
 * this contract only, so everything above the launcher runs and is tested under plain Node.
 */

import type { Disposable } from './events.ts';
import type { RuntimeMessage, RuntimeRequest } from './protocol/runtime.ts';

export interface RuntimeExit {
  /** The exit code, or null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: string | null;
}

export interface RuntimeProcess {
  readonly pid: number | undefined;
  /** Which Node runs the runtime, said for people ("Electron's", "yours, /usr/bin/node"); none when it is the only one. */
  readonly runsOn?: string;
  /** Sends a request; returns false when the process is gone. */
  postMessage(request: RuntimeRequest): boolean;
  onMessage(listener: (message: RuntimeMessage) => void): Disposable;
  /** Fires once, when the process has ended for any reason. */
  onExit(listener: (exit: RuntimeExit) => void): Disposable;
  /** Ends the process at once. Safe to call twice, and after it has exited. */
  kill(): void;
}

export interface LaunchOptions {
  /** The runtime's working directory: the notebook's folder. */
  readonly cwd: string;
}

export interface RuntimeLauncher {
  launch(options: LaunchOptions): RuntimeProcess;
}
