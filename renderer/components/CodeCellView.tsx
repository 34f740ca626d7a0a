/**
 * A code cell: its toolbar and state, its source (a live editor near the viewport, static code
 * elsewhere), and its outputs.
 */

import { memo, useContext, useEffect, useRef, useState } from 'react';
import type { CodeCell } from '../../common/notebook/model.ts';
import type { CellState } from '../../common/session/data.ts';
import { CellEditor } from '../editor/CellEditor.tsx';
import { useMonaco } from '../editor/load-monaco.ts';
import { useNearViewport } from '../editor/near-viewport.ts';
import { StaticCode } from '../editor/StaticCode.tsx';
import { CellOutputs } from '../output/CellOutputs.tsx';
import type { ErrorLocation } from '../session/notebook-store.ts';
import { CellModelsContext, useStore } from '../session/store-context.ts';
import { CellStatus } from './CellStatus.tsx';
import { CellToolbar } from './CellToolbar.tsx';

/** An editor mounts when its cell comes this close to the viewport… */
const mountMarginPx = 150;
/** …and stays until it is this far, so that scrolling back and forth does not churn editors. */
const keepMarginPx = 900;

export interface CodeCellViewProps {
  readonly cell: CodeCell;
  readonly state: CellState;
  readonly durationMs: number | undefined;
  readonly startedAt: number | undefined;
  readonly changed: boolean;
  readonly errorLocation: ErrorLocation | undefined;
  readonly focused: boolean;
  readonly editing: boolean;
  readonly focusRequest: number;
}

export const CodeCellView = memo(function CodeCellView(props: CodeCellViewProps) {
  const { cell, state, focused, editing, focusRequest, errorLocation } = props;
  const store = useStore();
  const models = useContext(CellModelsContext);
  const monaco = useMonaco();
  const sourceRef = useRef<HTMLDivElement>(null);
  const close = useNearViewport(sourceRef, mountMarginPx);
  const near = useNearViewport(sourceRef, keepMarginPx);
  const [mounted, setMounted] = useState(false);
  const wantsEditor = focused && editing;

  useEffect(() => {
    if (close || wantsEditor) setMounted(true);
    else if (!near) setMounted(false);
  }, [close, near, wantsEditor]);

  const model = models?.get(cell.id);
  const live = mounted && monaco !== undefined && model !== undefined;

  return (
    <>
      <CellToolbar cell={cell}>
        <CellStatus state={state} durationMs={props.durationMs} startedAt={props.startedAt} changed={props.changed} />
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
            monaco={monaco}
            model={model}
            onEdit={(source) => {
              models?.noteEdited(cell.id, source);
              store.editCell(cell.id, source);
            }}
            keys={{
              runAndAdvance: () => store.runAndAdvance(cell.id),
              run: () => store.runCell(cell.id),
              leave: () => store.focusCell(cell.id, false),
            }}
            errorLocation={errorLocation}
            focusRequest={wantsEditor ? focusRequest : 0}
          />
        ) : (
          <StaticCode source={cell.source} language="typescript" errorLine={errorLocation?.line} colorize={near} />
        )}
      </div>
      <CellOutputs outputs={cell.outputs} onClear={() => store.clearOutputs(cell.id)} />
    </>
  );
});
