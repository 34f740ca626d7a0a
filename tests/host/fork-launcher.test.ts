/**
 * The fork launcher survives its runtime's death: a message sent to a runtime that died a moment
 * ago, before the host has seen its end, fails quietly (the exit reports it) instead of ending the
 * host with an unhandled EPIPE, which would take `tessera serve` and every tab with it.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { forkLauncher } from '../../host/fork-launcher.ts';
import { isAlive } from '../support.ts';

describe('fork launcher', () => {
  test('a message to a runtime that has just died does not end the host', async () => {
    const runtime = forkLauncher().launch({ cwd: process.cwd() });
    const exited = new Promise((resolve) => runtime.onExit(resolve));
    const pid = runtime.pid!;
    process.kill(pid, 'SIGKILL');
    // Without a turn of the event loop, the host cannot have seen the end yet: the pipe is closed
    // by the kernel but the child still looks connected. Wait for the kernel, synchronously.
    const deadline = Date.now() + 5000;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (Date.now() < deadline && !deadOrZombie(pid)) Atomics.wait(pause, 0, 0, 10);
    for (let i = 0; i < 20; i++) runtime.postMessage({ type: 'disconnect' });
    await exited;
    // Had the EPIPE been unhandled, the test process would have ended before this line.
    assert.equal(isAlive(pid), false);
  });
});

/** Whether `pid` has ended (a zombie waiting to be reaped counts as ended). */
function deadOrZombie(pid: number): boolean {
  if (!isAlive(pid)) return true;
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
