/**
 * Test support for the session: notebook builders, a replay helper that fails loudly on any
 * rejection, and a scripted runtime that answers `evaluate` actions at once. The runtime reads a
 * cell with a toy analysis so that tests read like notebooks: `const x = 1` defines `x`, `x + 1`
 * uses it, code containing `throw` fails. Real analysis is the runtime's job.
 */

import assert from 'node:assert/strict';
import type { Cell, CodeCell, MarkdownCell, Notebook, Section } from '../../../common/notebook/model.ts';
import type { Language } from '../../../common/protocol/runtime.ts';
import type { Action, EvaluateAction } from '../../../common/session/actions.ts';
import { cellState, newSessionData, type CellState, type SessionData } from '../../../common/session/data.ts';
import { applyOperation, type EvaluationRespondedOperation, type Operation } from '../../../common/session/operations.ts';

export function code(id: string, source: string, language: Language = 'js'): CodeCell {
  return { kind: 'code', id, language, source, metadata: {}, outputs: [] };
}

export function markdown(id: string, source: string): MarkdownCell {
  return { kind: 'markdown', id, source, metadata: {} };
}

export function section(id: string, cells: readonly Cell[]): Section {
  return { id, title: id, cells, metadata: {} };
}

/** A notebook of sections, with an empty setup section `setup`. */
export function notebookOf(...sections: readonly Section[]): Notebook {
  return { title: 'Test', setup: section('setup', []), sections, metadata: {}, saveOutputs: false };
}

/**
 * The notebook most suites start from: a defines x, b defines y, c uses both; in the next section
 * d defines z and e uses x. Once evaluated in order, a to e have evaluations e1 to e5.
 */
export const sampleNotebook = notebookOf(
  section('s1', [code('a', 'const x = 1'), code('b', 'const y = 2'), markdown('m', 'Notes'), code('c', 'x + y')]),
  section('s2', [code('d', 'const z = 3'), code('e', 'x * 2')]),
);

/** The runtime's answer to an evaluation stopped by an interrupt. */
export function interruptedAnswer(evaluationRef: string): EvaluationRespondedOperation {
  return {
    type: 'evaluationResponded',
    containerRef: 'main',
    evaluationRef,
    result: { ok: false, error: { name: 'InterruptError', message: 'interrupted', stack: '' } },
    metadata: { durationMs: 5, defined: [], used: [] },
  };
}

export interface Applied {
  readonly data: SessionData;
  readonly actions: readonly Action[];
}

/** Applies an operation that must be accepted. */
export function apply(data: SessionData, operation: Operation): Applied {
  const result = applyOperation(data, operation);
  if (!result.ok) assert.fail(`${operation.type} was rejected: ${result.reason}`);
  return { data: result.data, actions: result.actions };
}

/** Applies operations that must all be accepted, for setting a test up. */
export function replay(data: SessionData, ...operations: readonly Operation[]): SessionData {
  return operations.reduce((current, operation) => apply(current, operation).data, data);
}

/** The reason an operation is rejected; fails if it is accepted. */
export function rejection(data: SessionData, operation: Operation): string {
  const result = applyOperation(data, operation);
  if (result.ok) assert.fail(`${operation.type} was accepted`);
  return result.reason;
}

const keywords = new Set(
  'const let var function class return if else for while new true false null undefined throw typeof await of in'.split(' '),
);

/** What the toy analysis finds in a cell: declared names, other names, and whether it fails. */
export function analyse(code: string): { defined: string[]; used: string[]; fails: boolean } {
  const names = code.replace(/'[^']*'|"[^"]*"/g, '').match(/[A-Za-z_$][\w$]*/g) ?? [];
  const defined = [...code.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)].map((match) => match[1]!);
  const used = [...new Set(names.filter((name) => !keywords.has(name) && !defined.includes(name)))];
  return { defined, used, fails: /\bthrow\b/.test(code) };
}

/** The one `evaluate` action among these; fails if there is not exactly one. */
export function evaluateAction(actions: readonly Action[]): EvaluateAction {
  const evaluations = actions.filter((action): action is EvaluateAction => action.type === 'evaluate');
  assert.equal(evaluations.length, 1, `expected one evaluate action in ${JSON.stringify(actions)}`);
  return evaluations[0]!;
}

/** The response of the scripted runtime to an `evaluate` action. */
export function respond(action: EvaluateAction): EvaluationRespondedOperation {
  const { defined, used, fails } = analyse(action.code);
  return {
    type: 'evaluationResponded',
    containerRef: action.containerRef,
    evaluationRef: action.evaluationRef,
    result: fails
      ? { ok: false, error: { name: 'Error', message: 'boom', stack: 'Error: boom' } }
      : { ok: true, value: { text: 'undefined' } },
    metadata: { durationMs: 1, defined, used },
  };
}

/**
 * Performs actions as a driver would, with the scripted runtime: `connectRuntime` connects at
 * once, `evaluate` is answered at once, `drop` is answered by `containerDown`; then the actions
 * those answers produce, until none is left. Returns the data and every action performed.
 */
export function runToIdle(data: SessionData, actions: readonly Action[]): Applied {
  const todo = [...actions];
  const performed: Action[] = [];
  let current = data;
  for (let action = todo.shift(); action !== undefined; action = todo.shift()) {
    // A queue that never empties (a cell re-run for ever) must fail, not hang the test run.
    if (performed.length === 1000) assert.fail(`no end after 1000 actions: ${JSON.stringify(performed.slice(-4))}`);
    performed.push(action);
    const answer: Operation | undefined =
      action.type === 'connectRuntime'
        ? { type: 'runtimeConnected' }
        : action.type === 'evaluate'
          ? respond(action)
          : action.type === 'drop'
            ? { type: 'containerDown', containerRef: action.containerRef }
            : undefined;
    if (answer === undefined) continue;
    const next = apply(current, answer);
    current = next.data;
    todo.push(...next.actions);
  }
  return { data: current, actions: performed };
}

/** Applies an operation, then runs what it starts to the end. */
export function applyAndRun(data: SessionData, operation: Operation): Applied {
  const { data: next, actions } = apply(data, operation);
  return runToIdle(next, actions);
}

/** A session over the notebook whose runtime is connected and every code cell evaluated. */
export function evaluatedSession(notebook: Notebook): SessionData {
  return applyAndRun(newSessionData(notebook), { type: 'queueAllEvaluation' }).data;
}

/** The state of each listed cell, for one compact assertion. */
export function states(data: SessionData, ...cellIds: readonly string[]): Record<string, CellState | undefined> {
  return Object.fromEntries(cellIds.map((cellId) => [cellId, cellState(data, cellId)]));
}

/** The code of each evaluate action among these, in order. */
export function evaluatedCode(actions: readonly Action[]): string[] {
  return actions.flatMap((action) => (action.type === 'evaluate' ? [action.code] : []));
}
