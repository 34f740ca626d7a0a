/**
 * Monaco's TypeScript worker, taught the notebook's scope rule (cell-scope.ts): each cell sees the
 * names of the cells above it, the latest declaration winning, and none of the cells below.
 *
 * The language service reads every cell with its prelude in front; Monaco and the editors know
 * only the cell's source. So every request moves positions past the prelude, and every answer
 * moves them back, leaving out what lies in a prelude: its imports are plumbing, never the
 * user's code. The order of the cells comes from the main thread as an extra library of its own
 * (`cellOrderPath`), which survives the worker being restarted.
 */

import { initialize, ts, TypeScriptWorker, type Diagnostic, type DisplayPart, type ScriptSnapshot, type TextSpan } from 'monaco-editor/language/typescript/ts.worker';
import { cellFacts, cellPreludes, namesAbove, type CellFacts, type DeclarationKind, type Prelude, type ScopedCell } from './cell-scope.ts';
import { cellOrderPath } from './cell-files.ts';
import { nodeTypeFiles } from './node-types.ts';

interface Located {
  fileName: string;
  textSpan: TextSpan;
  contextSpan?: TextSpan;
}

interface NavigationItem {
  spans: TextSpan[];
  nameSpan?: TextSpan;
  childItems?: NavigationItem[];
}

interface Completions {
  isGlobalCompletion: boolean;
  isMemberCompletion: boolean;
  optionalReplacementSpan?: TextSpan;
  entries: { name: string; kind: string; kindModifiers?: string; sortText: string; replacementSpan?: TextSpan }[];
}

/** TypeScript's sort text for the names of a scope, before globals and keywords. */
const localSortText = '11';

interface TextChange {
  span: TextSpan;
  newText: string;
}

interface CodeFix {
  fixName: string;
  changes: { fileName: string; textChanges: TextChange[] }[];
}

/** TypeScript's codes for an assignment to an import, and to a constant. */
const assignedImport = 2632;
const assignedConstant = 2588;
/** TypeScript's code for a name of the DOM's library, which it suggests adding: cells run on Node, which has none. */
const domNameWithoutDom = 2584;

class NotebookTypeScriptWorker extends TypeScriptWorker {
  private readonly facts = new Map<string, { readonly version: string; readonly facts: CellFacts }>();
  private preludes = new Map<string, Prelude & { readonly version: number }>();
  /** The cells in order, as the last refresh found them. */
  private cells: readonly ScopedCell[] = [];
  /** Preludes made so far: a new prelude's version, never one a file had before. */
  private preludeCount = 0;
  /** Whether the preludes were brought in step in this turn already. */
  private refreshed = false;

  // --- what the language service reads

  override getScriptFileNames(): string[] {
    this.refreshScope();
    return [...super.getScriptFileNames().filter((fileName) => fileName !== cellOrderPath), ...nodeTypeFiles.keys()];
  }

  override getScriptVersion(fileName: string): string {
    if (nodeTypeFiles.has(fileName)) return 'node';
    const prelude = this.preludes.get(fileName);
    // A cell moves between being a model and a library, and each counts its versions from 1: the
    // kind is part of the version, so that the service never takes one for the other.
    const version = `${this._getModel(fileName) === null ? 'library' : 'model'} ${super.getScriptVersion(fileName)}`;
    return prelude === undefined ? version : `${version}+${prelude.version}`;
  }

  override _getScriptText(fileName: string): string | undefined {
    return nodeTypeFiles.get(fileName) ?? super._getScriptText(fileName);
  }

  override getScriptSnapshot(fileName: string): ScriptSnapshot | undefined {
    const prelude = this.preludes.get(fileName);
    const source = this._getScriptText(fileName);
    if (prelude === undefined || source === undefined) return super.getScriptSnapshot(fileName);
    const text = prelude.text + source;
    return { getText: (start, end) => text.substring(start, end), getLength: () => text.length, getChangeRange: () => undefined };
  }

