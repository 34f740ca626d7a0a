/**
 * The one place where the two ways of starting the runtime differ. As an Electron utility process
 * it talks through `process.parentPort`; as a `child_process.fork` child, through `process.send`.
 * Everything else in the runtime is the same code under both.
 */

import type { RuntimeMessage, RuntimeRequest } from '../common/protocol/runtime.ts';

export interface OwnerTransport {
  send(message: RuntimeMessage): void;
  onRequest(listener: (request: RuntimeRequest) => void): void;
  /** Fires when the owner is gone, so the runtime can exit instead of living on as an orphan. */
  onOwnerGone(listener: () => void): void;
}

/** The slice of Electron's `process.parentPort` the runtime uses, without importing Electron. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function ownerTransport(): OwnerTransport {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onRequest: (listener) => parentPort.on('message', (event) => listener(event.data as RuntimeRequest)),
      // Electron ends its utility processes when the app ends: nothing to watch.
      onOwnerGone: () => {},
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      send: (message) => void send(message),
      onRequest: (listener) => process.on('message', (message) => listener(message as RuntimeRequest)),
      onOwnerGone: (listener) => process.on('disconnect', listener),
    };
  }
  throw new Error('The Tessera runtime is started by its owner: as an Electron utility process, or with child_process.fork');
}
