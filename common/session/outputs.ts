/**
 * A cell's outputs as the session keeps them: in the notebook's own `outputs` field, so that what
 * the user sees is what a save with outputs writes (whether to write them is the file format's
 * choice). Runtime outputs arrive in chunks of about 16 ms; text chunks of one stream are joined
 * so that a cell that prints line by line keeps one output, not thousands.
 */

import type { CellId, Notebook, SavedOutput } from '../notebook/model.ts';
import { getCell, setCellOutputs, setExecutionCount } from '../notebook/operations.ts';
import type { OutputDto, ResponseMessage, RichOutputDto } from '../protocol/runtime.ts';

/**
 * Changes the outputs of a code cell that the session knows is there (it is running, or its
 * evaluation is current): a missing cell, or a refusal, is a bug.
 */
function changeOutputs(
  notebook: Notebook,
  cellId: CellId,
  change: (outputs: readonly SavedOutput[]) => readonly SavedOutput[],
): Notebook {
  const cell = getCell(notebook, cellId);
  if (cell.kind !== 'code') throw new Error(`cell ${cellId} has outputs but is not a code cell`);
  const result = setCellOutputs(notebook, cellId, change(cell.outputs));
  if (!result.ok) throw new Error(`outputs of cell ${cellId} refused: ${result.reason}`);
  return result.notebook;
}

/** What the notebook keeps of a rich output: a value `display()` showed without a rich form is a value. */
export function savedRichOutput(output: RichOutputDto): SavedOutput {
  return output.mime === 'text/plain' ? { kind: 'value', text: output.data } : { kind: 'rich', mime: output.mime, data: output.data };
}

function toSavedOutput(output: OutputDto): SavedOutput {
  switch (output.kind) {
    case 'text':
      return output;
    case 'rich':
      return savedRichOutput(output);
    case 'error':
      return { kind: 'error', name: output.error.name, message: output.error.message, stack: output.error.stack };
    case 'truncated':
      // The model has no kind for it; a note on stderr says what was not kept.
      return { kind: 'text', stream: 'stderr', text: `\n[${output.droppedBytes} bytes of output not kept]\n` };
  }
}

function append(outputs: readonly SavedOutput[], output: SavedOutput): readonly SavedOutput[] {
  const last = outputs.at(-1);
  if (last?.kind === 'text' && output.kind === 'text' && last.stream === output.stream) {
    return [...outputs.slice(0, -1), { ...last, text: last.text + output.text }];
  }
  return [...outputs, output];
}

/**
 * A cell shows the outputs of its latest run only: sending it clears them, and numbers the run, as
 * Jupyter's execution count does (the session's count of evaluations, from 1).
 */
export function startOutputs(notebook: Notebook, cellId: CellId, executionCount: number): Notebook {
  const counted = setExecutionCount(changeOutputs(notebook, cellId, () => []), cellId, executionCount);
  if (!counted.ok) throw new Error(`execution count of cell ${cellId} refused: ${counted.reason}`);
  return counted.notebook;
}

export function appendOutputs(notebook: Notebook, cellId: CellId, outputs: readonly OutputDto[]): Notebook {
  return changeOutputs(notebook, cellId, (old) => outputs.map(toSavedOutput).reduce(append, old));
}

/**
 * Adds the end of an evaluation — its value, or its error — after what it printed. A cell that
 * ends in a declaration has no value: it shows nothing more, as in Jupyter, not `undefined`.
 */
export function appendResult(notebook: Notebook, cellId: CellId, result: ResponseMessage['result']): Notebook {
  if (result.ok && result.value.none) return notebook;
  // A displayable value (`html\`…\``, `image(bytes)`) shows in its rich form.
  const output: SavedOutput = result.ok
    ? result.value.rich
      ? savedRichOutput(result.value.rich)
      : { kind: 'value', text: result.value.text }
    : { kind: 'error', name: result.error.name, message: result.error.message, stack: result.error.stack };
  return changeOutputs(notebook, cellId, (old) => [...old, output]);
}