  /**
   * Brings the preludes in step with the cells' order and declarations, once a turn: a request
   * brings them in step before it asks the service, which at once asks for the files again.
   */
  private refreshScope(): void {
    if (this.refreshed) return;
    this.refreshed = true;
    queueMicrotask(() => {
      this.refreshed = false;
    });
    const cells = this.cellOrder().map((fileName) => {
      const version = super.getScriptVersion(fileName);
      let known = this.facts.get(fileName);
      if (known?.version !== version) {
        const facts = cellFacts(ts.typescript, fileName, this._getScriptText(fileName) ?? '');
        const same = known !== undefined && sameFacts(known.facts, facts);
        known = { version, facts: same && known !== undefined ? known.facts : facts };
        this.facts.set(fileName, known);
      }
      return { fileName, facts: known.facts };
    });
    // Typing in a cell changes the preludes only when it changes what the cell declares or mentions.
    const unchanged = cells.length === this.cells.length && cells.every((cell, index) => cell.fileName === this.cells[index]?.fileName && cell.facts === this.cells[index]?.facts);
    this.cells = cells;
    if (unchanged) return;
    const previous = this.preludes;
    this.preludes = new Map();
    for (const [fileName, prelude] of cellPreludes(cells)) {
      const before = previous.get(fileName);
      const version = before?.text === prelude.text ? before.version : ++this.preludeCount;
      this.preludes.set(fileName, { ...prelude, version });
    }
    for (const fileName of this.facts.keys()) if (!this.preludes.has(fileName)) this.facts.delete(fileName);
  }

  /** The cells' files in the notebook's order, those the worker has. */
  private cellOrder(): string[] {
    const libraries = this.getExtraLibs();
    const content = libraries[cellOrderPath]?.content;
    if (content === undefined) return [];
    const order: unknown = JSON.parse(content);
    if (!Array.isArray(order)) return [];
    return order.filter((fileName): fileName is string => typeof fileName === 'string' && (fileName in libraries || this._getModel(fileName) !== null));
  }

  /**
   * Monaco's also compares every model's URI printed unencoded, which it prints anew at each call,
   * and the service asks for every file at every request. Files are named as Monaco prints URIs.
   */
  override _getModel(fileName: string): object | null {
    return this._ctx.getMirrorModels().find((model) => model.uri.toString() === fileName) ?? null;
  }

  // --- moving positions between the cell (Monaco's) and the cell with its prelude (the service's)

  private offset(fileName: string): number {
    return this.preludes.get(fileName)?.text.length ?? 0;
  }

  /** A span of the service's in the cell, or undefined when it lies in the prelude. */
  private toCell<T extends TextSpan>(fileName: string, span: T): T | undefined {
    const start = span.start - this.offset(fileName);
    return start < 0 ? undefined : { ...span, start };
  }

  private locations<T extends Located>(locations: readonly T[] | undefined): T[] | undefined {
    return locations?.flatMap((location) => {
      const textSpan = this.toCell(location.fileName, location.textSpan);
      if (textSpan === undefined) return [];
      const contextSpan = location.contextSpan && this.toCell(location.fileName, location.contextSpan);
      return [{ ...location, textSpan, ...(contextSpan === undefined ? {} : { contextSpan }) }];
    });
  }

  private diagnostics(fileName: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.flatMap((diagnostic) => {
      const file = diagnostic.file?.fileName ?? fileName;
      if (diagnostic.start === undefined) return [diagnostic];
      const start = diagnostic.start - this.offset(file);
      if (start < 0) return [];
      const related = diagnostic.relatedInformation && this.diagnostics(file, diagnostic.relatedInformation);
      const mapped = { ...diagnostic, start, ...(related === undefined ? {} : { relatedInformation: related }) };
      if (diagnostic.code === domNameWithoutDom) return [{ ...mapped, messageText: `Cannot find name '${this.spanText(file, mapped)}': cells run on Node, which has no DOM.` }];
      return diagnostic.code === assignedImport ? this.assignmentAcrossCells(file, mapped) : [mapped];
    });
  }

