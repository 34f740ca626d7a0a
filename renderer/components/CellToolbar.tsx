import type { DragEvent, ReactNode } from 'react';
import { foreignLanguage } from '../../common/notebook/ipynb.ts';
import type { Cell } from '../../common/notebook/model.ts';
import { useStore, useStoreState } from '../session/store-context.ts';
import { useSeen } from './seen.ts';

/** What a dragged cell carries: its id, under a type only Tessera's cells accept. */
export const cellDragType = 'application/x-tessera-cell';

function startDrag(event: DragEvent<HTMLElement>, cell: Cell): void {
  event.dataTransfer.setData(cellDragType, cell.id);
  event.dataTransfer.effectAllowed = 'move';
  // The whole cell follows the pointer, not just the handle.
  const frame = event.currentTarget.closest('.cell');
  if (frame !== null) event.dataTransfer.setDragImage(frame, 12, 12);
}

/**
 * The controls above a cell: a handle to drag it by, its state, and what can be done to it. The
 * handle and the buttons show on hover or focus only, so a cell not drawn yet has none (seen.ts).
 */
export function CellToolbar({ cell, running = false, children }: { readonly cell: Cell; readonly running?: boolean; readonly children?: ReactNode }) {
  const seen = useSeen();
  return (
    <div className="cell-toolbar">
      {seen ? (
        <CellControls cell={cell} running={running}>
          {children}
        </CellControls>
      ) : (
        <>
          <CellKind cell={cell} />
          {children}
        </>
      )}
    </div>
  );
}

const kindNames = { markdown: 'Markdown', raw: 'Raw' } as const;

/** What the cell holds: its language for code (a Python notebook's cells say Python), else Markdown or Raw. */
function CellKind({ cell }: { readonly cell: Cell }) {
  const foreign = useStoreState((state) => foreignLanguage(state.data.notebook));
  const name = cell.kind !== 'code' ? kindNames[cell.kind] : (foreign ?? (cell.language === 'ts' ? 'TypeScript' : 'JavaScript'));
  return <span className="cell-kind">{name}</span>;
}

/** `running`: the cell is queued or evaluating, and its Run button stops it instead. */
function CellControls({ cell, running, children }: { readonly cell: Cell; readonly running: boolean; readonly children?: ReactNode }) {
  const store = useStore();
  return (
    <>
      <span className="drag-handle" draggable title="Drag to move the cell (or Alt+Up / Alt+Down)" aria-label="Drag to move cell" onDragStart={(event) => startDrag(event, cell)}>
        ⠿
      </span>
      <CellKind cell={cell} />
      {children}
      <span className="toolbar-spacer" />
      {cell.kind === 'code' ? (
        <>
          {running ? (
            <button type="button" className="tool-button stop-button" title="Stop this cell: interrupt it, or take it out of the queue" onClick={() => store.stopCell(cell.id)}>
              ■ Stop
            </button>
          ) : (
            <button type="button" className="tool-button run-button" title="Run (Ctrl/Cmd+Enter)" onClick={() => store.runCell(cell.id)}>
              ▶ Run
            </button>
          )}
          <button
            type="button"
            className="tool-button"
            title="Switch between TypeScript and JavaScript"
            onClick={() => store.setLanguage(cell.id, cell.language === 'ts' ? 'js' : 'ts')}
          >
            {cell.language === 'ts' ? 'TS' : 'JS'}
          </button>
        </>
      ) : (
        <button type="button" className="tool-button" title="Edit (Enter or double-click)" onClick={() => store.focusCell(cell.id, true)}>
          Edit
        </button>
      )}
      <button type="button" className="tool-button" title="Move up (Alt+Up)" aria-label="Move cell up" onClick={() => store.moveCell(cell.id, -1)}>
        ↑
      </button>
      <button type="button" className="tool-button" title="Move down (Alt+Down)" aria-label="Move cell down" onClick={() => store.moveCell(cell.id, 1)}>
        ↓
      </button>
      <button type="button" className="tool-button danger" title="Delete (Delete); restore it from the bin" aria-label="Delete cell" onClick={() => store.deleteCell(cell.id)}>
        ✕
      </button>
    </>
  );
}
