/**
 * The part of Monaco's TypeScript worker module (untyped in the package) that
 * notebook-ts.worker.ts extends. The worker answers Monaco's language features with what
 * TypeScript's language service returns, passed through as plain objects.
 */

declare module 'monaco-editor/language/typescript/ts.worker' {
  import type { TypeScriptApi } from './cell-scope.ts';

  export interface TextSpan {
    start: number;
    length: number;
  }

  export interface ScriptSnapshot {
    getText(start: number, end: number): string;
    getLength(): number;
    getChangeRange(): undefined;
  }

  export interface DisplayPart {
    text: string;
    kind: string;
  }

  export interface Diagnostic {
    start?: number;
    length?: number;
    code: number;
    file?: { fileName: string };
    messageText: string | { messageText: string; code: number; next?: unknown[] };
    relatedInformation?: Diagnostic[];
  }

  export class TypeScriptWorker {
    constructor(ctx: unknown, createData: unknown);
    getScriptFileNames(): string[];
    getScriptVersion(fileName: string): string;
    getScriptSnapshot(fileName: string): ScriptSnapshot | undefined;
    getExtraLibs(): Record<string, { content: string; version: number }>;
    _getModel(fileName: string): object | null;
    readonly _ctx: { getMirrorModels(): { readonly uri: { toString(): string } }[] };
    _getScriptText(fileName: string): string | undefined;
    getLanguageService(): {
      getQuickInfoAtPosition(fileName: string, position: number): { displayParts?: DisplayPart[]; documentation?: DisplayPart[]; tags?: unknown[] } | undefined;
    };

    getSyntacticDiagnostics(fileName: string): Promise<Diagnostic[]>;
    getSemanticDiagnostics(fileName: string): Promise<Diagnostic[]>;
    getSuggestionDiagnostics(fileName: string): Promise<Diagnostic[]>;
    getCompletionsAtPosition(fileName: string, position: number): Promise<any>;
    getCompletionEntryDetails(fileName: string, position: number, entry: string): Promise<any>;
    getSignatureHelpItems(fileName: string, position: number, options: unknown): Promise<any>;
    getQuickInfoAtPosition(fileName: string, position: number): Promise<any>;
    getDocumentHighlights(fileName: string, position: number, filesToSearch: string[]): Promise<any>;
    getDefinitionAtPosition(fileName: string, position: number): Promise<any>;
    getReferencesAtPosition(fileName: string, position: number): Promise<any>;
    getNavigationTree(fileName: string): Promise<any>;
    getFormattingEditsForRange(fileName: string, start: number, end: number, options: unknown): Promise<any>;
    getFormattingEditsAfterKeystroke(fileName: string, position: number, ch: string, options: unknown): Promise<any>;
    findRenameLocations(fileName: string, position: number, findInStrings: boolean, findInComments: boolean, prefixAndSuffix: boolean): Promise<any>;
    getRenameInfo(fileName: string, position: number, options: unknown): Promise<any>;
    getCodeFixesAtPosition(fileName: string, start: number, end: number, errorCodes: number[], formatOptions: unknown): Promise<any>;
    provideInlayHints(fileName: string, start: number, end: number): Promise<any>;
  }

  /** The module of TypeScript's services: TypeScript itself is its `typescript`. */
  export const ts: { readonly typescript: TypeScriptApi };

  /** Sets the worker up on its first message, with what `create` returns as its request handler. */
  export function initialize(create: (ctx: unknown, createData: unknown) => TypeScriptWorker): void;
}
