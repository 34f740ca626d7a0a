/**
 * Monaco, set up once for the notebook: only the features and languages a notebook needs (the
 * full `monaco-editor` entry would load dozens of languages, and every editor contribution), its
 * workers as files of their own, the TypeScript language service configured for notebook cells,
 * and themes that follow the page's.
 *
 * This module is imported lazily (see load-monaco.ts) so that a notebook's text shows before
 * Monaco's few megabytes of JavaScript have been parsed.
 */

import * as monaco from 'monaco-editor/editor';
// The editor contributions a cell uses: editing, IntelliSense (completion, hover, signatures,
// diagnostics and their fixes, go to definition, references, rename), find. Not those a cell has no
// use for (folding, minimap, sticky scroll, code lens, colour pickers, inline completions, diff
// editors, Monaco's own command palette): each is code to load and an object to build in every
// editor. Every contribution is imported from its own module (see monaco-workers.ts).
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/editor/contrib/caretOperations/browser/caretOperations';
import 'monaco-editor/features/caretOperations/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/dnd/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands';
import 'monaco-editor/features/gotoSymbol/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/lineSelection/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/referenceSearch/register';
import 'monaco-editor/features/rename/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/unicodeHighlighter/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/wordPartOperations/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/python/register';
import { typescriptDefaults, ScriptTarget, ModuleKind, type ModuleResolutionKind } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from './notebook-ts.worker.ts?worker';
import { displayApi, displayApiPath } from './display-api.ts';
import { notebookIgnoredDiagnostics } from './notebook-diagnostics.ts';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
};

// Every code cell is a file of the `typescript` service, JavaScript cells included (their paths
// end in .js, which the service reads as JavaScript; see cell-models.ts): one program then holds
// every cell, so a TypeScript cell completes the names a JavaScript cell above declared, and the
// other way round. Each cell is a module that imports those names from the cells above it
// (notebook-ts.worker.ts), by file names with their extensions.
typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  // `bundler`, which Monaco's enum lacks: relative imports with a .ts or .js extension.
  moduleResolution: 100 as ModuleResolutionKind,
  allowImportingTsExtensions: true,
  // Cells run on Node: no DOM library. Node's own types are in the worker (node-types.ts).
  lib: ['esnext'],
  allowJs: true,
  checkJs: false,
  strict: true,
  // Notebook code is exploratory: untyped parameters are the norm, not a mistake.
  noImplicitAny: false,
  allowNonTsExtensions: true,
  noEmit: true,
});
typescriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: [...notebookIgnoredDiagnostics],
  // Only what an editor shows is checked: the other cells' problems have nowhere to appear.
  onlyVisible: true,
});
typescriptDefaults.setEagerModelSync(true);
typescriptDefaults.addExtraLib(displayApi, displayApiPath);

const palette = {
  light: { background: '#f7f8fa', lineHighlight: '#eef1f5', lineNumber: '#8a94a3' },
  dark: { background: '#1b1f27', lineHighlight: '#232834', lineNumber: '#6b7587' },
};

monaco.editor.defineTheme('tessera-light', {
  base: 'vs',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': palette.light.background,
    'editor.lineHighlightBackground': palette.light.lineHighlight,
    'editorLineNumber.foreground': palette.light.lineNumber,
    'editorGutter.background': palette.light.background,
  },
});
monaco.editor.defineTheme('tessera-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': palette.dark.background,
    'editor.lineHighlightBackground': palette.dark.lineHighlight,
    'editorLineNumber.foreground': palette.dark.lineNumber,
    'editorGutter.background': palette.dark.background,
  },
});

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
const applyTheme = () => monaco.editor.setTheme(darkQuery.matches ? 'tessera-dark' : 'tessera-light');
applyTheme();
darkQuery.addEventListener('change', applyTheme);

export { monaco, typescriptDefaults };
export type Monaco = typeof monaco;
