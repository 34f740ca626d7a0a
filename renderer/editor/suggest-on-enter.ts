/**
 * Enter takes a suggestion only when the user asked for it (JupyterLab's habit): suggestions pop
 * up by themselves while typing, and Enter at the end of a line then ends the line. Asking is
 * Ctrl+Space, or moving through the list with the arrows; Tab takes a suggestion anyway. The cell
 * editors set `acceptSuggestionOnEnter: 'off'` (cell-editor-options.ts); this adds Enter back while
 * the user has asked, until they type past the word, leave the line, press Escape or leave the editor.
 */

import type { Monaco } from './monaco.ts';

type Editor = ReturnType<Monaco['editor']['create']>;

/** `thisEditor`: a context key true only in this editor (see CellEditor). */
export function acceptAskedSuggestionsOnEnter(monaco: Monaco, editor: Editor, thisEditor: string): () => void {
  const { KeyCode } = monaco;
  const asked = editor.createContextKey<boolean>('tesseraSuggestionAsked', false);
  editor.addCommand(
    KeyCode.Enter,
    () => {
      asked.set(false);
      editor.trigger('keyboard', 'acceptSelectedSuggestion', {});
    },
    `${thisEditor} && suggestWidgetVisible && tesseraSuggestionAsked`,
  );
  let line = editor.getPosition()?.lineNumber;
  const listeners = [
    editor.onKeyDown((event) => {
      if (event.keyCode === KeyCode.Space && (event.ctrlKey || event.metaKey)) asked.set(true);
      else if (event.keyCode === KeyCode.UpArrow || event.keyCode === KeyCode.DownArrow || event.keyCode === KeyCode.PageUp || event.keyCode === KeyCode.PageDown) asked.set(true);
      else if (event.keyCode === KeyCode.Escape || (event.browserEvent.key.length === 1 && !/[\w$]/.test(event.browserEvent.key))) asked.set(false);
    }),
    editor.onDidChangeCursorPosition((event) => {
      if (event.position.lineNumber !== line) asked.set(false);
      line = event.position.lineNumber;
    }),
    editor.onDidBlurEditorText(() => asked.set(false)),
  ];
  return () => {
    for (const listener of listeners) listener.dispose();
  };
}
