/**
 * Keeps the cursor of the editor that has the keys in view, as JupyterLab and VS Code do: an
 * editor grows with its content and the notebook scrolls, not the editor, so Monaco's own reveal
 * never moves the page. Typing past the bottom of the window, or an editor taking the focus (the
 * new cell Shift+Enter adds at the end), scrolls the notebook just enough, with a line to spare.
 */

import type { Monaco } from './monaco.ts';

type Editor = ReturnType<Monaco['editor']['create']>;

/** Room kept between the cursor's line and the edge of the notebook's view. */
const spareLines = 1.5;

function scrollerOf(element: HTMLElement): HTMLElement | null {
  return element.closest<HTMLElement>('.notebook');
}

function revealCursor(editor: Editor, element: HTMLElement): void {
  const scroller = scrollerOf(element);
  const position = editor.getPosition();
  const visible = position === null ? null : editor.getScrolledVisiblePosition(position);
  if (scroller === null || visible === null) return;
  const view = scroller.getBoundingClientRect();
  const top = element.getBoundingClientRect().top + visible.top;
  const spare = visible.height * spareLines;
  const below = top + visible.height + spare - view.bottom;
  const above = view.top - (top - spare);
  if (below > 0) scroller.scrollTop += below;
  else if (above > 0) scroller.scrollTop -= above;
}

/** Follows the cursor of `editor`, drawn in `element`, while the editor has the keys. */
export function followCursor(editor: Editor, element: HTMLElement): () => void {
  let frame = 0;
  // At the next frame: the editor has grown by the line just typed by then.
  const schedule = () => {
    if (frame !== 0 || !editor.hasTextFocus()) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (editor.hasTextFocus()) revealCursor(editor, element);
    });
  };
  const listeners = [
    editor.onDidChangeCursorPosition(schedule),
    editor.onDidContentSizeChange(schedule),
    editor.onDidFocusEditorText(() => {
      // The whole cell when it fits (a cell just added shows its frame), then the cursor's line. A
      // taller cell is not moved: a click in it would scroll its top up from under the pointer.
      const cell = element.closest('.cell');
      const scroller = scrollerOf(element);
      if (cell !== null && scroller !== null && cell.getBoundingClientRect().height <= scroller.clientHeight) cell.scrollIntoView({ block: 'nearest' });
      schedule();
    }),
  ];
  return () => {
    cancelAnimationFrame(frame);
    for (const listener of listeners) listener.dispose();
  };
}
