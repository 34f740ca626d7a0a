/**
 * Which evaluated cells are stale, and which cells are up to date. Both are computed from facts —
 * what each evaluation defined and used, what it started from, the digests — in one walk down a
 * container, rather than marked as edits happen; so every operation (an edit, a run, a deletion, a
 * move, an edit undone) is covered by the same rule.
 *
 * Stale: an evaluated cell is stale when a name it used no longer comes from the evaluation it came
 * from when the cell ran — the cell defining it above re-ran, was deleted or moved, a cell above
 * now defines it (or no longer does) — or comes from a cell that is not current itself: edited since
 * it ran, stale, failed, or running again. Staleness therefore follows names transitively, and a
 * cell that shares no name with a change stays evaluated.
 *
 * Up to date: a cell's evaluation can be built upon. That needs more than not being stale: the
 * runtime gives each evaluation the bindings of exactly one previous evaluation, so an evaluation
 * carries everything its chain defined. A cell evaluated on top of an evaluation that has since
 * been replaced is not stale (its own result still holds) but its bindings are out of date, and so
 * is every cell below it. Up to date means: evaluated, not stale, unchanged, not running, started
 * from the evaluation of the code cell right above, which is up to date too.
 *
 * A failed cell that has not changed since (`failedUnchanged`) is passed over: it is not up to
 * date, but the cells below it start from the evaluation above it, as if it were not there.
 */

import type { CellId } from '../notebook/model.ts';
import type { ContainerRef, EvaluationRef } from '../protocol/runtime.ts';
import { failedUnchanged, getCellInfo, sourceChanged, type CellInfo, type CellValidity, type SessionData } from './data.ts';
import { containerCodeCells, containerRefs } from './flow.ts';

export interface CellStanding {
  readonly stale: boolean;
  readonly upToDate: boolean;
}

/** The standing of every code cell of a container, from one walk down it. */
export function assessContainer(data: SessionData, containerRef: ContainerRef): ReadonlyMap<CellId, CellStanding> {
  const activity = data.containers.get(containerRef);
  const runningCellId = activity?.kind === 'evaluating' ? activity.evaluation.cellId : null;
  // For each name defined so far: the evaluation it comes from, and whether that cell is current.
  const provided = new Map<string, { readonly evaluationRef: EvaluationRef; readonly current: boolean }>();
  const standings = new Map<CellId, CellStanding>();
  let evaluationAbove: EvaluationRef | null = null;
  let aboveUpToDate = true;
  for (const cell of containerCodeCells(data.notebook, containerRef)) {
    const info = getCellInfo(data, cell.id);
    // A failed cell that a run below passes over defines nothing and is no link of the chain:
    // the cells below start from the evaluation above it.
    if (failedUnchanged(info) && cell.id !== runningCellId) {
      standings.set(cell.id, { stale: false, upToDate: false });
      continue;
    }
    const evaluation = info.evaluation;
    const stale =
      evaluation !== null &&
      evaluation.ok &&
      evaluation.used.some((name) => {
        const provider = provided.get(name);
        if (provider === undefined) return evaluation.providers.has(name);
        return !provider.current || provider.evaluationRef !== evaluation.providers.get(name);
      });
    const current =
      evaluation !== null && evaluation.ok && !stale && !sourceChanged(info) && cell.id !== runningCellId;
    const upToDate: boolean = current && aboveUpToDate && evaluation.prevEvaluationRef === evaluationAbove;
    standings.set(cell.id, { stale, upToDate });
    if (evaluation !== null) {
      for (const name of evaluation.defined) provided.set(name, { evaluationRef: evaluation.evaluationRef, current });
    }
    evaluationAbove = evaluation?.evaluationRef ?? null;
    aboveUpToDate = upToDate;
  }
  return standings;
}

/** Sets `evaluated` or `stale` on every cell whose last evaluation succeeded. */
export function refreshValidity(data: SessionData): SessionData {
  let cells: Map<CellId, CellInfo> | undefined;
  for (const containerRef of containerRefs(data.notebook)) {
    for (const [cellId, standing] of assessContainer(data, containerRef)) {
      const info = getCellInfo(data, cellId);
      if (!info.evaluation?.ok) continue;
      const validity: CellValidity = standing.stale ? 'stale' : 'evaluated';
      if (info.validity === validity) continue;
      cells ??= new Map(data.cells);
      cells.set(cellId, { ...info, validity });
    }
  }
  return cells === undefined ? data : { ...data, cells };
}

/**
 * The names the cells above `cellId` define, each with the evaluation it comes from: what an
 * evaluation of `cellId` sent now would see, since everything above it is up to date then.
 */
export function visibleNames(
  data: SessionData,
  containerRef: ContainerRef,
  cellId: CellId,
): ReadonlyMap<string, EvaluationRef> {
  const visible = new Map<string, EvaluationRef>();
  for (const cell of containerCodeCells(data.notebook, containerRef)) {
    if (cell.id === cellId) break;
    const evaluation = getCellInfo(data, cell.id).evaluation;
    // A failed evaluation defines nothing: the runtime keeps the scope it started from.
    if (evaluation?.ok) for (const name of evaluation.defined) visible.set(name, evaluation.evaluationRef);
  }
  return visible;
}
