/**
 * A code cell: its toolbar and state, its source (a live editor near the viewport, static code
 * elsewhere), and its outputs.
 */

import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { CellId, CodeCell, Notebook } from '../../common/notebook/model.ts';
import { cellState as cellStateOf, sourceChanged } from '../../common/session/data.ts';
import { CellEditor } from '../editor/CellEditor.tsx';
import { useMonaco } from '../editor/load-monaco.ts';
import { useNearViewport } from '../editor/near-viewport.ts';
import { StaticCode } from '../editor/StaticCode.tsx';
import { CellOutputs } from '../output/CellOutputs.tsx';
import { codeCellNumbers, isUpToDate } from '../session/cell-facts.ts';
import type { NotebookState } from '../session/notebook-store.ts';
import { sameFields, useCellModels, useStore, useStoreState } from '../session/store-context.ts';
import { CellStatus } from './CellStatus.tsx';
import { CellToolbar } from './CellToolbar.tsx';
import { useSeen } from './seen.ts';

/** An editor mounts when its cell comes this close to the viewport… */
const mountMarginPx = 150;
/** …and stays until it is this far, so that scrolling back and forth does not churn editors. */
const keepMarginPx = 900;

export interface CodeCellViewProps {
  readonly cell: CodeCell;
  readonly focused: boolean;
  readonly editing: boolean;
  readonly focusRequest: number;
}

/**
 * What the session knows about evaluating the cell, as the cell shows it. `typing`: text typed into
 * the cell waits to reach the state (see NotebookStore.editCell), so an evaluated cell shows as
 * edited from the first key.
 */
function evaluationFacts(state: NotebookState, cellId: CellId, typing: boolean) {
  const info = state.data.cells.get(cellId);
  const cellState = cellStateOf(state.data, cellId) ?? 'fresh';
  return {
    state: cellState,
    durationMs: info?.evaluation?.durationMs,
    startedAt: state.startedAt.get(cellId),
    changed: info !== undefined && (sourceChanged(info) || (typing && info.evaluatedDigest !== null)),
    willRerun: (cellState === 'evaluated' || cellState === 'stale') && !isUpToDate(state.data, cellId),
    errorLocation: state.errorLocations.get(cellId),
    number: codeCellNumbers(state.data.notebook).get(cellId),
    passedOver: passedOverNote(state.data.notebook, info?.evaluation?.passedOver ?? []),
  };
}

/** What a cell that ran past failed cells says of them: their names are missing here. */
function passedOverNote(notebook: Notebook, passedOver: readonly CellId[]): string | null {
  const numbers = passedOver.flatMap((cellId) => codeCellNumbers(notebook).get(cellId) ?? []);
  if (numbers.length === 0) return null;
  if (numbers.length === 1) return `cell ${numbers[0]} above failed: its names are not defined here`;
  return `cells ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} above failed: their names are not defined here`;
}

export const CodeCellView = memo(function CodeCellView({ cell, focused, editing, focusRequest }: CodeCellViewProps) {
  const store = useStore();
  const models = useCellModels();
  const facts = useStoreState((state) => evaluationFacts(state, cell.id, store.pendingSource(cell.id) !== undefined), sameFields);
  const seen = useSeen();
  const sourceRef = useRef<HTMLDivElement>(null);
  const close = useNearViewport(sourceRef, mountMarginPx, seen);
  const near = useNearViewport(sourceRef, keepMarginPx, seen);
  const [mounted, setMounted] = useState(false);
  const wantsEditor = focused && editing;

  useEffect(() => {
    if (close || wantsEditor) setMounted(true);
    else if (!near) setMounted(false);
  }, [close, near, wantsEditor]);

  const monaco = useMonaco(mounted);
  const live = mounted && monaco !== undefined;
  const clearOutputs = useCallback(() => store.clearOutputs(cell.id), [store, cell.id]);

  return (
    <>
      <CellToolbar cell={cell} running={facts.state === 'queued' || facts.state === 'evaluating'}>
        <CellStatus
          number={facts.number}
          state={facts.state}
          durationMs={facts.durationMs}
          startedAt={facts.startedAt}
          changed={facts.changed}
          willRerun={facts.willRerun}
        />
      </CellToolbar>
      <div
        ref={sourceRef}
        className="cell-source"
        onMouseDown={() => {
          if (!live) store.focusCell(cell.id, true);
        }}
      >
        {live ? (
          <CellEditor
            // A cell that changes language is another file to the service: another model, another editor.
            key={cell.language}
            monaco={monaco}
            model={{ open: () => models.acquire(cell), close: () => models.release(cell.id) }}
            keys={{
              runAndAdvance: () => store.runAndAdvance(cell.id),
              run: () => store.runCell(cell.id),
              leave: () => store.focusCell(cell.id, false),
            }}
            errorLocation={facts.errorLocation}
            focusRequest={wantsEditor ? focusRequest : 0}
          />
        ) : (
          <StaticCode source={cell.source} language="typescript" errorLine={facts.errorLocation?.line} colorize={seen} />
        )}
      </div>
      {facts.passedOver !== null && (
        <p className="cell-note" data-note="passed-over">
          {facts.passedOver}
        </p>
      )}
      <CellOutputs outputs={cell.outputs} onClear={clearOutputs} />
    </>
  );
});
