/**
 * Everything that can happen to a session, as one union of operations, and `applyOperation`, the
 * pure function that applies one — Livebook's `Session.Data.apply_operation`. User intents start
 * with a verb (`queueCellEvaluation`); facts reported by the runtime or its host are events
 * (`evaluationResponded`). An intent may be rejected (the cell is gone, nothing is running); a fact
 * about an evaluation the session no longer tracks is rejected too, and the owner ignores it.
 *
 * Every edit of the document goes through here too, so that the session always knows each code
 * cell (a cell added around the reducer would have no info, and `getCellInfo` throws for it) and
 * forgets the evaluations of cells that leave. The owner applies operations one at a time, keeps
 * the new data, and performs the actions in order (see driver.ts). Nothing here reads a clock or makes an id: new cells come with their ids,
 * and evaluation refs are counted in the data.
 */

import type { Cell, CellId, Section, SectionId } from '../notebook/model.ts';
import type { ContainerRef, EvaluationRef, Language, OutputDto, ResponseMessage } from '../protocol/runtime.ts';
import type { SessionData } from './data.ts';
import {
  clearCellOutputs,
  deleteCell,
  deleteSection,
  editCell,
  emptyBin,
  insertCell,
  insertSection,
  moveCell,
  moveSection,
  renameNotebook,
  renameSection,
  restoreFromBin,
  setCellKind,
  setCellLanguage,
  setSaveOutputs,
} from './editing.ts';
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
// User intents: editing the notebook. Each is the document operation of the same name in
// common/notebook/operations.ts, and is rejected when that operation refuses the edit (an unknown
// id, an index past the end, an id taken, the setup section).

/** Puts a new cell at `index` (0 to the number of cells) of a section. A code cell comes in fresh. */
export interface InsertCellOperation {
  readonly type: 'insertCell';
  readonly sectionId: SectionId;
  /** 0 to the number of cells in the section. */
  readonly index: number;
  /** Its id must not be used in the notebook or its bin. */
  readonly cell: Cell;
}

/**
 * Replaces a cell's source (`\r\n` becomes `\n`). A code cell keeps its state and gets the changed
 * mark (`sourceChanged`); cells that take names from it become stale.
 */
export interface EditCellOperation {
  readonly type: 'editCell';
  readonly cellId: CellId;
  readonly source: string;
}

/** Changes a code cell's language: like an edit, it gets the changed mark and its dependents go stale. */
export interface SetCellLanguageOperation {
  readonly type: 'setCellLanguage';
  readonly cellId: CellId;
  readonly language: Language;
}

/**
 * Makes a cell Markdown or code in its place. A code cell that becomes Markdown leaves the flow as
 * a deleted one does (its evaluation is forgotten); a Markdown cell that becomes code comes in fresh.
 */
export interface SetCellKindOperation {
  readonly type: 'setCellKind';
  readonly cellId: CellId;
  readonly kind: Cell['kind'];
  /** The language of a cell that becomes code. */
  readonly language: Language;
}

/** Removes the outputs a code cell shows (its state does not change); output arriving later is kept. */
export interface ClearCellOutputsOperation {
  readonly type: 'clearCellOutputs';
  readonly cellId: CellId;
}

/**
 * Puts a cell in the bin: its evaluation is forgotten (a running one is interrupted first), and
 * cells that took names from it go stale.
 */
export interface DeleteCellOperation {
  readonly type: 'deleteCell';
  readonly cellId: CellId;
}

/** Moves a cell to `index` of a section, counted without the cell itself. Staleness follows the new order. */
export interface MoveCellOperation {
  readonly type: 'moveCell';
  readonly cellId: CellId;
  readonly sectionId: SectionId;
  readonly index: number;
}

/** Puts a new titled section at `index` among the titled sections. Its code cells come in fresh. */
export interface InsertSectionOperation {
  readonly type: 'insertSection';
  /** 0 to the number of titled sections; the setup section always comes first. */
  readonly index: number;
  /** Its id and its cells' ids must not be used in the notebook or its bin. */
  readonly section: Section;
}

/**
 * Puts a titled section, with its cells, in the bin as one entry. Each of its code cells goes as in
 * `deleteCell`: evaluation forgotten, a running one interrupted first, dependents stale.
 */
export interface DeleteSectionOperation {
  readonly type: 'deleteSection';
  readonly sectionId: SectionId;
}

/**
 * Moves a titled section to `index` among the titled sections, counted without the section itself.
 * Cells below may now take names from other cells: staleness follows the new order.
 */
export interface MoveSectionOperation {
  readonly type: 'moveSection';
  readonly sectionId: SectionId;
  readonly index: number;
}

/** Renames a titled section; the title is made one trimmed line. */
export interface RenameSectionOperation {
  readonly type: 'renameSection';
  readonly sectionId: SectionId;
  readonly title: string;
}

/**
 * Takes a cell or a section out of the bin and puts it back where it was, or as near as the
 * notebook now allows (see the document's `restoreFromBin`). Its evaluation was forgotten when it
 * was deleted: a restored code cell comes back fresh, with the outputs it had.
 */
export interface RestoreFromBinOperation {
  readonly type: 'restoreFromBin';
  /** The id of the cell or section in the bin. */
  readonly id: CellId | SectionId;
}

/** Forgets everything in the bin. */
export interface EmptyBinOperation {
  readonly type: 'emptyBin';
}

/** Sets the notebook's `#` title; it is made one trimmed line. */
export interface RenameNotebookOperation {
  readonly type: 'renameNotebook';
  readonly title: string;
}

/** Sets whether saving writes the cells' outputs into the file. */
export interface SetSaveOutputsOperation {
  readonly type: 'setSaveOutputs';
  readonly saveOutputs: boolean;
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
  | SetCellLanguageOperation
  | SetCellKindOperation
  | ClearCellOutputsOperation
  | DeleteCellOperation
  | MoveCellOperation
  | InsertSectionOperation
  | DeleteSectionOperation
  | MoveSectionOperation
  | RenameSectionOperation
  | RestoreFromBinOperation
  | EmptyBinOperation
  | RenameNotebookOperation
  | SetSaveOutputsOperation
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
    case 'setCellLanguage':
      return setCellLanguage(data, operation);
    case 'setCellKind':
      return setCellKind(data, operation);
    case 'clearCellOutputs':
      return clearCellOutputs(data, operation);
    case 'moveCell':
      return moveCell(data, operation);
    case 'insertSection':
      return insertSection(data, operation);
    case 'deleteSection':
      return deleteSection(data, operation);
    case 'moveSection':
      return moveSection(data, operation);
    case 'renameSection':
      return renameSection(data, operation);
    case 'restoreFromBin':
      return restoreFromBin(data, operation);
    case 'emptyBin':
      return emptyBin(data);
    case 'renameNotebook':
      return renameNotebook(data, operation);
    case 'setSaveOutputs':
      return setSaveOutputs(data, operation);
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
