/**
 * The slice of the `electron` module that main/ uses, for tests on machines without an Electron
 * binary. `utilityProcess.fork` starts a real Node process whose `process.parentPort` behaves like
 * a utility process's, so the real runtime runs behind it. Every call is recorded for assertions.
 */

import { fork as forkChild } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

export interface ForkCall {
  readonly modulePath: string;
  readonly args: readonly string[];
  readonly options: Record<string, unknown>;
}

export const forkCalls: ForkCall[] = [];

class FakeUtilityProcess extends EventEmitter {
  private readonly child;

  constructor(modulePath: string, options: { cwd?: string }) {
    super();
    this.child = forkChild(modulePath, [], {
      cwd: options.cwd,
      serialization: 'advanced',
      execArgv: ['--require', join(__dirname, '..', '..', '..', 'tests', 'fakes', 'parent-port-shim.cjs')],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: unknown): void {
    this.child.send(message as object);
  }

  kill(): boolean {
    return this.child.kill('SIGKILL');
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) {
    forkCalls.push({ modulePath, args, options });
    return new FakeUtilityProcess(modulePath, options);
  },
};
