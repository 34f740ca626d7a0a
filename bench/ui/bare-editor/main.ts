/**
 * The UI bench's floor for typing: one Monaco editor, loaded and set up exactly as a notebook cell's
 * (renderer/editor/monaco.ts: the same features, workers, TypeScript service and theme;
 * cellEditorOptions), on the source of the cell the bench types into — and nothing of Tessera
 * around it: no React, no notebook, no store. What a key costs here, Monaco costs in a cell.
 */

import { cellEditorOptions } from '../../../renderer/editor/cell-editor-options.ts';
import { monaco } from '../../../renderer/editor/monaco.ts';

const source = new URLSearchParams(location.search).get('source') ?? '';
const element = document.getElementById('editor');
if (element === null) throw new Error('the page has no #editor');
const model = monaco.editor.createModel(source, 'typescript', monaco.Uri.parse('file:///tessera/cell-bare.ts'));
const editor = monaco.editor.create(element, { ...cellEditorOptions, model });
// As CellEditor: the editor is as tall as its content.
const layout = () => {
  const height = editor.getContentHeight();
  element.style.height = `${height}px`;
  editor.layout({ width: element.clientWidth, height });
};
editor.onDidContentSizeChange(layout);
layout();
