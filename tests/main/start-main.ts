/**
 * Runs the app's real `main/index.ts` against the fake `electron` (one app per test process, as
 * Electron has): files on the command line, what happens before Electron is ready, then ready.
 */

import { BrowserWindow, electronFake, fakeInvoke, type WebContents } from '../fakes/electron.ts';
import { unwrapInvokeResult, type InvokeResult } from '../../common/bridge/invoke-result.ts';

export interface StartMainOptions {
  /** Arguments after the app's own, as a launch from a shell or a desktop gives them. */
  readonly argv?: readonly string[];
  /** What the system does while Electron starts: a second launch, macOS handing a file over. */
  readonly beforeReady?: () => void;
}

export async function startMain(options: StartMainOptions = {}): Promise<void> {
  process.argv.push(...(options.argv ?? []));
  await import('../../main/index.ts');
  options.beforeReady?.();
  electronFake.becomeReady();
}

/** Waits until `condition` holds (the app's work is asynchronous); fails the test after a while. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 1000) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const windowCount = () => BrowserWindow.getAllWindows().length;

/** Calls a bridge channel as the window's page would, through the registered handler. */
export async function invokeFrom(window: BrowserWindow, channel: string, ...args: unknown[]): Promise<unknown> {
  const contents: WebContents = window.webContents;
  return unwrapInvokeResult((await fakeInvoke(contents, contents.mainFrame, `tessera:${channel}`, args)) as InvokeResult);
}
