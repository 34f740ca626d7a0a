/**
 * The bridge's main-process end. Every channel of the contract gets one `ipcMain.handle`; each
 * call is checked before a handler sees it: it must come from the main frame of one of our
 * windows, showing a page of the app, and carry arguments of the declared shapes.
 */

import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { BridgeSession } from '../common/bridge/contract.ts';
import { bridgeChannels, validateRequest } from '../common/bridge/validate.ts';
import { isAppUrl } from './security.ts';

export const invokePrefix = 'tessera:';
export const eventPrefix = 'tessera-event:';

export class BridgeRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeRejection';
  }
}

/** Whether an IPC call comes from a page we trust: our window's main frame, on our origin. */
export function trustedSender(event: IpcMainInvokeEvent, sessionOf: (contents: WebContents) => unknown): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url) && sessionOf(event.sender) !== undefined;
}

export function registerBridgeHandlers(sessionOf: (contents: WebContents) => BridgeSession | undefined): void {
  for (const channel of bridgeChannels) {
    ipcMain.handle(`${invokePrefix}${channel}`, async (event, ...args: unknown[]) => {
      if (!trustedSender(event, sessionOf)) throw new BridgeRejection(`${channel}: refused, the sender is not a Tessera window`);
      const valid = validateRequest(channel, args);
      if (!valid.ok) throw new BridgeRejection(valid.reason);
      const session = sessionOf(event.sender)!;
      const handler = session.handlers[valid.channel] as (...handlerArgs: readonly unknown[]) => unknown;
      return handler(...valid.args);
    });
  }
}
