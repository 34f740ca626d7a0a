/**
 * The session's data: the notebook, decorated with what Tessera knows about evaluating it — as
 * Livebook's `Session.Data` decorates its notebook. It changes only through `applyOperation`
 * (operations.ts), which returns new data and the actions that make the world match it.
 *
 * The data keeps facts: what ran, on top of what, with which result. The one derived fact is
 * whether an evaluated cell is `stale`, which the session recomputes after every operation
 * (staleness.ts), so that readers see a cell's state without computing it.
 *
 * Keyed collections are `Map`s: cell ids come from files and identifiers from user code, and a name
 * such as `__proto__` or `constructor` must not meet an object's prototype.
 */

import type { CellId, CodeCell, Notebook } from '../notebook/model.ts';
import type { ContainerRef, EvaluationRef } from '../protocol/runtime.ts';
import { sourceDigest, type Digest } from './digest.ts';
import { allCodeCells } from './flow.ts';

/** Whether a runtime process is there to evaluate in. `connecting`: a `connectRuntime` action is out. */
export type RuntimeStatus = 'disconnected' | 'connecting' | 'connected';

/**
 * What a code cell's last evaluation is worth, whether or not it is queued or running again:
 * - `fresh`: never ran in this runtime.
 * - `evaluated`: ran without error, and nothing it depends on has changed since.
 * - `stale`: ran without error, but a cell it takes names from changed (see staleness.ts).
 * - `errored`: its last evaluation failed (an interrupt is a failure too).
 * - `aborted`: its evaluation was lost with its container or runtime.
 */
export type CellValidity = 'fresh' | 'evaluated' | 'stale' | 'errored' | 'aborted';

/** What the user sees: the validity, unless the cell is waiting to run or running. */
export type CellState = CellValidity | 'queued' | 'evaluating';

/** An evaluation of a cell that has answered and that the runtime still holds. */
export interface Evaluation {
  readonly evaluationRef: EvaluationRef;
  /** The evaluation it started from, or null when it started from nothing. */
  readonly prevEvaluationRef: EvaluationRef | null;
  readonly ok: boolean;
  /** Top-level names the cell declared, from the response. */
  readonly defined: readonly string[];
  /** Free names the cell read or wrote, from the response. */
  readonly used: readonly string[];
  readonly durationMs: number;
  /**
   * For each used name that some cell above had defined when this evaluation was sent: the
   * evaluation that name came from. A used name missing here was a global then.
   */
  readonly providers: ReadonlyMap<string, EvaluationRef>;
  /** The failed cells between it and the evaluation it started from, passed over (see `failedUnchanged`). */
  readonly passedOver: readonly CellId[];
}

/** What the session knows about evaluating one code cell. Markdown cells have none. */
export interface CellInfo {
  readonly validity: CellValidity;
  /** Waiting to be sent to the runtime. The queue's order is the container's order. */
  readonly queued: boolean;
  /** Digest of the current language and source. */
  readonly sourceDigest: Digest;
  /**
   * Digest of the source most recently sent to run, in flight or answered; kept when that
   * evaluation is lost, so that "changed since it last ran" survives an abort. Null: never ran.
   */
  readonly evaluatedDigest: Digest | null;
  /** The last answered evaluation, while the runtime holds it; null once lost or never. */
  readonly evaluation: Evaluation | null;
}

/** The evaluation a container is running: sent, not answered yet. */
export interface PendingEvaluation {
  /**
   * Null when the cell was deleted while it ran, or when its container was reported down: the
   * answer is then only forgotten.
   */
  readonly cellId: CellId | null;
  readonly evaluationRef: EvaluationRef;
  readonly prevEvaluationRef: EvaluationRef | null;
  /** Every name the cells above had defined when it was sent, and the evaluation defining it. */
  readonly visible: ReadonlyMap<string, EvaluationRef>;
  /** The failed cells between it and the evaluation it starts from (see `failedUnchanged`). */
  readonly passedOver: readonly CellId[];
  /**
   * The cell it ran for, when its container ended under it (a hard interrupt, a crash): the cell
   * shows the error it answers with, which says what was lost, though its evaluation is gone.
   */
  readonly lostIn?: CellId;
}

/**
 * What a container is busy with; an idle container is absent. One evaluation at a time, so that
 * every evaluation sent names as its previous one an evaluation that has finished well.
 * `dropping`: a `drop` is out and nothing is sent there until the container is reported down.
 */
export type ContainerActivity =
  | { readonly kind: 'evaluating'; readonly evaluation: PendingEvaluation }
  | { readonly kind: 'dropping' };

export interface SessionData {
  readonly notebook: Notebook;
  readonly runtime: RuntimeStatus;
  /** One entry per code cell of the notebook. */
  readonly cells: ReadonlyMap<CellId, CellInfo>;
  readonly containers: ReadonlyMap<ContainerRef, ContainerActivity>;
  /** Evaluations named so far: the next evaluation ref is `e${evaluationCount + 1}`. */
  readonly evaluationCount: number;
}

export function newCellInfo(cell: CodeCell): CellInfo {
  return {
    validity: 'fresh',
    queued: false,
    sourceDigest: sourceDigest(cell.language, cell.source),
    evaluatedDigest: null,
    evaluation: null,
  };
}

/** A session over a notebook just opened: every code cell fresh, no runtime yet. */
export function newSessionData(notebook: Notebook): SessionData {
  return {
    notebook,
    runtime: 'disconnected',
    cells: new Map(allCodeCells(notebook).map((cell) => [cell.id, newCellInfo(cell)])),
    containers: new Map(),
    evaluationCount: 0,
  };
}

/** The info of a code cell of the notebook; every code cell has one, so a missing one is a bug. */
export function getCellInfo(data: SessionData, cellId: CellId): CellInfo {
  const info = data.cells.get(cellId);
  if (info === undefined) throw new Error(`session data has no info for code cell ${cellId}`);
  return info;
}

/** The pending evaluation of a cell, if it is running. */
export function findPendingEvaluation(data: SessionData, cellId: CellId): PendingEvaluation | undefined {
  for (const activity of data.containers.values()) {
    if (activity.kind === 'evaluating' && activity.evaluation.cellId === cellId) return activity.evaluation;
  }
  return undefined;
}

/** A code cell's state as the user sees it; undefined for a markdown cell or an unknown id. */
export function cellState(data: SessionData, cellId: CellId): CellState | undefined {
  const info = data.cells.get(cellId);
  if (info === undefined) return undefined;
  if (findPendingEvaluation(data, cellId) !== undefined) return 'evaluating';
  return info.queued ? 'queued' : info.validity;
}

/** Whether the cell's source (or language) differs from the one it last ran. */
export function sourceChanged(info: CellInfo): boolean {
  return info.evaluatedDigest !== null && info.evaluatedDigest !== info.sourceDigest;
}

/**
 * Whether a cell failed and has not changed since: running a cell below passes over it, rather
 * than re-running it to fail again and stop there (the cell below starts from the nearest
 * successful evaluation above, without its names). Run all still runs it, and stops there.
 */
export function failedUnchanged(info: CellInfo): boolean {
  return info.evaluation !== null && !info.evaluation.ok && !sourceChanged(info);
}
