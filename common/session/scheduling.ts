/**
 * What happens after every operation, whatever it was: the queue is completed, a runtime is asked
 * for if something waits for one, the next queued cell of each idle container is sent, and the
 * cells' validity is brought up to date. Doing this in one place after every operation, as
 * Livebook does after each of its evaluation operations, keeps the invariants in one place too:
 *
 * - The cells above a queued cell are up to date, queued, or failed and unchanged since (passed
 *   over: running them again would fail again): a queued cell runs on top of the notebook above
 *   it as it is now (prerequisites are recomputed every time, since a response can leave a cell
 *   below it out of date).
 * - A container runs one evaluation at a time, the first queued cell in its order; everything
 *   above that cell is then up to date or passed over, so its previous evaluation — the
 *   evaluation of the nearest code cell above that is not passed over — has finished without
 *   error and is still held by the runtime.
 */

import type { CellId, CodeCell } from '../notebook/model.ts';
import type { ContainerRef } from '../protocol/runtime.ts';
import type { Action } from './actions.ts';
import { failedUnchanged, getCellInfo, type SessionData } from './data.ts';
import { containerCodeCells, containerRefs } from './flow.ts';
import { startOutputs } from './outputs.ts';
import { accept, type OperationResult } from './result.ts';
import { assessContainer, refreshValidity, visibleNames } from './staleness.ts';
import { setQueued } from './transitions.ts';

export function settle(data: SessionData, actions: readonly Action[]): OperationResult {
  let next = queuePrerequisites(data);
  const more: Action[] = [];
  if (next.runtime === 'disconnected' && [...next.cells.values()].some((info) => info.queued)) {
    next = { ...next, runtime: 'connecting' };
    more.push({ type: 'connectRuntime' });
  }
  if (next.runtime === 'connected') {
    for (const containerRef of containerRefs(next.notebook)) {
      const sent = sendNext(next, containerRef);
      if (sent !== undefined) {
        next = sent.data;
        more.push(sent.action);
      }
    }
  }
  return accept(refreshValidity(next), [...actions, ...more]);
}

/**
 * Queues every code cell above a container's last queued cell that is neither up to date nor
 * running, except failed cells unchanged since they failed: they are passed over.
 */
function queuePrerequisites(data: SessionData): SessionData {
  let next = data;
  for (const containerRef of containerRefs(data.notebook)) {
    const cells = containerCodeCells(next.notebook, containerRef);
    const lastQueued = cells.findLastIndex((cell) => getCellInfo(next, cell.id).queued);
    if (lastQueued <= 0) continue;
    const activity = next.containers.get(containerRef);
    const runningCellId = activity?.kind === 'evaluating' ? activity.evaluation.cellId : null;
    const standings = assessContainer(next, containerRef);
    const prerequisites = cells
      .slice(0, lastQueued)
      .filter(
        (cell) =>
          cell.id !== runningCellId && standings.get(cell.id)?.upToDate === false && !failedUnchanged(getCellInfo(next, cell.id)),
      );
    next = setQueued(
      next,
      prerequisites.map((cell) => cell.id),
      true,
    );
  }
  return next;
}

/** Sends the first queued cell of an idle container, if there is one. */
function sendNext(data: SessionData, containerRef: ContainerRef): { data: SessionData; action: Action } | undefined {
  if (data.containers.has(containerRef)) return undefined;
  const cells = containerCodeCells(data.notebook, containerRef);
  const index = cells.findIndex((cell) => getCellInfo(data, cell.id).queued);
  const cell: CodeCell | undefined = cells[index];
  if (cell === undefined) return undefined;
  // The nearest code cell above that is not a failed cell passed over; it is up to date.
  const passedOver: CellId[] = [];
  let above = index - 1;
  while (above >= 0 && failedUnchanged(getCellInfo(data, cells[above]!.id))) passedOver.unshift(cells[above--]!.id);
  const prevEvaluationRef = above < 0 ? null : (getCellInfo(data, cells[above]!.id).evaluation?.evaluationRef ?? null);
  const evaluationRef = `e${data.evaluationCount + 1}`;
  const info = getCellInfo(data, cell.id);
  const containers = new Map(data.containers);
  containers.set(containerRef, {
    kind: 'evaluating',
    evaluation: {
      cellId: cell.id,
      evaluationRef,
      prevEvaluationRef,
      visible: visibleNames(data, containerRef, cell.id),
      passedOver,
    },
  });
  const cellsInfo = new Map(data.cells);
  cellsInfo.set(cell.id, { ...info, queued: false, evaluatedDigest: info.sourceDigest });
  return {
    data: {
      ...data,
      notebook: startOutputs(data.notebook, cell.id, data.evaluationCount + 1),
      cells: cellsInfo,
      containers,
      evaluationCount: data.evaluationCount + 1,
    },
    action: {
      type: 'evaluate',
      containerRef,
      evaluationRef,
      prevEvaluationRef,
      code: cell.source,
      language: cell.language,
    },
  };
}
