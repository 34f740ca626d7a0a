/**
 * A container: the worker thread that runs user code. It keeps the scope of every evaluation it
 * still remembers, runs evaluations one at a time in arrival order, and attributes everything the
 * code prints, throws late or rejects unhandled to the evaluation that caused it (AsyncLocalStorage
 * carries the evaluation through timers and promises).
 *
 * It is a worker, not the runtime's main thread, so that a runaway cell can be stopped by
 * terminating it, a heap limit ends only this container, and `process.exit()` ends only this
 * thread: the coordinator on the main thread always answers.
 *
 * Every cell's root scope holds, besides `require` and `__dirname`, the display API
 * (evaluator/display.ts): `display`, `html`, `md`, `image`, `table` and `json`.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { types } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { Script } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorDto, EvaluateRequest, ResponseMessage, ValueDto } from '../common/protocol/runtime.ts';
import { CellSyntaxError, compileCell, type CompiledCell } from './compile/compile-cell.ts';
import { CellSourceMap } from './compile/source-position.ts';
import { stripTypes } from './compile/typescript.ts';
import { Chains } from './evaluator/chains.ts';
import { installCapture } from './evaluator/console-capture.ts';
import { displayOutput, displayScopeProperties, html, image, json, md, richOf, tableBuilder } from './evaluator/display.ts';
import { moduleToolsFor, type ModuleTools } from './evaluator/modules.ts';
import { OutputCollector, type EvaluationTag } from './evaluator/output-collector.ts';
import { settle } from './evaluator/settle.ts';
import { inspectSafely, showValue } from './evaluator/show-value.ts';
import { correctMessage, errorToDto, installStackTraces, registerCell } from './evaluator/stack-trace.ts';
import { installFunctionText, registerCompiledSource } from './evaluator/user-terms.ts';
import type { ContainerWorkerData, FromWorker, ToWorker } from './worker-protocol.ts';

const port = parentPort!;
const { containerRef, interruptFlag, outputCapBytes, memoryIntervalMs } = workerData as ContainerWorkerData;
const interruptRequested = new Int32Array(interruptFlag);
const post = (message: FromWorker) => port.postMessage(message);

class InterruptError extends Error {
  constructor() {
    super('Interrupted: the evaluation was stopped; the bindings of earlier cells are kept');
    this.name = 'InterruptError';
  }
}

/** What compiled cells receive besides their scope; functions a cell defines keep using it. */
interface CellTools {
  readonly import: ModuleTools['import'];
  readonly link: ModuleTools['link'];
  readonly importMeta: ModuleTools['importMeta'];
  readonly check: () => void;
  /** Corrects an error a `catch` of the cell is about to read (see compile-cell.ts). */
  readonly caught: (error: unknown) => void;
}

type Scope = object;
type CellFunction = (scope: Scope, tools: CellTools) => Promise<[unknown, Scope]>;

const context = new AsyncLocalStorage<EvaluationTag>();
const output = new OutputCollector(containerRef, outputCapBytes, post);
const table = tableBuilder(outputCapBytes);
/** The scope each remembered evaluation leaves for the ones after it. */
const scopes = new Map<string, Scope>();
const tags = new Map<string, EvaluationTag>();
const modules = new Map<string, ModuleTools>();
const roots = new Map<string, Scope>();
const cellFile = (evaluationRef: string) => `tessera-cell:${containerRef}/${evaluationRef}`;
const chains = new Chains(cellFile);
const queue: EvaluateRequest[] = [];
let running = false;
let interruptWaiting: (() => void) | undefined;

function check(): void {
  if (Atomics.load(interruptRequested, 0) === 1) throw new InterruptError();
}

function toolsFor({ notebookDir, notebookFile }: EvaluateRequest['options']): ModuleTools {
  const key = `${notebookDir}\u0000${notebookFile ?? ''}`;
  let tools = modules.get(key);
  if (!tools) {
    tools = moduleToolsFor(notebookDir, notebookFile);
    modules.set(key, tools);
  }
  return tools;
}

