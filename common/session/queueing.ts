/**
 * The user's evaluation intents. They only mark cells queued, or ask the runtime to stop; what is
 * queued in front of them and when each cell is sent is decided once for all operations, after
 * each of them (scheduling.ts).
 */

import { findPendingEvaluation, type SessionData } from './data.ts';
import { containerCodeCells, containerRefs, findCell, findSection } from './flow.ts';
import type {
  CancelQueuedOperation,
  DropContainerOperation,
  InterruptOperation,
  QueueCellEvaluationOperation,
  QueueSectionEvaluationOperation,
} from './operations.ts';
import { accept, reject, type OperationResult } from './result.ts';
import { assessContainer } from './staleness.ts';
import { abortCells, setQueued, unqueueFrom } from './transitions.ts';

export function queueCellEvaluation(data: SessionData, operation: QueueCellEvaluationOperation): OperationResult {
  const { cellId } = operation;
  const place = findCell(data.notebook, cellId);
  if (place === undefined) return reject(`no cell ${cellId}`);
  if (place.cell.kind !== 'code') return reject(`cell ${cellId} is not a code cell`);
  if (findPendingEvaluation(data, cellId) !== undefined) return reject(`cell ${cellId} is evaluating`);
  return accept(setQueued(data, [cellId], true));
}

/** Every code cell of the section runs, even one up to date: the user asked for these cells. */
export function queueSectionEvaluation(data: SessionData, operation: QueueSectionEvaluationOperation): OperationResult {
  const { sectionId } = operation;
  const section = findSection(data.notebook, sectionId);
  if (section === undefined) return reject(`no section ${sectionId}`);
  const cellIds = section.cells
    .filter((cell) => cell.kind === 'code' && findPendingEvaluation(data, cell.id) === undefined)
    .map((cell) => cell.id);
  return accept(setQueued(data, cellIds, true));
}

/** Only what is not up to date runs: afterwards the whole notebook is. */
export function queueAllEvaluation(data: SessionData): OperationResult {
  const cellIds = containerRefs(data.notebook).flatMap((containerRef) =>
    [...assessContainer(data, containerRef)]
      .filter(([cellId, standing]) => !standing.upToDate && findPendingEvaluation(data, cellId) === undefined)
      .map(([cellId]) => cellId),
  );
  return accept(setQueued(data, cellIds, true));
}

export function cancelQueued(data: SessionData, operation: CancelQueuedOperation): OperationResult {
  const { cellId } = operation;
  if (cellId === undefined) return accept(setQueued(data, data.cells.keys(), false));
  const place = findCell(data.notebook, cellId);
  if (place === undefined) return reject(`no cell ${cellId}`);
  if (data.cells.get(cellId)?.queued !== true) return reject(`cell ${cellId} is not queued`);
  return accept(unqueueFrom(data, place.containerRef, cellId, true));
}

export function interrupt(data: SessionData, operation: InterruptOperation): OperationResult {
  const { containerRef } = operation;
  if (data.containers.get(containerRef)?.kind !== 'evaluating') return reject(`nothing evaluates in ${containerRef}`);
  return accept(data, [{ type: 'interrupt', containerRef }]);
}

export function dropContainer(data: SessionData, operation: DropContainerOperation): OperationResult {
  const { containerRef } = operation;
  if (data.runtime !== 'connected') return reject('no runtime is connected');
  if (!containerRefs(data.notebook).includes(containerRef)) return reject(`no container ${containerRef}`);
  if (data.containers.get(containerRef)?.kind === 'dropping') return reject(`${containerRef} is being dropped`);
  const aborted = abortCells(
    data,
    containerCodeCells(data.notebook, containerRef).map((cell) => cell.id),
  );
  // A running evaluation is abandoned: the runtime answers it with an error before it reports the
  // container down, and that answer, for an evaluation no longer tracked, is rejected.
  const containers = new Map(aborted.containers).set(containerRef, { kind: 'dropping' });
  return accept({ ...aborted, containers }, [{ type: 'drop', containerRef }]);
}
