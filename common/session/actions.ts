/**
 * Actions: what the owner of a session must do after an operation so that the world matches the
 * new data — start a runtime, or send the runtime a request. The data already assumes they are
 * done; their outcomes come back as operations (`runtimeConnected`, `evaluationResponded`, …).
 *
 * All but `connectRuntime` are runtime requests with the owner's own details left out (the
 * notebook's folder); `driver.ts` turns them into requests.
 */

import type { ContainerRef, EvaluationRef, Language } from '../protocol/runtime.ts';

/** Start a runtime process for the session, then apply `runtimeConnected` (or `runtimeDown`). */
export interface ConnectRuntimeAction {
  readonly type: 'connectRuntime';
}

/** Send an `evaluate` request; the runtime answers with outputs and one response. */
export interface EvaluateAction {
  readonly type: 'evaluate';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
  readonly prevEvaluationRef: EvaluationRef | null;
  readonly code: string;
  readonly language: Language;
}

/** Send a `forget` request: no later evaluation will start from this one. */
export interface ForgetAction {
  readonly type: 'forget';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
}

/** Send a `drop` request; the runtime answers with `container_down`. */
export interface DropAction {
  readonly type: 'drop';
  readonly containerRef: ContainerRef;
}

/** Send an `interrupt` request; the running evaluation answers with an error, or the container ends. */
export interface InterruptAction {
  readonly type: 'interrupt';
  readonly containerRef: ContainerRef;
}

export type RuntimeAction = EvaluateAction | ForgetAction | DropAction | InterruptAction;

export type Action = ConnectRuntimeAction | RuntimeAction;
