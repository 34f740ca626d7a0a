/**
 * Monaco, set up once for the notebook: only the features and languages a notebook needs (the
 * full `monaco-editor` entry would load dozens of languages), its workers as files of their own, the
 * TypeScript language service configured for notebook cells, and themes that follow the page's.
 *
 * This module is imported lazily (see load-monaco.ts) so that a notebook's text shows before
 * Monaco's few megabytes of JavaScript have been parsed.
 */

import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/python/register';
import { typescriptDefaults, ScriptTarget, ModuleKind } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { nodeGlobals } from './node-globals.ts';
import { notebookIgnoredDiagnostics } from './notebook-diagnostics.ts';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
};

// Every code cell is a model of the `typescript` language, JavaScript cells included (their URIs
// end in .js, which the service reads as JavaScript): one program then holds every cell, so a
// TypeScript cell completes the names a JavaScript cell above declared, and the other way round.
typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  lib: ['esnext', 'dom'],
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
});
typescriptDefaults.setEagerModelSync(true);
typescriptDefaults.addExtraLib(nodeGlobals, 'file:///tessera/node-globals.d.ts');

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

export { monaco };
export type Monaco = typeof monaco;