/** The scope of "no previous evaluation": only what a file in the notebook's folder would have. */
function rootScope(options: EvaluateRequest['options']): Scope {
  const { notebookDir } = options;
  let root = roots.get(notebookDir);
  if (!root) {
    // No prototype: `name in scope` must not find Object.prototype's members.
    root = Object.defineProperties(
      Object.assign(Object.create(null) as Scope, { require: toolsFor(options).require, __dirname: notebookDir }),
      displayScopeProperties({ display, html, md, image, table, json }),
    );
    roots.set(notebookDir, root);
  }
  return root;
}

async function evaluate(request: EvaluateRequest): Promise<void> {
  const started = performance.now();
  Atomics.store(interruptRequested, 0, 0);
  const { evaluationRef, prevEvaluationRef, options } = request;
  const tag: EvaluationTag = { evaluationRef, responded: false };
  tags.set(evaluationRef, tag);
  const filename = cellFile(evaluationRef);
  let compiled: CompiledCell | undefined;

  const respond = (result: ResponseMessage['result']) => {
    output.finish(tag);
    tag.responded = true;
    post({
      type: 'response',
      containerRef,
      evaluationRef,
      result,
      metadata: {
        durationMs: performance.now() - started,
        defined: compiled?.defined ?? [],
        used: compiled?.used ?? [],
      },
    });
  };
  const fail = (error: ErrorDto) => respond({ ok: false, error });

  const previous = prevEvaluationRef === null ? rootScope(options) : scopes.get(prevEvaluationRef);
  if (!previous) {
    return fail(
      plainError(
        'UnknownEvaluationError',
        `Unknown evaluation "${prevEvaluationRef}" in container "${containerRef}": it was forgotten, or it never finished`,
      ),
    );
  }
  // Until it succeeds, the evaluation leaves the scope it started from: a failed cell defines nothing.
  scopes.set(evaluationRef, previous);
  chains.started(evaluationRef, options.label ?? evaluationRef, prevEvaluationRef);

  let cell: CellFunction;
  try {
    const label = options.label ?? evaluationRef;
    const typescript = options.language === 'ts' ? await stripTypes(request.code, label) : undefined;
    compiled = compileCell(typescript?.code ?? request.code, {
      earlierBinding: (name) => chains.earlierBinding(previous, name),
      language: options.language,
      filename,
    });
    const map = new CellSourceMap(compiled.sourceMap, typescript?.map);
    registerCell(filename, label, map);
    registerCompiledSource(compiled);
    cell = compileScript(compiled.code, filename, map);
  } catch (error) {
    if (!(error instanceof CellSyntaxError)) return fail(errorToDto(error));
    return fail({
      name: error.name,
      message: error.message,
      stack: `${error.name}: ${error.message}\n    at ${options.label ?? evaluationRef}:${error.line}:${error.column}`,
      location: { line: error.line, column: error.column },
    });
  }

  const { import: importModule, link, importMeta } = toolsFor(options);
  const tools: CellTools = { import: importModule, link, importMeta, check, caught };
  try {
    const [value, scope] = await context.run(tag, () => untilInterrupted(cell(previous, tools)));
    scopes.set(evaluationRef, scope);
    chains.succeeded(evaluationRef, scope, compiled.defined, compiled.vars);
    respond({ ok: true, value: compiled.hasValue ? await valueDto(value) : { text: 'undefined', none: true } });
  } catch (error) {
    fail(errorToDto(chains.explainLaterName(error, evaluationRef), filename));
  } finally {
    Atomics.store(interruptRequested, 0, 0);
  }
}

/**
 * Compiles a cell's code. V8 finds a few errors that the parser before it does not (`using` where
 * V8 lacks it); Node puts their position on top of the stack (`file:line`, the line, a caret),
 * which is mapped back to the cell as written.
 */
