/**
 * What applying an operation gives: new data and actions, or a rejection. A rejection is ordinary,
 * not a bug: two operations can race (a cell deleted while its evaluation is queued, a response
 * arriving after its container went down), and the owner simply ignores the one that lost.
 */

import type { Action } from './actions.ts';
import type { SessionData } from './data.ts';

export type OperationResult =
  | { readonly ok: true; readonly data: SessionData; readonly actions: readonly Action[] }
  | { readonly ok: false; readonly reason: string };

export function accept(data: SessionData, actions: readonly Action[] = []): OperationResult {
  return { ok: true, data, actions };
}

export function reject(reason: string): OperationResult {
  return { ok: false, reason };
}
