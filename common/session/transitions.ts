/**
 * Changes of cell infos that several operations share: queueing and unqueueing, and losing
 * evaluations. Each takes and returns session data; none emits actions, which stay with the
 * operation that knows why it makes the change.
 */

import type { CellId } from '../notebook/model.ts';
import type { ContainerRef } from '../protocol/runtime.ts';
import { findPendingEvaluation, type CellInfo, type SessionData } from './data.ts';
import { containerCodeCells } from './flow.ts';

/**
 * Applies `change` to the info of each listed cell. The data stays the same object when no info
 * changes, so that a view can skip what an operation left alone.
 */
function updateCellInfos(
  data: SessionData,
  cellIds: Iterable<CellId>,
  change: (info: CellInfo, cellId: CellId) => CellInfo,
): SessionData {
  let cells: Map<CellId, CellInfo> | undefined;
  for (const cellId of cellIds) {
    const info = data.cells.get(cellId);
    if (info === undefined) continue;
    const changed = change(info, cellId);
    if (changed === info) continue;
    cells ??= new Map(data.cells);
    cells.set(cellId, changed);
  }
  return cells === undefined ? data : { ...data, cells };
}

export function setQueued(data: SessionData, cellIds: Iterable<CellId>, queued: boolean): SessionData {
  return updateCellInfos(data, cellIds, (info) => (info.queued === queued ? info : { ...info, queued }));
}

/**
 * Unqueues the queued cells of a container from `cellId` down (`cellId` included or not). Cells go
 * back to what their last evaluation was worth: nothing happened to it.
 */
export function unqueueFrom(
  data: SessionData,
  containerRef: ContainerRef,
  cellId: CellId,
  inclusive: boolean,
): SessionData {
  const cells = containerCodeCells(data.notebook, containerRef);
  const index = cells.findIndex((cell) => cell.id === cellId);
  if (index === -1) throw new Error(`cell ${cellId} is not a code cell of ${containerRef}`);
  const start = inclusive ? index : index + 1;
  return setQueued(
    data,
    cells.slice(start).map((cell) => cell.id),
    false,
  );
}

/**
 * The evaluations of these cells are lost (their container or the runtime ended): a cell that had
 * one, or was running, becomes aborted; a cell that never ran stays fresh; the queue is emptied.
 */
export function abortCells(data: SessionData, cellIds: Iterable<CellId>): SessionData {
  return updateCellInfos(data, cellIds, (info, cellId) => {
    const lost = info.evaluation !== null || findPendingEvaluation(data, cellId) !== undefined;
    return { ...info, queued: false, evaluation: null, validity: lost ? 'aborted' : info.validity };
  });
}
