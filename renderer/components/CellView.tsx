/**
 * One cell in the list: the frame that takes the keyboard in command mode (the cell focused, not
 * its editor) and holds a code or Markdown cell. Off-screen cells skip layout and paint
 * (`content-visibility: auto` in cells.css), which with the lazily mounted editors keeps a
 * 1 000-cell notebook fast.
 */

import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { Cell, SectionId } from '../../common/notebook/model.ts';
import { useStore } from '../session/store-context.ts';
import type { CodeCellViewProps } from './CodeCellView.tsx';
import { CodeCellView } from './CodeCellView.tsx';
import { MarkdownCellView } from './MarkdownCellView.tsx';

export type CellViewProps = Omit<CodeCellViewProps, 'cell'> & {
  readonly cell: Cell;
  readonly sectionId: SectionId;
  readonly index: number;
};

/** Keys typed into an editor or a field belong to it, not to the notebook. */
function fromTextInput(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement;
  return target.closest('.monaco-editor, input, textarea, select, [contenteditable="true"]') !== null;
}

export const CellView = memo(function CellView(props: CellViewProps) {
  const { cell, sectionId, index, focused, editing, focusRequest } = props;
  const store = useStore();
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focused && !editing) frame.current?.focus({ preventScroll: false });
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
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const inEditor = (event.target as HTMLElement).closest('.monaco-editor') !== null;
        store.noteFocus(cell.id, inEditor || (cell.kind === 'markdown' && editing));
      }}
    >
      {cell.kind === 'code' ? (
        <CodeCellView {...props} cell={cell} />
      ) : (
        <MarkdownCellView cell={cell} editing={focused && editing} />
      )}
    </div>
  );
});
