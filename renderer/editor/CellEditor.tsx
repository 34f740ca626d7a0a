/**
 * A live Monaco editor on one cell's model: it grows with its content (the page scrolls, not the
 * editor), marks the line where the last evaluation failed, and gives the notebook's run keys
 * priority over Monaco's own bindings. What is typed reaches the store from the model (see
 * `ModelLease`), not from the editor: a rename can change a cell that shows no editor.
 */

import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ErrorLocation } from '../session/notebook-store.ts';
import { cellEditorOptions } from './cell-editor-options.ts';
import { followCursor } from './follow-cursor.ts';
import { suggestAgainForNewWords } from './suggest-new-word.ts';
import { acceptAskedSuggestionsOnEnter } from './suggest-on-enter.ts';
import type { Monaco } from './monaco.ts';

type Editor = ReturnType<Monaco['editor']['create']>;
type Model = NonNullable<ReturnType<Editor['getModel']>>;

/**
 * Where editors put their suggestion, hover and parameter widgets: outside the cells, whose
 * `content-visibility: auto` contains paint and would clip them. Monaco styles the widgets under a
 * `.monaco-editor` ancestor, hence the class.
 */
let overflowWidgets: HTMLElement | undefined;

/** Editors created so far: each gets a context key of its own (see the commands below). */
let editorCount = 0;
/** The editor that had the focus last: the one whose widget a key in the overflow node is for. */
let widgetsOwner: Editor | undefined;

/**
 * Monaco answers keys only from inside an editor's own element, so the keys of a widget that takes
 * the focus out there would do nothing: the rename box's (F2). They go to its editor from here.
 */
const renameKeys: Readonly<Record<string, string>> = {
  Enter: 'acceptRenameInput',
  Escape: 'cancelRenameInput',
  ArrowDown: 'focusNextRenameSuggestion',
  ArrowUp: 'focusPreviousRenameSuggestion',
};

function overflowWidgetsNode(): HTMLElement {
  if (overflowWidgets === undefined) {
    overflowWidgets = document.createElement('div');
    overflowWidgets.className = 'monaco-editor overflow-widgets';
    overflowWidgets.addEventListener('keydown', (event) => {
      const command = renameKeys[event.key];
      const inRenameBox = event.target instanceof Element && event.target.closest('.rename-box') !== null;
      if (command === undefined || !inRenameBox || widgetsOwner === undefined || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      event.preventDefault();
      event.stopPropagation();
      widgetsOwner.trigger('keyboard', command, null);
    });
    document.body.append(overflowWidgets);
  }
  return overflowWidgets;
}

/**
 * Where an editor gets its model when it mounts, and gives it back when it goes. The model's owner
 * passes its edits on to the store.
 */
export interface ModelLease {
  readonly open: () => Model;
  readonly close: (model: Model) => void;
}

export interface CellEditorKeys {
  readonly runAndAdvance: () => void;
  readonly run: () => void;
  /** Leaves the editor for the cell (command mode). */
  readonly leave: () => void;
}

export function CellEditor({
  monaco,
  model,
  keys,
  errorLocation,
  focusRequest,
}: {
  readonly monaco: Monaco;
  /** Read when the editor mounts: a different model means a different editor (give it a new key). */
  readonly model: ModelLease;
  readonly keys: CellEditorKeys;
  readonly errorLocation: ErrorLocation | undefined;
  /** Changes whenever the editor should take the focus. */
  readonly focusRequest: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const latest = useRef({ keys, lease: model });
  latest.current = { keys, lease: model };

  useLayoutEffect(() => {
    const element = host.current;
    if (element === null) return;
    const { lease } = latest.current;
    const model = lease.open();
    const editor = monaco.editor.create(element, { ...cellEditorOptions, model, overflowWidgetsDomNode: overflowWidgetsNode() });
    editorRef.current = editor;
    const { KeyCode, KeyMod } = monaco;
    // Monaco keeps one keybinding table for every editor on the page, so a command added to one
    // editor would answer its keys in all of them (the last editor created winning: Ctrl+Enter in
    // one cell would run another). A context key of this editor's own, which holds only while the
    // key comes from inside it, ties the commands to it.
    const thisEditor = `tesseraCellEditor${++editorCount}`;
    editor.createContextKey(thisEditor, true);
    const widgetsClosed = `${thisEditor} && !suggestWidgetVisible && !parameterHintsVisible && !findWidgetVisible`;
    editor.addCommand(KeyMod.Shift | KeyCode.Enter, () => latest.current.keys.runAndAdvance(), thisEditor);
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.Enter, () => latest.current.keys.run(), thisEditor);
    editor.addCommand(KeyCode.Escape, () => latest.current.keys.leave(), widgetsClosed);
    const stopAcceptingOnEnter = acceptAskedSuggestionsOnEnter(monaco, editor, thisEditor);
    const stopSuggestingAgain = suggestAgainForNewWords(editor);

    const layout = () => {
      const height = editor.getContentHeight();
      element.style.height = `${height}px`;
      editor.layout({ width: element.clientWidth, height });
    };
    const listeners = [
      editor.onDidContentSizeChange(layout),
      // Its text, not its widget: every editor counts the shared overflow node as its own widget.
      editor.onDidFocusEditorText(() => {
        widgetsOwner = editor;
      }),
    ];
    const resize = new ResizeObserver(layout);
    resize.observe(element);
    layout();
    const stopFollowing = followCursor(editor, element);
    return () => {
      stopFollowing();
      stopAcceptingOnEnter();
      stopSuggestingAgain();
      resize.disconnect();
      for (const listener of listeners) listener.dispose();
      if (widgetsOwner === editor) widgetsOwner = undefined;
      editor.dispose();
      editorRef.current = null;
      lease.close(model);
    };
  }, [monaco]);

  useEffect(() => {
    if (focusRequest > 0) editorRef.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (editor === null || model === null || model === undefined || errorLocation === undefined) return;
    const line = Math.min(errorLocation.line, model.getLineCount());
    const decorations = editor.createDecorationsCollection([
      {
        range: new monaco.Range(line, 1, line, model.getLineMaxColumn(line)),
        options: {
          isWholeLine: true,
          className: 'editor-error-line',
          linesDecorationsClassName: 'editor-error-gutter',
          hoverMessage: { value: 'The evaluation failed here' },
        },
      },
    ]);
    return () => decorations.clear();
  }, [monaco, errorLocation]);

  return <div ref={host} className="cell-editor" />;
}
