/**
 * Finds the host: the app's preload puts `window.tessera` on the page before it runs; in a browser
 * the page was served by `tessera serve`, whose bridge is a WebSocket at the same origin that
 * presents the server's token.
 *
 * The token comes in the URL's fragment, which no browser sends to a server: the page takes it
 * once, keeps it in this tab's session storage (this origin's only, so that a reload still
 * connects) and takes it out of the address bar and the history.
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
  const token = takeToken();
  if (token === null) throw new Error('this page has no access token: open the URL that `tessera serve` printed');
  const url = `${location.origin.replace(/^http/, 'ws')}/bridge?token=${encodeURIComponent(token)}`;
  const bridge = await connectWebSocketBridge(url);
  return { bridge, onDisconnect: (listener) => bridge.onDisconnect(listener) };
}

const tokenKey = 'tessera-token';

function takeToken(): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment !== null) {
    sessionStorage.setItem(tokenKey, fromFragment);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(tokenKey);
}
