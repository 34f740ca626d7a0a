/**
 * One cell in the list: the frame that takes the keyboard in command mode (the cell focused, not
 * its editor) and holds a code or Markdown cell. Off-screen cells skip layout and paint
 * (`content-visibility: auto` in cells.css), which with the lazily mounted editors keeps a
 * 1 000-cell notebook fast.
 */

import { memo, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Cell, CellId, SectionId } from '../../common/notebook/model.ts';
import type { NotebookState } from '../session/notebook-store.ts';
import { sameFields, useStore, useStoreState } from '../session/store-context.ts';
import { cellDragType } from './CellToolbar.tsx';
import { CodeCellView } from './CodeCellView.tsx';
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

/** Keys typed into an editor or a field belong to it, not to the notebook. */
function fromTextInput(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement;
  return target.closest('.monaco-editor, input, textarea, select, [contenteditable="true"]') !== null;
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

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (fromTextInput(event)) return;
    const mod = event.ctrlKey || event.metaKey;
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    const go = (direction: -1 | 1) => {
      const next = store.neighbourCell(cell.id, direction);
      if (next !== undefined) store.focusCell(next, false);
    };
    if (event.key === 'Enter' && event.shiftKey && !mod) {
      handled();
      store.runAndAdvance(cell.id);
    } else if (event.key === 'Enter' && mod) {
      handled();
      if (cell.kind === 'code') store.runCell(cell.id);
    } else if (event.key === 'Enter' && !event.altKey) {
      handled();
      store.focusCell(cell.id, true);
    } else if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && event.altKey) {
      handled();
      store.moveCell(cell.id, event.key === 'ArrowUp' ? -1 : 1);
      store.focusCell(cell.id, false);
    } else if ((event.key === 'ArrowUp' || event.key === 'k') && !mod && !event.altKey) {
      handled();
      go(-1);
    } else if ((event.key === 'ArrowDown' || event.key === 'j') && !mod && !event.altKey) {
      handled();
      go(1);
    } else if (event.key === 'Delete' || (event.key === 'Backspace' && mod)) {
      handled();
      const next = store.neighbourCell(cell.id, 1) ?? store.neighbourCell(cell.id, -1) ?? null;
      store.deleteCell(cell.id);
      store.focusCell(next, false);
    } else if ((event.key === 'a' || event.key === 'b') && !mod && !event.altKey) {
      handled();
      const language = cell.kind === 'code' ? cell.language : 'ts';
      const added = store.insertCell(sectionId, index + (event.key === 'b' ? 1 : 0), 'code', language);
      store.focusCell(added, true);
    } else if (event.key === 'm' && !mod && !event.altKey) {
      handled();
      const added = store.insertCell(sectionId, index + 1, 'markdown');
      store.focusCell(added, true);
    }
  };

  return (
    <div
      ref={frame}
      className={`cell cell-${cell.kind}${focused ? ' focused' : ''}${focused && editing ? ' editing' : ''}`}
      data-cell-id={cell.id}
      data-cell-kind={cell.kind}
      {...(drop !== null ? { 'data-drop': drop } : {})}
      tabIndex={0}
      onKeyDown={onKeyDown}
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
