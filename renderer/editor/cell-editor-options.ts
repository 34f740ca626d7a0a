/**
 * How every code cell's editor is set up: it grows with its content (the page scrolls, not the
 * editor), without the chrome a few lines of code have no use for. The UI benchmark's bare editor
 * page (bench/ui/bare-editor) uses the same, to measure Monaco alone as a cell has it.
 */

import { monoFont } from './fonts.ts';
import type { Monaco } from './monaco.ts';

type EditorOptions = NonNullable<Parameters<Monaco['editor']['create']>[1]>;

export const cellEditorOptions: EditorOptions = {
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  lineNumbers: 'on',
  lineNumbersMinChars: 3,
  glyphMargin: false,
  folding: false,
  renderLineHighlight: 'none',
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  scrollbar: { vertical: 'hidden', alwaysConsumeMouseWheel: false, useShadows: false },
  fontSize: 13.5,
  lineHeight: 20,
  fontFamily: monoFont,
  tabSize: 2,
  padding: { top: 8, bottom: 8 },
  automaticLayout: false,
  fixedOverflowWidgets: true,
  wordWrap: 'off',
  contextmenu: true,
  ariaLabel: 'Code cell',
  // Out of the tab order: Tab in command mode moves among the cells and their buttons and never
  // lands in an editor, where the next Tab would indent the code (Enter edits a cell).
  tabIndex: -1,
  // Enter ends the line unless a suggestion was asked for (suggest-on-enter.ts).
  acceptSuggestionOnEnter: 'off',
};
