/**
 * The bridge of `tessera serve`: the same `TesseraBridge` the preload gives the app, carried over a
 * WebSocket at the page's own origin (the token travels in the cookie the page was served with).
 *
 * It never reconnects: a host that went away took the session — its document state and runtime —
 * with it, so a silent reconnect would show a page that no longer matches any host. Instead every
 * pending and later request fails with `BridgeDisconnectedError`, and `onDisconnect` lets the UI say
 * so plainly.
 */

import type {
  BridgeChannel,
  BridgeEventChannel,
  BridgeEvents,
  BridgeHandlers,
  TesseraBridge,
} from '../../common/bridge/contract.ts';
import type { WireEvent, WireFrame, WireReply, WireRequest } from '../../common/bridge/wire.ts';

export class BridgeDisconnectedError extends Error {
  override readonly name = 'BridgeDisconnectedError';
  constructor() {
    super('Disconnected from tessera serve: restart it and reload this page.');
  }
}

/** An error the host's handler threw, rebuilt with its name. */
export class BridgeRequestError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export interface WebSocketBridge extends TesseraBridge {
  /** Calls `listener` once, when the connection is lost (or could not be made). */
  onDisconnect(listener: () => void): () => void;
}

/** Opens the WebSocket and resolves once it is open; rejects if it cannot be opened. */
export function connectWebSocketBridge(url: string): Promise<WebSocketBridge> {
  const socket = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const listeners = new Map<BridgeEventChannel, Set<(payload: unknown) => void>>();
  const disconnectListeners = new Set<() => void>();
  let nextId = 1;
  let closed = false;
  /** Requests made in this turn, sent together as one frame at its end. */
  let outgoing: WireRequest[] = [];

  const send = (request: WireRequest) => {
    if (outgoing.length === 0) {
      queueMicrotask(() => {
        const frame = outgoing;
        outgoing = [];
        if (!closed) socket.send(JSON.stringify(frame));
      });
    }
    outgoing.push(request);
  };

  const close = () => {
    if (closed) return;
    closed = true;
    for (const request of pending.values()) request.reject(new BridgeDisconnectedError());
    pending.clear();
    for (const listener of disconnectListeners) listener();
  };

  const receive = (message: WireReply | WireEvent) => {
    if ('event' in message) {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    const request = pending.get(message.id);
    if (request === undefined) return;
    pending.delete(message.id);
    if (message.ok) request.resolve(message.result);
    else request.reject(new BridgeRequestError(message.error.name, message.error.message));
  };

  socket.addEventListener('message', (event) => {
    for (const message of JSON.parse(String(event.data)) as WireFrame) receive(message);
  });

  const bridge: WebSocketBridge = {
    invoke<C extends BridgeChannel>(channel: C, ...args: Parameters<BridgeHandlers[C]>) {
      if (closed) return Promise.reject(new BridgeDisconnectedError());
      const id = nextId++;
      const request: WireRequest = { id, channel, args };
      return new Promise<Awaited<ReturnType<BridgeHandlers[C]>>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        send(request);
      });
    },
    on<E extends BridgeEventChannel>(event: E, listener: (payload: BridgeEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = (payload: unknown) => listener(payload as BridgeEvents[E]);
      set.add(entry);
      return () => set.delete(entry);
    },
    onDisconnect(listener) {
      if (closed) {
        listener();
        return () => {};
      }
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(bridge), { once: true });
    socket.addEventListener('close', () => {
      close();
      reject(new BridgeDisconnectedError());
    });
  });
}