function compileScript(code: string, filename: string, map: CellSourceMap): CellFunction {
  try {
    return new Script(code, { filename }).runInThisContext() as CellFunction;
  } catch (error) {
    const stack = error instanceof SyntaxError ? String(error.stack) : '';
    const where = /^.*:(\d+)\n.*\n( *)\^/.exec(stack);
    const position = where && map.originalPosition(Number(where[1]), where[2]!.length + 1);
    if (!position) throw error;
    throw new CellSyntaxError(error instanceof Error ? error.message : String(error), position.line, position.column);
  }
}

function caught(error: unknown): void {
  chains.explainLaterName(error, context.getStore()?.evaluationRef);
  if (error instanceof Error) correctMessage(error);
}

/** Settles with the evaluation, or rejects when an interrupt arrives while the evaluation waits. */
function untilInterrupted<T>(evaluation: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    interruptWaiting = () => reject(new InterruptError());
    evaluation.then(resolve, reject);
  }).finally(() => {
    interruptWaiting = undefined;
  });
}

/** The value as text and, for a displayable value that fits in the output cap, its rich form. */
async function valueDto(value: unknown): Promise<ValueDto> {
  const text = await showValue(value);
  const rich = richOf(value);
  return rich !== undefined && Buffer.byteLength(rich.data) <= outputCapBytes ? { text, rich } : { text };
}

/**
 * `display(...values)`: shows each value now, in the output of the evaluation that called it (also
 * from a timer it started): rich when it is displayable, else as the cell's value would show.
 */
function display(...values: unknown[]): void {
  const tag = context.getStore();
  for (const value of values) {
    if (types.isPromise(value)) {
      // Its state is read asynchronously (show-value.ts); the output goes to the same evaluation.
      void showValue(value).then((text) => output.rich(tag, { kind: 'rich', mime: 'text/plain', data: text }));
      continue;
    }
    output.rich(tag, displayOutput(value, () => inspectSafely(value, { colors: true })));
  }
}

function plainError(name: string, message: string): ErrorDto {
  return { name, message, stack: `${name}: ${message}` };
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  for (let request = queue.shift(); request; request = queue.shift()) await evaluate(request);
  running = false;
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'evaluate':
      queue.push(message);
      void drain();
      break;
    case 'forget': {
      scopes.delete(message.evaluationRef);
      chains.forget(message.evaluationRef);
      const tag = tags.get(message.evaluationRef);
      if (tag) output.forget(tag);
      tags.delete(message.evaluationRef);
      break;
    }
    case 'interrupt':
      interruptWaiting?.();
      break;
    case 'settle':
      void settle(message.timeoutMs, ownResources, () => running, () => output.flush()).then((pending) => post({ type: 'settled', containerRef, pending }));
      break;
  }
});

// ---------------------------------------------------------------------------------------------
// Capture: everything user code writes goes to the evaluation in the async context.

installCapture((stream, text) => output.text(context.getStore(), stream, text));

const lateError = (error: unknown) => {
  const tag = context.getStore();
  output.error(tag, errorToDto(chains.explainLaterName(error, tag?.evaluationRef)));
};
process.on('uncaughtException', lateError);
process.on('unhandledRejection', lateError);

const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  output.flush();
  const exitCode = Number(code ?? process.exitCode ?? 0);
  post({ type: 'exiting', code: exitCode, evaluationRef: context.getStore()?.evaluationRef ?? null });
  exit(exitCode);
}) as typeof process.exit;

installStackTraces([__filename]);
installFunctionText();

/** What the worker holds itself once it is listening: its message port. */
const ownResources = process.getActiveResourcesInfo();

function reportHeap(): void {
  const heap = getHeapStatistics();
  post({ type: 'heap', usedBytes: heap.used_heap_size, limitBytes: heap.heap_size_limit });
}
reportHeap();
if (memoryIntervalMs > 0) setInterval(reportHeap, memoryIntervalMs).unref();
