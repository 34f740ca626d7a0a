/**
 * Messages between the coordinator (the runtime's main thread) and a container's worker. The
 * worker's output, response and memory messages to the owner are already runtime protocol
 * messages, so the coordinator forwards them as they are; only what is internal to the runtime
 * process is declared here.
 */

import type {
  EvaluateRequest,
  ForgetRequest,
  OutputMessage,
  ResponseMessage,
  SettledMessage,
  SettleRequest,
} from '../common/protocol/runtime.ts';

/** Given to the worker at start, through `workerData`. */
export interface ContainerWorkerData {
  readonly containerRef: string;
  /** One Int32: set to 1 by the coordinator to interrupt the running evaluation. */
  readonly interruptFlag: SharedArrayBuffer;
  readonly outputCapBytes: number;
  readonly memoryIntervalMs: number;
}

export type ToWorker =
  | EvaluateRequest
  | ForgetRequest
  | SettleRequest
  /** Interrupts an evaluation that is waiting rather than running (an `await` that never settles). */
  | { readonly type: 'interrupt' };

export type FromWorker =
  | OutputMessage
  | ResponseMessage
  | SettledMessage
  /** The container's heap, for the runtime's memory message. */
  | { readonly type: 'heap'; readonly usedBytes: number; readonly limitBytes: number }
  /** User code called `process.exit`: the worker is about to end. */
  | { readonly type: 'exiting'; readonly code: number; readonly evaluationRef: string | null };
