/**
 * Jupyter's command mode: the keys of a cell that has the focus while its editor has not. Enter
 * edits, Shift+Enter runs and goes on, Ctrl/Cmd+Enter runs; J/K and the arrows move, Alt+arrows
 * move the cell; A and B insert above and below, M and Y make the cell Markdown or code, D D (or
 * Delete) deletes it. Keys typed into an editor or a field are theirs, never these.
 */

import type { KeyboardEvent } from 'react';
import type { Cell, SectionId } from '../../common/notebook/model.ts';
import type { NotebookStore } from '../session/notebook-store.ts';

/** The cell whose first D is waiting for the second; any other key in between cancels it. */
let firstDeleteKey: string | null = null;

/** A key typed into an editor or a field, or pressed on a button (Enter clicks it), is theirs. */
function fromControl(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement;
  return target.closest('.monaco-editor, input, textarea, select, button, [contenteditable="true"]') !== null;
}

export function onCommandModeKey(store: NotebookStore, cell: Cell, sectionId: SectionId, index: number, event: KeyboardEvent): void {
  if (fromControl(event)) return;
  const mod = event.ctrlKey || event.metaKey;
  const plain = !mod && !event.altKey && !event.shiftKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const deletePending = firstDeleteKey === cell.id;
  firstDeleteKey = null;
  const go = (direction: -1 | 1) => {
    const next = store.neighbourCell(cell.id, direction);
    if (next !== undefined) store.focusCell(next, false);
  };
  const insert = (offset: 0 | 1) => {
    const language = cell.kind === 'code' ? cell.language : 'ts';
    store.focusCell(store.insertCell(sectionId, index + offset, 'code', language), false);
  };
  if (key === 'Enter' && event.shiftKey && !mod) store.runAndAdvance(cell.id);
  else if (key === 'Enter' && mod) {
    if (cell.kind === 'code') store.runCell(cell.id);
  } else if (key === 'Enter' && !event.altKey) store.focusCell(cell.id, true);
  else if ((key === 'ArrowUp' || key === 'ArrowDown') && event.altKey && !mod) {
    store.moveCell(cell.id, key === 'ArrowUp' ? -1 : 1);
    store.focusCell(cell.id, false);
  } else if ((key === 'ArrowUp' || key === 'k') && plain) go(-1);
  else if ((key === 'ArrowDown' || key === 'j') && plain) go(1);
  else if (key === 'd' && plain) {
    if (deletePending) store.deleteCell(cell.id);
    else firstDeleteKey = cell.id;
  } else if (key === 'Delete' || (key === 'Backspace' && mod)) store.deleteCell(cell.id);
  else if ((key === 'a' || key === 'b') && plain) insert(key === 'b' ? 1 : 0);
  else if ((key === 'm' || key === 'y') && plain) store.setCellKind(cell.id, key === 'm' ? 'markdown' : 'code');
  else return;
  event.preventDefault();
  event.stopPropagation();
}
