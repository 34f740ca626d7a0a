/**
 * Facts about the runtime: it connected, it or one of its containers ended, an evaluation answered
 * or printed. Each is checked against what the session expects (an answer for the evaluation a
 * container is running, output for an evaluation a cell still has), since a fact can arrive after
 * the session moved on — a response after its container was dropped, output of a deleted cell.
 */

import type { Action } from './actions.ts';
import { getCellInfo, type Evaluation, type SessionData } from './data.ts';
import { containerCodeCells, findCell } from './flow.ts';
import type {
  ContainerDownOperation,
  EvaluationRespondedOperation,
  OutputReceivedOperation,
} from './operations.ts';
import { appendOutputs, appendResult } from './outputs.ts';
import { accept, reject, type OperationResult } from './result.ts';
import { abortCells, unqueueFrom } from './transitions.ts';

export function runtimeConnected(data: SessionData): OperationResult {
  if (data.runtime === 'connected') return reject('a runtime is connected already');
  return accept({ ...data, runtime: 'connected' });
}

/** Every evaluation is lost and the queue is emptied: nothing restarts a runtime by itself. */
export function runtimeDown(data: SessionData): OperationResult {
  if (data.runtime === 'disconnected') return reject('no runtime is connected');
  const aborted = abortCells(data, data.cells.keys());
  return accept({ ...aborted, runtime: 'disconnected', containers: new Map() });
}

/** The container's evaluations are lost and its queue is emptied, unless the session dropped it itself. */
export function containerDown(data: SessionData, operation: ContainerDownOperation): OperationResult {
  const { containerRef } = operation;
  if (data.runtime !== 'connected') return reject('no runtime is connected');
  const activity = data.containers.get(containerRef);
  const containers = new Map(data.containers);
  containers.delete(containerRef);
  // A drop aborted the cells when it was asked for; cells queued since then wait for this answer.
  if (activity?.kind === 'dropping') return accept({ ...data, containers });
  const aborted = abortCells(
    data,
    containerCodeCells(data.notebook, containerRef).map((cell) => cell.id),
  );
  if (activity?.kind === 'evaluating') {
    // The evaluation sent last still answers: with an error if the container was running it, or,
    // if it was sent after the container ended but before the session heard of it, from a fresh
    // container. Nothing more is sent there until it answers, and it is then forgotten.
    const { cellId } = activity.evaluation;
    containers.set(containerRef, {
      kind: 'evaluating',
      evaluation: { ...activity.evaluation, cellId: null, ...(cellId !== null ? { lostIn: cellId } : {}) },
    });
  }
  return accept({ ...aborted, containers });
}

export function evaluationResponded(data: SessionData, operation: EvaluationRespondedOperation): OperationResult {
  const { containerRef, evaluationRef, result, metadata } = operation;
  const activity = data.containers.get(containerRef);
  if (activity?.kind !== 'evaluating' || activity.evaluation.evaluationRef !== evaluationRef) {
    return reject(`${evaluationRef} is not evaluating in ${containerRef}`);
  }
  const pending = activity.evaluation;
  const containers = new Map(data.containers);
  containers.delete(containerRef);
  if (pending.cellId === null) {
    // Its cell was deleted while it ran, or its container ended meanwhile; in that case the cell
    // still says why its evaluation ended ("did not stop within 2 s…").
    const lostIn = pending.lostIn !== undefined && !result.ok && findCell(data.notebook, pending.lostIn) !== undefined ? pending.lostIn : undefined;
    const notebook = lostIn === undefined ? data.notebook : appendResult(data.notebook, lostIn, result);
    return accept({ ...data, notebook, containers }, [{ type: 'forget', containerRef, evaluationRef }]);
  }

  const cellId = pending.cellId;
  const info = getCellInfo(data, cellId);
  const actions: Action[] = [];
  // The evaluation it replaces is forgotten. Cells below that started from it are no longer up to
  // date, so they re-run before anything starts from them again.
  if (info.evaluation !== null) {
    actions.push({ type: 'forget', containerRef, evaluationRef: info.evaluation.evaluationRef });
  }
  const evaluation: Evaluation = {
    evaluationRef,
    prevEvaluationRef: pending.prevEvaluationRef,
    ok: result.ok,
    defined: metadata.defined,
    used: metadata.used,
    durationMs: metadata.durationMs,
    providers: new Map(
      metadata.used.flatMap((name) => {
        const provider = pending.visible.get(name);
        return provider === undefined ? [] : [[name, provider] as const];
      }),
    ),
    passedOver: pending.passedOver,
  };
  const cells = new Map(data.cells).set(cellId, {
    ...info,
    evaluation,
    // `evaluated` or `stale` is settled after the operation (staleness.ts).
    validity: result.ok ? 'evaluated' : 'errored',
  });
  const next: SessionData = { ...data, notebook: appendResult(data.notebook, cellId, result), cells, containers };
  // An error stops the queue behind it: nothing below may run on top of a failed evaluation.
  return accept(result.ok ? next : unqueueFrom(next, containerRef, cellId, false), actions);
}

/** Output goes to the cell whose evaluation (running or last answered) printed it. */
export function outputReceived(data: SessionData, operation: OutputReceivedOperation): OperationResult {
  const { containerRef, evaluationRef, outputs } = operation;
  const activity = data.containers.get(containerRef);
  const cellId =
    activity?.kind === 'evaluating' && activity.evaluation.evaluationRef === evaluationRef
      ? activity.evaluation.cellId
      : containerCodeCells(data.notebook, containerRef).find(
          (cell) => getCellInfo(data, cell.id).evaluation?.evaluationRef === evaluationRef,
        )?.id;
  if (cellId === undefined || cellId === null) return reject(`no cell has evaluation ${evaluationRef}`);
  return accept({ ...data, notebook: appendOutputs(data.notebook, cellId, outputs) });
}
