/**
 * `tessera run`: every code cell of a notebook, in order, in a fresh runtime — the notebook's main
 * flow as "evaluate all" runs it, each cell starting from the bindings of the last cell that
 * succeeded. Events stream as they come; a cell that fails stops the run unless `keepGoing` says
 * to run the rest, and a cell that runs past `timeoutSeconds` is interrupted (the runtime's
 * layers: cooperatively, then by ending its container) and counts as failed.
 */

import { dirname, resolve } from 'node:path';
import { foreignLanguage } from '../../common/notebook/ipynb.ts';
import type { SavedOutput } from '../../common/notebook/model.ts';
import { setCellOutputs, setSaveOutputs } from '../../common/notebook/operations.ts';
import type { ErrorDto, OutputMessage, ResponseMessage } from '../../common/protocol/runtime.ts';
import { allCodeCells, mainContainer } from '../../common/session/flow.ts';
import { savedRichOutput } from '../../common/session/outputs.ts';
import { forkLauncher } from '../fork-launcher.ts';
import { RuntimeClient } from '../runtime-client.ts';
import { NotebookFileError, readNotebookFile, writeNotebookFile } from './notebook-file.ts';

export interface RunOptions {
  readonly file: string;
  readonly timeoutSeconds?: number;
  readonly keepGoing: boolean;
  readonly write: boolean;
}

/** What a run reports, in order; `cell` is the 1-based position of the code cell in the file. */
export type RunEvent =
  | { readonly type: 'output'; readonly cell: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'result'; readonly cell: number; readonly text: string; readonly durationMs: number }
  /** A rich output (`display(…)`, or a displayable value): `text` is its data, base64 for images. */
  | { readonly type: 'display'; readonly cell: number; readonly mime: string; readonly text: string }
  | { readonly type: 'error'; readonly cell: number; readonly name: string; readonly text: string; readonly durationMs?: number }
  | { readonly type: 'done'; readonly ok: boolean; readonly cells: number; readonly failed: readonly number[] };

export async function runNotebook(options: RunOptions, emit: (event: RunEvent) => void): Promise<boolean> {
  const file = resolve(options.file);
  let notebook = await readNotebookFile(file);
  const foreign = foreignLanguage(notebook);
  if (foreign !== undefined) {
    throw new NotebookFileError(`${file} is a ${foreign} notebook: Tessera runs JavaScript and TypeScript cells, and never runs ${foreign} as JavaScript`);
  }
  const cells = allCodeCells(notebook);
  const client = await RuntimeClient.start(forkLauncher(), { cwd: dirname(file) });
  const outputs = new Map<number, SavedOutput[]>();
  const failed: number[] = [];
  const record = (cell: number, output: SavedOutput) => outputs.set(cell, [...(outputs.get(cell) ?? []), output]);

  /** Which cell an evaluation belongs to: refs are `cell-<position>`. */
  const cellOf = (evaluationRef: string | null) => Number(evaluationRef?.slice('cell-'.length) ?? NaN);

  client.onOutput((message: OutputMessage) => {
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
        emit({ type: 'error', cell, name: output.error.name, text: output.error.stack });
        record(cell, savedError(output.error));
      }
    }
  });

  let previous: string | null = null;
  // A container that ended (a timeout's second layer, process.exit) took every binding with it:
  // the cells after it start afresh.
  client.onContainerDown(() => (previous = null));
  try {
    for (const [index, cell] of cells.entries()) {
      const position = index + 1;
      const evaluationRef = `cell-${position}`;
      const response = await evaluateWithTimeout(client, {
        containerRef: mainContainer,
        evaluationRef,
        prevEvaluationRef: previous,
        code: cell.source,
        options: { language: cell.language, notebookDir: dirname(file), label: `cell ${position}` },
      }, options.timeoutSeconds);
      const { durationMs } = response.metadata;
      if (response.result.ok) {
        const { text, rich } = response.result.value;
        emit({ type: 'result', cell: position, text, durationMs });
        record(position, rich ? savedRichOutput(rich) : { kind: 'value', text });
        previous = evaluationRef;
        continue;
      }
      failed.push(position);
      emit({ type: 'error', cell: position, name: response.result.error.name, text: response.result.error.stack, durationMs });
      record(position, savedError(response.result.error));
      if (!options.keepGoing) break;
    }
  } finally {
    await client.disconnect();
    client.dispose();
  }

  if (options.write) {
    for (const [index, cell] of cells.entries()) {
      const edited = setCellOutputs(notebook, cell.id, outputs.get(index + 1) ?? []);
      if (edited.ok) notebook = edited.notebook;
    }
    await writeNotebookFile(file, setSaveOutputs(notebook, true));
  }
  emit({ type: 'done', ok: failed.length === 0, cells: cells.length, failed });
  return failed.length === 0;
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

