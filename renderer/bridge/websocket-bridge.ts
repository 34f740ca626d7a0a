/**
 * The bridge of `tessera serve`: the same `TesseraBridge` the preload gives the app, carried over a
 * WebSocket at the page's own origin (its URL carries the server's token).
 *
 * A frame larger than the host accepts (`maxFrameBytes`) would close the connection: requests
 * that cannot fit fail alone instead, with a message that says so.
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
import { maxFrameBytes, type WireEvent, type WireFrame, type WireReply, type WireRequest } from '../../common/bridge/wire.ts';

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
        const requests = outgoing;
        outgoing = [];
        if (!closed) for (const frame of framesOf(requests, refuseTooLarge)) socket.send(frame);
      });
    }
    outgoing.push(request);
  };

  const refuseTooLarge = (request: WireRequest, bytes: number) => {
    const waiting = pending.get(request.id);
    pending.delete(request.id);
    const size = (value: number) => `${Math.ceil(value / (1024 * 1024))} MB`;
    waiting?.reject(
      new BridgeRequestError('BridgeError', `This is too large to send to tessera serve (${size(bytes)}; it takes at most ${size(maxFrameBytes)} at once).`),
    );
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

const encoder = new TextEncoder();

/** At least the size of `text` in UTF-8 (three bytes at most per UTF-16 unit), and exact when that bound is not enough. */
function utf8Bytes(text: string, limit: number): number {
  return text.length * 3 <= limit ? text.length * 3 : encoder.encode(text).length;
}

/**
 * The requests of one turn as frames of at most `limit` bytes each, in order: one frame unless
 * they are large. A request that alone is larger is left out and given to `tooLarge`.
 */
export function framesOf(requests: readonly WireRequest[], tooLarge: (request: WireRequest, bytes: number) => void, limit = maxFrameBytes): string[] {
  const frames: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const request of requests) {
    const text = JSON.stringify(request);
    const size = utf8Bytes(text, limit);
    if (size + 2 > limit) {
      tooLarge(request, size);
      continue;
    }
    if (bytes + size + 1 > limit) {
      frames.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(text);
    bytes += size + 1;
  }
  if (parts.length > 0) frames.push(`[${parts.join(',')}]`);
  return frames;
}
