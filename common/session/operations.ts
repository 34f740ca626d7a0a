/**
 * Everything that can happen to a session, as one union of operations, and `applyOperation`, the
 * pure function that applies one — Livebook's `Session.Data.apply_operation`. User intents start
 * with a verb (`queueCellEvaluation`); facts reported by the runtime or its host are events
 * (`evaluationResponded`). An intent may be rejected (the cell is gone, nothing is running); a fact
 * about an evaluation the session no longer tracks is rejected too, and the owner ignores it.
 *
 * The owner applies operations one at a time, keeps the new data, and performs the actions in
 * order (see driver.ts). Nothing here reads a clock or makes an id: new cells come with their ids,
 * and evaluation refs are counted in the data.
 */

import type { Cell, CellId, SectionId } from '../notebook/model.ts';
import type { ContainerRef, EvaluationRef, OutputDto, ResponseMessage } from '../protocol/runtime.ts';
import type { SessionData } from './data.ts';
import { deleteCell, editCell, insertCell, moveCell } from './editing.ts';
import {
  cancelQueued,
  dropContainer,
  interrupt,
  queueAllEvaluation,
  queueCellEvaluation,
  queueSectionEvaluation,
} from './queueing.ts';
import type { OperationResult } from './result.ts';
import { containerDown, evaluationResponded, outputReceived, runtimeConnected, runtimeDown } from './runtime-facts.ts';
import { settle } from './scheduling.ts';

// ---------------------------------------------------------------------------------------------
// User intents: editing the notebook

/** Puts a new cell at `index` of a section. Rejected if the id is taken. */
export interface InsertCellOperation {
  readonly type: 'insertCell';
  readonly sectionId: SectionId;
  readonly index: number;
  readonly cell: Cell;
}

/** Replaces a cell's source. Cells that take names from it become stale; it keeps its state. */
export interface EditCellOperation {
  readonly type: 'editCell';
  readonly cellId: CellId;
  readonly source: string;
}

/** Removes a cell: its evaluation is forgotten (interrupted first if it runs); dependents go stale. */
export interface DeleteCellOperation {
  readonly type: 'deleteCell';
  readonly cellId: CellId;
}

/** Moves a cell to `index` of a section, counted without the cell itself. */
export interface MoveCellOperation {
  readonly type: 'moveCell';
  readonly cellId: CellId;
  readonly sectionId: SectionId;
  readonly index: number;
}

// ---------------------------------------------------------------------------------------------
// User intents: evaluation

/** Runs a code cell, after the cells above it that are not up to date. */
export interface QueueCellEvaluationOperation {
  readonly type: 'queueCellEvaluation';
  readonly cellId: CellId;
}

/** Runs every code cell of a section, after the cells above them that are not up to date. */
export interface QueueSectionEvaluationOperation {
  readonly type: 'queueSectionEvaluation';
  readonly sectionId: SectionId;
}

/** Runs every code cell that is not up to date: the whole notebook is up to date afterwards. */
export interface QueueAllEvaluationOperation {
  readonly type: 'queueAllEvaluation';
}

/**
 * Unqueues a queued cell and the queued cells below it in its container (they would queue it
 * again), or, without `cellId`, every queued cell. Running evaluations go on: see `interrupt`.
 */
export interface CancelQueuedOperation {
  readonly type: 'cancelQueued';
  readonly cellId?: CellId;
}

/** Stops the evaluation running in a container. It answers with an error, which stops the queue behind it. */
export interface InterruptOperation {
  readonly type: 'interrupt';
  readonly containerRef: ContainerRef;
}

/**
 * Ends a container and every binding in it — the notebook's "restart": its cells are aborted at
 * once, and the next evaluation there starts it afresh once the runtime reports it down.
 */
export interface DropContainerOperation {
  readonly type: 'dropContainer';
  readonly containerRef: ContainerRef;
}

// ---------------------------------------------------------------------------------------------
// Facts: the runtime and its host

/** A runtime process is there and ready (the answer to `connectRuntime`). */
export interface RuntimeConnectedOperation {
  readonly type: 'runtimeConnected';
}

/** The runtime process ended, or could not start: every evaluation is lost. */
export interface RuntimeDownOperation {
  readonly type: 'runtimeDown';
}

/** A container ended (`container_down`): its evaluations are lost. */
export interface ContainerDownOperation {
  readonly type: 'containerDown';
  readonly containerRef: ContainerRef;
}

/** An evaluation ended (`response`). */
export interface EvaluationRespondedOperation {
  readonly type: 'evaluationResponded';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
  readonly result: ResponseMessage['result'];
  readonly metadata: ResponseMessage['metadata'];
}

/** An evaluation printed, while it ran or later (`output`). */
export interface OutputReceivedOperation {
  readonly type: 'outputReceived';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
  readonly outputs: readonly OutputDto[];
}

export type Operation =
  | InsertCellOperation
  | EditCellOperation
  | DeleteCellOperation
  | MoveCellOperation
  | QueueCellEvaluationOperation
  | QueueSectionEvaluationOperation
  | QueueAllEvaluationOperation
  | CancelQueuedOperation
  | InterruptOperation
  | DropContainerOperation
  | RuntimeConnectedOperation
  | RuntimeDownOperation
  | ContainerDownOperation
  | EvaluationRespondedOperation
  | OutputReceivedOperation;

function handle(data: SessionData, operation: Operation): OperationResult {
  switch (operation.type) {
    case 'insertCell':
      return insertCell(data, operation);
    case 'editCell':
      return editCell(data, operation);
    case 'deleteCell':
      return deleteCell(data, operation);
    case 'moveCell':
      return moveCell(data, operation);
    case 'queueCellEvaluation':
      return queueCellEvaluation(data, operation);
    case 'queueSectionEvaluation':
      return queueSectionEvaluation(data, operation);
    case 'queueAllEvaluation':
      return queueAllEvaluation(data);
    case 'cancelQueued':
      return cancelQueued(data, operation);
    case 'interrupt':
      return interrupt(data, operation);
    case 'dropContainer':
      return dropContainer(data, operation);
    case 'runtimeConnected':
      return runtimeConnected(data);
    case 'runtimeDown':
      return runtimeDown(data);
    case 'containerDown':
      return containerDown(data, operation);
    case 'evaluationResponded':
      return evaluationResponded(data, operation);
    case 'outputReceived':
      return outputReceived(data, operation);
  }
}

/**
 * Applies one operation: the new data and the actions to perform, in order, or a rejection (the
 * data is then unchanged). After any accepted operation the queue is completed and the next
 * evaluations are sent (scheduling.ts).
 */
export function applyOperation(data: SessionData, operation: Operation): OperationResult {
  const result = handle(data, operation);
  return result.ok ? settle(result.data, result.actions) : result;
}
