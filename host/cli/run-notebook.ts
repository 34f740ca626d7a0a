/**
 * `tessera run`: every code cell of a notebook, in order, in a fresh runtime — the notebook's main
 * flow as "evaluate all" runs it, each cell starting from the bindings of the last cell that
 * succeeded. Events stream as they come; a cell that fails stops the run unless `keepGoing` says
 * to run the rest, and a cell that runs past `timeoutSeconds` is interrupted (the runtime's
 * layers: cooperatively, then by ending its container) and counts as failed.
 *
 * The exit status is the truth: an error a cell causes after its result (a throwing timer, an
 * unhandled rejection) fails that cell; after the last cell the run waits up to `graceSeconds` for
 * what the cells left pending, so that their output is printed, and says what it ended; the runtime
 * dying is an error of the cell that was running, and with `keepGoing` the rest run in a fresh one.
 */

import { dirname, resolve } from 'node:path';
import { foreignLanguage } from '../../common/notebook/ipynb.ts';
import type { SavedOutput } from '../../common/notebook/model.ts';
import { setCellOutputs, setSaveOutputs } from '../../common/notebook/operations.ts';
import type { ErrorDto, OutputMessage, ResponseMessage } from '../../common/protocol/runtime.ts';
import type { RuntimeExit } from '../../common/runtime-process.ts';
import { allCodeCells, mainContainer } from '../../common/session/flow.ts';
import { savedRichOutput } from '../../common/session/outputs.ts';
import { forkLauncher } from '../fork-launcher.ts';
import { RuntimeClient } from '../runtime-client.ts';
import { describePending } from './pending.ts';
import { NotebookFileError, readNotebookFile, writeNotebookFile } from './notebook-file.ts';

export interface RunOptions {
  readonly file: string;
  readonly timeoutSeconds?: number;
  readonly keepGoing: boolean;
  readonly write: boolean;
  /** How long to wait after the last cell for the timers and other work the cells left pending. */
  readonly graceSeconds: number;
}

/** What a run reports, in order; `cell` is the 1-based position of the code cell in the file. */
export type RunEvent =
  | { readonly type: 'output'; readonly cell: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'result'; readonly cell: number; readonly text: string; readonly durationMs: number }
  /** A rich output (`display(…)`, or a displayable value): `text` is its data, base64 for images. */
  | { readonly type: 'display'; readonly cell: number; readonly mime: string; readonly text: string }
  | { readonly type: 'error'; readonly cell: number; readonly name: string; readonly text: string; readonly durationMs?: number }
  /** What was still pending (Node's resource types) when the grace period ran out and the run ended it. */
  | { readonly type: 'pending'; readonly resources: readonly string[]; readonly text: string }
  | { readonly type: 'done'; readonly ok: boolean; readonly cells: number; readonly failed: readonly number[] };