  /**
   * TypeScript sees an assignment to a name of a cell above as one to an import. The runtime
   * allows it, unless the name is a constant there (or an import there too).
   */
  private assignmentAcrossCells(fileName: string, diagnostic: Diagnostic & { start: number }): Diagnostic[] {
    const name = this.spanText(fileName, diagnostic);
    const how = this.preludes.get(fileName)?.imports.get(name);
    if (how === undefined || how === 'alias') return [diagnostic];
    if (how !== 'const') return [];
    return [{ ...diagnostic, code: assignedConstant, messageText: `Cannot assign to '${name}' because it is a constant.` }];
  }

  /** The cell's text a diagnostic (moved into the cell) is about. */
  private spanText(fileName: string, diagnostic: Diagnostic & { start: number }): string {
    return this._getScriptText(fileName)?.substr(diagnostic.start, diagnostic.length ?? 0) ?? '';
  }

  /** How a name this cell takes from a cell above was declared there, when `name` is one. */
  private imported(fileName: string, name: string, kind: string): DeclarationKind | undefined {
    return kind === 'alias' ? this.preludes.get(fileName)?.imports.get(name) : undefined;
  }

  // --- the requests Monaco's language features make

  override async getSyntacticDiagnostics(fileName: string): Promise<Diagnostic[]> {
    this.refreshScope();
    return this.diagnostics(fileName, await super.getSyntacticDiagnostics(fileName));
  }

  override async getSemanticDiagnostics(fileName: string): Promise<Diagnostic[]> {
    this.refreshScope();
    return this.diagnostics(fileName, await super.getSemanticDiagnostics(fileName));
  }

  override async getSuggestionDiagnostics(fileName: string): Promise<Diagnostic[]> {
    this.refreshScope();
    return this.diagnostics(fileName, await super.getSuggestionDiagnostics(fileName));
  }

  override async getCompletionsAtPosition(fileName: string, position: number) {
    this.refreshScope();
    const completions: Completions | undefined = await super.getCompletionsAtPosition(fileName, position + this.offset(fileName));
    if (completions === undefined) return undefined;
    const optionalReplacementSpan = completions.optionalReplacementSpan && this.toCell(fileName, completions.optionalReplacementSpan);
    const entries: Completions['entries'] = completions.entries.map((entry) => {
      const replacementSpan = entry.replacementSpan && this.toCell(fileName, entry.replacementSpan);
      return { ...entry, kind: this.imported(fileName, entry.name, entry.kind) ?? entry.kind, ...(replacementSpan === undefined ? {} : { replacementSpan }) };
    });
    // Where names of the scope complete, those of the cells above that this cell does not mention
    // yet: its prelude imports only those it mentions.
    if (completesScope(completions)) {
      const found = new Set(entries.map((entry) => entry.name));
      for (const [name, { how }] of namesAbove(this.cells, fileName)) {
        if (!found.has(name)) entries.push({ name, kind: how, kindModifiers: '', sortText: localSortText });
      }
    }
    return { ...completions, optionalReplacementSpan, entries };
  }

  override async getCompletionEntryDetails(fileName: string, position: number, entry: string) {
    this.refreshScope();
    const details: { kind: string; displayParts: DisplayPart[] } | undefined = await super.getCompletionEntryDetails(fileName, position + this.offset(fileName), entry);
    if (details === undefined) return this.detailsAbove(fileName, entry);
    const how = this.imported(fileName, entry, details.kind);
    return how === undefined ? details : { ...details, kind: how, displayParts: unaliased(details.displayParts) };
  }

