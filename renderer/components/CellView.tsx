/**
 * One cell in the list: the frame that takes the keyboard in command mode (the cell focused, not
 * its editor) and holds a code or Markdown cell. Off-screen cells skip layout and paint
 * (`content-visibility: auto` in cells.css), which with the lazily mounted editors keeps a
 * 1 000-cell notebook fast.
 */

import { memo, useEffect, useRef, useState, type DragEvent } from 'react';
import type { Cell, CellId, SectionId } from '../../common/notebook/model.ts';
import type { NotebookState } from '../session/notebook-store.ts';
import { sameFields, useStore, useStoreState } from '../session/store-context.ts';
import { cellDragType } from './CellToolbar.tsx';
import { CodeCellView } from './CodeCellView.tsx';
import { onCommandModeKey } from './command-mode.ts';
import { MarkdownCellView } from './MarkdownCellView.tsx';
import { SeenContext, useDrawn } from './seen.ts';

export interface CellViewProps {
  readonly cell: Cell;
  readonly sectionId: SectionId;
  readonly index: number;
  /** On screen when the notebook opens: rendered in full from the first paint (seen.ts). */
  readonly onFirstScreen: boolean;
}

/** Whether the keyboard is on this cell, and on its editor; the focus request counts only there. */
function focusOf(state: NotebookState, cellId: CellId) {
  const focused = state.focus.cellId === cellId;
  return { focused, editing: focused && state.focus.editing, focusRequest: focused ? state.focus.request : 0 };
}

/** Whether a drop lands before or after the cell: which half of it the pointer is over. */
function dropPosition(event: DragEvent<HTMLElement>): 'before' | 'after' {
  const box = event.currentTarget.getBoundingClientRect();
  return event.clientY < box.top + box.height / 2 ? 'before' : 'after';
}

export const CellView = memo(function CellView({ cell, sectionId, index, onFirstScreen }: CellViewProps) {
  const store = useStore();
  const { focused, editing, focusRequest } = useStoreState((state) => focusOf(state, cell.id), sameFields);
  const frame = useRef<HTMLDivElement>(null);
  // A cell created by the user is focused at once: it shows its controls from the start.
  const drawn = useDrawn(frame, onFirstScreen || focused);
  const [drop, setDrop] = useState<'before' | 'after' | null>(null);

  // Capture phase: an editor inside the cell must not take a cell's drag for itself.
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(cellDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const position = dropPosition(event);
    if (position !== drop) setDrop(position);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const moved = event.dataTransfer.getData(cellDragType);
    setDrop(null);
    if (moved === '') return;
    event.preventDefault();
    event.stopPropagation();
    store.moveCellBeside(moved, cell.id, dropPosition(event));
    store.focusCell(moved, false);
  };

  useEffect(() => {
    // Not when a button or field of the cell has the focus (a click in its outputs): taking it
    // back would scroll the cell between the press and the release, and lose the click. An editor
    // that is left (Escape) gives the focus back to the cell.
    const active = document.activeElement;
    const held = active !== null && active !== frame.current && frame.current?.contains(active) === true && active.closest('.monaco-editor') === null;
    if (focused && !editing && !held) frame.current?.focus({ preventScroll: false });
  }, [focused, editing, focusRequest]);

  return (
    <div
      ref={frame}
      className={`cell cell-${cell.kind}${focused ? ' focused' : ''}${focused && editing ? ' editing' : ''}`}
      data-cell-id={cell.id}
      data-cell-kind={cell.kind}
      {...(drop !== null ? { 'data-drop': drop } : {})}
      tabIndex={0}
      onKeyDown={(event) => onCommandModeKey(store, cell, sectionId, index, event)}
      onDragOverCapture={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDrop(null);
      }}
      onDropCapture={onDrop}
      onFocus={(event) => {
        const inEditor = (event.target as HTMLElement).closest('.monaco-editor') !== null;
        store.noteFocus(cell.id, inEditor || (cell.kind !== 'code' && editing));
      }}
    >
      <SeenContext value={drawn}>
        {cell.kind === 'code' ? (
          <CodeCellView cell={cell} focused={focused} editing={editing} focusRequest={focusRequest} />
        ) : (
          <MarkdownCellView cell={cell} editing={focused && editing} />
        )}
      </SeenContext>
    </div>
  );
});