export async function runNotebook(options: RunOptions, emit: (event: RunEvent) => void): Promise<boolean> {
  const file = resolve(options.file);
  let notebook = await readNotebookFile(file);
  const foreign = foreignLanguage(notebook);
  if (foreign !== undefined) {
    throw new NotebookFileError(`${file} is a ${foreign} notebook: Tessera runs JavaScript and TypeScript cells, and never runs ${foreign} as JavaScript`);
  }
  const cells = allCodeCells(notebook);
  const outputs = new Map<number, SavedOutput[]>();
  const failed = new Set<number>();
  /** Positions of the cells that were evaluated: only their saved outputs are replaced. */
  const ran = new Set<number>();
  const record = (cell: number, output: SavedOutput) => outputs.set(cell, [...(outputs.get(cell) ?? []), output]);
  const fail = (cell: number, error: ErrorDto, durationMs?: number) => {
    failed.add(cell);
    emit({ type: 'error', cell, name: error.name, text: error.stack, ...(durationMs !== undefined ? { durationMs } : {}) });
    record(cell, savedError(error));
  };

  /** Which cell an evaluation belongs to: refs are `cell-<position>`. */
  const cellOf = (evaluationRef: string | null) => Number(evaluationRef?.slice('cell-'.length) ?? NaN);

  const received = (message: OutputMessage) => {
    const cell = cellOf(message.evaluationRef);
    if (Number.isNaN(cell)) return;
    for (const output of message.outputs) {
      if (output.kind === 'text') {
        emit({ type: 'output', cell, stream: output.stream, text: output.text });
        record(cell, { kind: 'text', stream: output.stream, text: output.text });
      } else if (output.kind === 'truncated') {
        const text = `[output truncated: ${output.droppedBytes} bytes not shown]\n`;
        emit({ type: 'output', cell, stream: 'stderr', text });
        record(cell, { kind: 'text', stream: 'stderr', text });
      } else if (output.kind === 'rich') {
        emit({ type: 'display', cell, mime: output.mime, text: output.data });
        record(cell, savedRichOutput(output));
      } else {
        // An error that escaped the cell (a timer that threw, a rejection nobody handled) would
        // have ended a Node process: the cell failed, whatever its result said.
        fail(cell, output.error);
      }
    }
  };

  let previous: string | null = null;
  let exit: RuntimeExit | undefined;
  const startRuntime = async () => {
    const started = await RuntimeClient.start(forkLauncher(), { cwd: dirname(file) });
    started.onOutput(received);
    // A container that ended (a timeout's second layer, process.exit) took every binding with it:
    // the cells after it start afresh.
    started.onContainerDown(() => (previous = null));
    started.onRuntimeDown((down) => (exit = down));
    return started;
  };
  const runtimeDied = (cell: number, when: string, restarting: boolean, durationMs?: number) => {
    const how = exit?.signal ? `signal ${exit.signal}` : `exit code ${exit?.code}`;
    const after = restarting ? ', and the cells after it run in a fresh runtime' : '';
    const message = `The runtime stopped (${how}) ${when}: the bindings of every cell are lost${after}`;
    fail(cell, { name: 'RuntimeDownError', message, stack: `RuntimeDownError: ${message}` }, durationMs);
  };

  let client = await startRuntime();
  try {
    let last = 0;
    for (const [index, cell] of cells.entries()) {
      if (failed.size > 0 && !options.keepGoing) break;
      const position = index + 1;
      const evaluationRef = `cell-${position}`;
      const started = performance.now();
      last = position;
      ran.add(position);
      let response: ResponseMessage;
      try {
        response = await evaluateWithTimeout(client, {
          containerRef: mainContainer,
          evaluationRef,
          prevEvaluationRef: previous,
          code: cell.source,
          options: { language: cell.language, notebookDir: dirname(file), notebookFile: file, label: `cell ${position}` },
        }, options.timeoutSeconds);
      } catch (error) {
        if (!client.isDown) throw error;
        const restarting = options.keepGoing && position < cells.length;
        runtimeDied(position, 'while this cell ran', restarting, performance.now() - started);
        if (!restarting) break;
        client.dispose();
        client = await startRuntime();
        previous = null;
        continue;
      }
      const { durationMs } = response.metadata;
      if (response.result.ok) {
        const { text, rich } = response.result.value;
        emit({ type: 'result', cell: position, text, durationMs });
        record(position, rich ? savedRichOutput(rich) : { kind: 'value', text });
        previous = evaluationRef;
        continue;
      }
      fail(position, response.result.error, durationMs);
    }
    if (!client.isDown && last > 0) {
      try {
        const pending = await client.settle(mainContainer, options.graceSeconds * 1000);
        if (pending.length > 0) emit({ type: 'pending', resources: pending, text: describePending(pending, options.graceSeconds) });
      } catch (error) {
        if (!client.isDown) throw error;
        runtimeDied(last, 'after the last cell', false);
      }
    }
  } finally {
    await client.disconnect();
    client.dispose();
  }

  if (options.write) {
    // A cell that never ran (behind a failure, or after a timeout) keeps the outputs the file had.
    for (const [index, cell] of cells.entries()) {
      if (!ran.has(index + 1)) continue;
      const edited = setCellOutputs(notebook, cell.id, outputs.get(index + 1) ?? []);
      if (edited.ok) notebook = edited.notebook;
    }
    await writeNotebookFile(file, setSaveOutputs(notebook, true));
  }
  const failedCells = [...failed].sort((a, b) => a - b);
  emit({ type: 'done', ok: failedCells.length === 0, cells: cells.length, failed: failedCells });
  return failedCells.length === 0;
}

async function evaluateWithTimeout(
  client: RuntimeClient,
  request: Parameters<RuntimeClient['evaluateAndWait']>[0],
  timeoutSeconds: number | undefined,
): Promise<ResponseMessage> {
  const response = client.evaluateAndWait(request);
  if (timeoutSeconds === undefined) return response;
  const timer = setTimeout(() => client.interrupt(request.containerRef), timeoutSeconds * 1000);
  try {
    return await response;
  } finally {
    clearTimeout(timer);
  }
}

function savedError(error: ErrorDto): SavedOutput {
  return { kind: 'error', name: error.name, message: error.message, stack: error.stack };
}