  /** The details of a name a cell above declared, which this cell does not import yet: as it hovers there. */
  private detailsAbove(fileName: string, name: string) {
    const above = namesAbove(this.cells, fileName).get(name);
    const at = above && this.cells.find((cell) => cell.fileName === above.fileName)?.facts.declaredAt.get(name);
    if (above === undefined || at === undefined) return undefined;
    const info = this.getLanguageService().getQuickInfoAtPosition(above.fileName, at + this.offset(above.fileName));
    if (info === undefined) return undefined;
    return { name, kind: above.how, kindModifiers: '', displayParts: info.displayParts ?? [], documentation: info.documentation ?? [], tags: info.tags ?? [] };
  }

  override async getSignatureHelpItems(fileName: string, position: number, options: unknown) {
    this.refreshScope();
    const help: { applicableSpan: TextSpan } | undefined = await super.getSignatureHelpItems(fileName, position + this.offset(fileName), options);
    return help && { ...help, applicableSpan: this.toCell(fileName, help.applicableSpan) ?? { start: 0, length: 0 } };
  }

  override async getQuickInfoAtPosition(fileName: string, position: number) {
    this.refreshScope();
    const info: { kind: string; textSpan: TextSpan; displayParts: DisplayPart[] } | undefined = await super.getQuickInfoAtPosition(fileName, position + this.offset(fileName));
    const textSpan = info && this.toCell(fileName, info.textSpan);
    if (info === undefined || textSpan === undefined) return undefined;
    const name = this._getScriptText(fileName)?.substr(textSpan.start, textSpan.length) ?? '';
    const how = this.imported(fileName, name, info.kind);
    return how === undefined ? { ...info, textSpan } : { ...info, textSpan, kind: how, displayParts: unaliased(info.displayParts) };
  }

  override async getDocumentHighlights(fileName: string, position: number, filesToSearch: string[]) {
    this.refreshScope();
    const highlights: { fileName: string; highlightSpans: { textSpan: TextSpan; contextSpan?: TextSpan }[] }[] | undefined = await super.getDocumentHighlights(
      fileName,
      position + this.offset(fileName),
      filesToSearch,
    );
    return highlights?.map((entry) => ({
      ...entry,
      highlightSpans: this.locations(entry.highlightSpans.map((span) => ({ ...span, fileName: entry.fileName }))) ?? [],
    }));
  }

  override async getDefinitionAtPosition(fileName: string, position: number) {
    this.refreshScope();
    return this.locations<Located>(await super.getDefinitionAtPosition(fileName, position + this.offset(fileName)));
  }

  override async getReferencesAtPosition(fileName: string, position: number) {
    this.refreshScope();
    return this.locations<Located>(await super.getReferencesAtPosition(fileName, position + this.offset(fileName)));
  }

  override async findRenameLocations(fileName: string, position: number, findInStrings: boolean, findInComments: boolean, prefixAndSuffix: boolean) {
    this.refreshScope();
    return this.locations<Located>(await super.findRenameLocations(fileName, position + this.offset(fileName), findInStrings, findInComments, prefixAndSuffix));
  }

  override async getRenameInfo(fileName: string, position: number, options: unknown) {
    this.refreshScope();
    const info: { canRename: boolean; triggerSpan?: TextSpan } = await super.getRenameInfo(fileName, position + this.offset(fileName), options);
    const triggerSpan = info.triggerSpan && this.toCell(fileName, info.triggerSpan);
    return { ...info, triggerSpan };
  }

  override async getNavigationTree(fileName: string) {
    this.refreshScope();
    const tree: NavigationItem | undefined = await super.getNavigationTree(fileName);
    const offset = this.offset(fileName);
    // The file's own item spans the prelude too: its spans are cut to the cell.
    const cut = (span: TextSpan): TextSpan[] => {
      const end = span.start + span.length - offset;
      return end <= 0 ? [] : [{ start: Math.max(0, span.start - offset), length: Math.min(span.length, end) }];
    };
    const inCell = (item: NavigationItem): NavigationItem[] => {
      const spans = item.spans.flatMap(cut);
      if (spans.length === 0) return [];
      const nameSpan = item.nameSpan && this.toCell(fileName, item.nameSpan);
      return [{ ...item, spans, nameSpan, childItems: item.childItems?.flatMap(inCell) }];
    };
    return tree && inCell(tree)[0];
  }

