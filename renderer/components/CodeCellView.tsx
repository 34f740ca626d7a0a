/**
 * A code cell: its toolbar and state, its source (a live editor near the viewport, static code
 * elsewhere), and its outputs.
 */

import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { CellId, CodeCell } from '../../common/notebook/model.ts';
import { cellState, sourceChanged } from '../../common/session/data.ts';
import { CellEditor } from '../editor/CellEditor.tsx';
import { useMonaco } from '../editor/load-monaco.ts';
import { useNearViewport } from '../editor/near-viewport.ts';
import { StaticCode } from '../editor/StaticCode.tsx';
import { CellOutputs } from '../output/CellOutputs.tsx';
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
  return {
    state: cellState(state.data, cellId) ?? 'fresh',
    durationMs: info?.evaluation?.durationMs,
    startedAt: state.startedAt.get(cellId),
    changed: info !== undefined && (sourceChanged(info) || (typing && info.evaluatedDigest !== null)),
    errorLocation: state.errorLocations.get(cellId),
  };
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
        <CellStatus state={facts.state} durationMs={facts.durationMs} startedAt={facts.startedAt} changed={facts.changed} />
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
      <CellOutputs outputs={cell.outputs} onClear={clearOutputs} />
    </>
  );
});
