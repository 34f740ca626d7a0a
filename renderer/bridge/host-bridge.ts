/**
 * Finds the host: the app's preload puts `window.tessera` on the page before it runs; in a browser
 * the page was served by `tessera serve`, whose bridge is a WebSocket at the same origin.
 */

import type { TesseraBridge } from '../../common/bridge/contract.ts';
import { connectWebSocketBridge } from './websocket-bridge.ts';

declare global {
  interface Window {
    /** Present in the app: the preload's bridge. */
    readonly tessera?: TesseraBridge;
  }
}

export interface HostBridge {
  readonly bridge: TesseraBridge;
  /** Subscribes to the loss of the host; the app's preload never loses it. */
  readonly onDisconnect: (listener: () => void) => () => void;
}

export async function connectHostBridge(): Promise<HostBridge> {
  if (window.tessera !== undefined) return { bridge: window.tessera, onDisconnect: () => () => {} };
  const url = `${location.origin.replace(/^http/, 'ws')}/bridge`;
  const bridge = await connectWebSocketBridge(url);
  return { bridge, onDisconnect: (listener) => bridge.onDisconnect(listener) };
}
