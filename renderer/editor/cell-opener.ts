/**
 * Going to a definition in another cell (F12, Ctrl+click, a reference): Monaco asks to open that
 * cell's file, which in a notebook means going to the cell. The cell takes the focus, its editor
 * mounts if it had none, and its cursor goes where Monaco says (the definition's start).
 */

import type { NotebookStore } from '../session/notebook-store.ts';
import type { CellModels } from './cell-models.ts';
import type { MonacoModule } from './load-monaco.ts';
import type { Monaco } from './monaco.ts';

type Target = Parameters<Parameters<Monaco['editor']['registerEditorOpener']>[0]['openCodeEditor']>[2];

/** How long a cell far away may take to mount its editor. */
const mountTimeoutMs = 3000;

export function openCellsFromEditors({ monaco }: MonacoModule, store: NotebookStore, models: CellModels): void {
  monaco.editor.registerEditorOpener({
    openCodeEditor: (_source, resource, target) => {
      const path = resource.toString();
      const cell = models.cellAt(path);
      if (cell === undefined) return false;
      store.focusCell(cell.id, true);
      showWhenMounted(monaco, path, target);
      return true;
    },
  });
}

function showWhenMounted(monaco: Monaco, path: string, target: Target): void {
  const until = performance.now() + mountTimeoutMs;
  const look = () => {
    const editor = monaco.editor.getEditors().find((candidate) => candidate.getModel()?.uri.toString() === path);
    if (editor === undefined) {
      if (performance.now() < until) requestAnimationFrame(look);
      return;
    }
    if (target !== undefined && 'startLineNumber' in target) {
      editor.setSelection(target);
      editor.revealRangeInCenterIfOutsideViewport(target);
    } else if (target !== undefined) {
      editor.setPosition(target);
      editor.revealPositionInCenterIfOutsideViewport(target);
    }
    editor.focus();
  };
  look();
}
