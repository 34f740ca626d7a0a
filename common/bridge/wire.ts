/**
 * The bridge over a WebSocket, for `tessera serve`: requests carry an id and are answered once;
 * events are pushed. Both directions travel in frames. JSON is enough — everything on the bridge
 * is plain data.
 */

import type { BridgeEventChannel, BridgeEvents } from './contract.ts';

export interface WireRequest {
  readonly id: number;
  readonly channel: string;
  readonly args: readonly unknown[];
}

/**
 * What the renderer sends is a frame too: the requests it made in one turn of its event loop, in
 * order. Running a cell again forgets its last evaluation and asks for a new one in the same turn;
 * one frame wakes the host once for both.
 */
export type WireRequestFrame = readonly WireRequest[];

export type WireReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { readonly name: string; readonly message: string } };

export interface WireEvent<E extends BridgeEventChannel = BridgeEventChannel> {
  readonly event: E;
  readonly payload: BridgeEvents[E];
}

/**
 * What the host sends is always a frame: the replies and events of one turn of its event loop,
 * in order. An evaluation's answer, the status change it causes and the reply to a request
 * usually arrive together, and one frame costs one WebSocket message instead of several.
 */
export type WireFrame = readonly (WireReply | WireEvent)[];

/**
 * The largest frame either side sends or accepts, in bytes of its JSON text: the host refuses a
 * bigger one (and closes the connection), so the renderer checks before it sends and fails the
 * requests that cannot fit with a message instead. 64 Mi characters of notebook (the largest text
 * the contract accepts) fit whenever most of them are ASCII.
 */
export const maxFrameBytes = 128 * 1024 * 1024;