  override async getFormattingEditsForRange(fileName: string, start: number, end: number, options: unknown) {
    this.refreshScope();
    const offset = this.offset(fileName);
    return this.changes(fileName, await super.getFormattingEditsForRange(fileName, start + offset, end + offset, options));
  }

  override async getFormattingEditsAfterKeystroke(fileName: string, position: number, ch: string, options: unknown) {
    this.refreshScope();
    return this.changes(fileName, await super.getFormattingEditsAfterKeystroke(fileName, position + this.offset(fileName), ch, options));
  }

  override async getCodeFixesAtPosition(fileName: string, start: number, end: number, errorCodes: number[], formatOptions: unknown) {
    this.refreshScope();
    const offset = this.offset(fileName);
    const fixes: CodeFix[] = await super.getCodeFixesAtPosition(fileName, start + offset, end + offset, errorCodes, formatOptions);
    return fixes.flatMap((fix) => {
      // An import fix would import from another cell's file: cells take names from above by themselves.
      if (fix.fixName === 'import') return [];
      const changes = fix.changes.map((change) => ({ ...change, textChanges: this.changes(change.fileName, change.textChanges) }));
      const whole = changes.every((change, index) => change.textChanges.length === fix.changes[index]?.textChanges.length);
      return whole ? [{ ...fix, changes }] : [];
    });
  }

  override async provideInlayHints(fileName: string, start: number, end: number) {
    this.refreshScope();
    const offset = this.offset(fileName);
    const hints: { position: number }[] = await super.provideInlayHints(fileName, start + offset, end + offset);
    return hints.flatMap((hint) => (hint.position < offset ? [] : [{ ...hint, position: hint.position - offset }]));
  }

  /** Text changes in the cell, leaving out any that would touch its prelude. */
  private changes(fileName: string, changes: readonly TextChange[]): TextChange[] {
    return changes.flatMap((change) => {
      const span = this.toCell(fileName, change.span);
      return span === undefined ? [] : [{ ...change, span }];
    });
  }
}

/**
 * Whether TypeScript completes the names in scope here. Its `isGlobalCompletion` says so only
 * where no declaration is being written: at the end of \`const r = planetR\` it is false, though
 * every name in scope is listed (a new identifier could go there). Such a list always holds
 * `globalThis`; a member's, a module path's or a string's never does.
 */
function completesScope(completions: Completions): boolean {
  return completions.isGlobalCompletion || (!completions.isMemberCompletion && completions.entries.some((entry) => entry.name === 'globalThis'));
}

/** Whether two readings of a cell declare and mention the same: its preludes, and those below it, stay. */
function sameFacts(a: CellFacts, b: CellFacts): boolean {
  const sameSet = (x: ReadonlySet<string>, y: ReadonlySet<string>) => x.size === y.size && [...x].every((name) => y.has(name));
  const sameDeclared = a.declared.size === b.declared.size && [...a.declared].every(([name, how]) => b.declared.get(name) === how && a.declaredAt.get(name) === b.declaredAt.get(name));
  return sameDeclared && sameSet(a.exported, b.exported) && sameSet(a.mentioned, b.mentioned);
}

/**
 * TypeScript shows a name a cell takes from above as the import it is to the service:
 * "(alias) const x: number" and a line "import x". The cell sees the binding itself.
 */
function unaliased(parts: readonly DisplayPart[]): DisplayPart[] {
  const text = (from: number, to?: number) => parts.slice(from, to).map((part) => part.text).join('');
  const head = text(0, 4) === '(alias) ' ? 4 : 0;
  const tail = parts.length >= 4 && parts[parts.length - 4]?.kind === 'lineBreak' && text(-3, -1) === 'import ' ? parts.length - 4 : parts.length;
  return parts.slice(head, tail);
}

self.onmessage = () => initialize((ctx, createData) => new NotebookTypeScriptWorker(ctx, createData));
