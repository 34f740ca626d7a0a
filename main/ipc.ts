/**
 * The bridge's main-process end. Every channel of the contract gets one `ipcMain.handle`; each
 * call is checked before a handler sees it: it must come from the main frame of one of our
 * windows, showing the app's page (not the output frame's), and carry arguments of the declared
 * shapes. Paths are the user's choice, never the page's: the app asks with its own dialogs, so a
 * page may name a path only to reopen one of the recent files main keeps.
 */

import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { BridgeSession } from '../common/bridge/contract.ts';
import { invokeFailure, type InvokeResult } from '../common/bridge/invoke-result.ts';
import { bridgeChannels, validateRequest } from '../common/bridge/validate.ts';
import { isAppPage } from './security.ts';

export const invokePrefix = 'tessera:';
export const eventPrefix = 'tessera-event:';

export class BridgeRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeRejection';
  }
}

export interface BridgeHandlerOptions {
  readonly sessionOf: (contents: WebContents) => BridgeSession | undefined;
  /** The files a page may name itself: the recent files main keeps. */
  readonly recentFiles: () => readonly string[];
}

/** Whether an IPC call comes from a page we trust: our window's main frame, on the app's page. */
export function trustedSender(event: IpcMainInvokeEvent, sessionOf: (contents: WebContents) => unknown): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppPage(frame.url) && sessionOf(event.sender) !== undefined;
}

function pathArgument(args: readonly unknown[]): string | undefined {
  const [request] = args;
  return typeof request === 'object' && request !== null && 'path' in request && typeof request.path === 'string' ? request.path : undefined;
}

export function registerBridgeHandlers({ sessionOf, recentFiles }: BridgeHandlerOptions): void {
  /** Per window, the paths its save dialog answered (`document.chooseSavePath`): the page may then save there. */
  const chosen = new WeakMap<WebContents, Set<string>>();
  const mayName = (contents: WebContents, channel: string, path: string) =>
    (channel === 'document.open' && recentFiles().includes(path)) || (channel === 'document.saveAs' && chosen.get(contents)?.has(path) === true);
  for (const channel of bridgeChannels) {
    ipcMain.handle(`${invokePrefix}${channel}`, async (event, ...args: unknown[]): Promise<InvokeResult> => {
      try {
        if (!trustedSender(event, sessionOf)) throw new BridgeRejection(`${channel}: refused, the sender is not a Tessera window`);
        const valid = validateRequest(channel, args);
        if (!valid.ok) throw new BridgeRejection(valid.reason);
        const path = pathArgument(valid.args);
        if (path !== undefined && !mayName(event.sender, valid.channel, path)) {
          throw new BridgeRejection(`${channel}: refused, a path comes from the app's file dialogs or its recent files`);
        }
        const session = sessionOf(event.sender)!;
        const handler = session.handlers[valid.channel] as (...handlerArgs: readonly unknown[]) => unknown;
        const result = await handler(...valid.args);
        if (valid.channel === 'document.chooseSavePath' && typeof result === 'string') {
          chosen.set(event.sender, (chosen.get(event.sender) ?? new Set()).add(result));
        }
        return { ok: true, result };
      } catch (error) {
        return invokeFailure(error);
      }
    });
  }
}
