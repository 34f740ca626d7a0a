/**
 * The renderer's owner of the open document: it holds the session data (the notebook and what is
 * known about evaluating it), applies operations to it through the pure reducer of common/session,
 * and performs the actions that come back through the bridge — the driver loop of
 * common/session/driver.ts, with the bridge in place of a runtime client.
 *
 * It is a plain object with `subscribe` and `getState`, read by React through
 * `useSyncExternalStore`: every change produces a new immutable state, so unchanged cells keep their
 * identity and memoised components skip them.
 *
 * Typing is the one change that does not reach the state at once: an editor's model already holds
 * what was typed, so the store keeps the new source aside and applies it once typing pauses (see
 * `editCell`). Whatever reads the document for real — an operation, a save, a backup — applies it
 * first, so no keystroke is ever left out.
 */

import type { OpenedDocument, RuntimeStatus, TesseraBridge } from '../../common/bridge/contract.ts';
import { foreignLanguage, kernelNotice } from '../../common/notebook/ipynb.ts';
import type { BinEntry, Cell, CellId, Notebook, SavedOutput, SectionId } from '../../common/notebook/model.ts';
import { createSection } from '../../common/notebook/operations.ts';
import type { RuntimeMessage } from '../../common/protocol/runtime.ts';
import type { Action } from '../../common/session/actions.ts';
import { cellState, newSessionData, type SessionData } from '../../common/session/data.ts';
import { operationFromRuntimeMessage } from '../../common/session/driver.ts';
import { allCodeCells, findCell, flowSections, mainContainer } from '../../common/session/flow.ts';
import { applyOperation, type Operation } from '../../common/session/operations.ts';
import { firstCellId, firstCodeLanguage } from '../notebook/cell-defaults.ts';
import { newId } from '../notebook/ids.ts';
import { cellLabel } from './cell-facts.ts';
import { parseNotebookText, serializeNotebookText } from '../document/notebook-text.ts';
import { OutputOrigins } from '../output/output-trust.ts';

export type { BinEntry };

const emptyBin: readonly BinEntry[] = [];

/** Deleted cells and sections, newest first: the notebook's own bin (the same empty list each time it is empty). */
export function binOf(state: NotebookState): readonly BinEntry[] {
  return state.data.notebook.bin ?? emptyBin;
}

export interface ErrorLocation {
  readonly line: number;
  readonly column: number;
}

export interface NotebookState {
  readonly data: SessionData;
  readonly path: string | null;
  /** Edits since the document was opened or saved. */
  readonly dirty: boolean;
  readonly runtimeStatus: RuntimeStatus;
  /** When each evaluating cell was sent (performance.now()), for its live timer. */
  readonly startedAt: ReadonlyMap<CellId, number>;
  /** Where the last evaluation of a cell failed, for marking the line in its editor. */
  readonly errorLocations: ReadonlyMap<CellId, ErrorLocation>;
  /** A sentence for the user about something that went wrong outside a cell (a save, the host). */
  readonly notice: string | null;
  /** The host went away: nothing more can be asked of it. */
  readonly hostLost: boolean;
  /** Counts the documents loaded into the window: a notebook opened starts at its top. */
  readonly loads: number;
  readonly focus: CellFocus;
  readonly collapsed: ReadonlySet<SectionId>;
  /** Whether the outputs the notebook came with may run their scripts (see output-trust.ts). */
  readonly trusted: boolean;
  /** The user asked to trust the notebook: the question waits for an answer. */
  readonly trustAsked: boolean;
}

/** The cell the keyboard acts on, and whether its editor has the keys (edit mode) or the cell (command mode). */
export interface CellFocus {
  readonly cellId: CellId | null;
  readonly editing: boolean;
  /** Counts requests to move the DOM focus, so that asking twice for the same cell still moves it. */
  readonly request: number;
}

/** Typed source reaches the document once typing pauses this long… */
const editSettleMs = 250;
/** …or, while it goes on, at least this often (the "edited" mark and backups follow it). */
const editMaxDelayMs = 1000;

export class NotebookStore {
  private state: NotebookState;
  private readonly listeners = new Set<() => void>();
  private readonly documentListeners = new Set<() => void>();
  private batching = 0;
  private changed = false;
  /** Sources typed but not applied yet, by cell (see `editCell`). */
  private readonly pendingSources = new Map<CellId, string>();
  private pendingSince = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly origins = new OutputOrigins();

  /** `trusted`: whether the outputs `notebook` came with may run (the host's `OpenedDocument.trusted`). */
  constructor(
    private readonly bridge: TesseraBridge,
    notebook: Notebook,
    path: string | null,
    trusted = false,
  ) {
    this.origins.opened(notebook);
    this.state = {
      data: newSessionData(notebook),
      path,
      dirty: false,
      runtimeStatus: { state: 'disconnected' },
      startedAt: new Map(),
      errorLocations: new Map(),
      notice: null,
      hostLost: false,
      loads: 0,
      focus: { cellId: firstCellId(notebook), editing: false, request: 0 },
      collapsed: new Set(),
      trusted,
      trustAsked: false,
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): NotebookState => this.state;

  /** Called after every change of the document itself (not of outputs or states). */
  onDocumentChanged(listener: () => void): () => void {
    this.documentListeners.add(listener);
    return () => this.documentListeners.delete(listener);
  }

  /** Listens to the host's runtime events; call the result to stop. */
  attach(): () => void {
    const offMessages = this.bridge.on('runtime.messages', (messages) => this.receiveMessages(messages));
    const offStatus = this.bridge.on('runtime.status', (status) => this.receiveStatus(status));
    this.bridge.invoke('runtime.status').then(
      (status) => this.receiveStatus(status),
      (error: Error) => this.setNotice(error.message),
    );
    return () => {
      offMessages();
      offStatus();
    };
  }

  // -------------------------------------------------------------------------------------------
  // Operations

  /** Applies an operation; false when the reducer rejected it (a lost race, or nothing to do). */
  dispatch(operation: Operation): boolean {
    // Every operation sees every keystroke: a run sends the source as typed.
    this.flushEdits();
    const result = applyOperation(this.state.data, operation);
    if (!result.ok) return false;
    this.update({ data: result.data });
    for (const action of result.actions) this.perform(action);
    return true;
  }

  private perform(action: Action): void {
    const { bridge } = this;
    switch (action.type) {
      case 'connectRuntime':
        bridge.invoke('runtime.connect').then(
          () => this.dispatch({ type: 'runtimeConnected' }),
          (error: Error) => {
            this.setNotice(`The runtime did not start: ${error.message}`);
            this.dispatch({ type: 'runtimeDown' });
          },
        );
        return;
      case 'evaluate': {
        const activity = this.state.data.containers.get(action.containerRef);
        const cellId = activity?.kind === 'evaluating' ? activity.evaluation.cellId : null;
        if (cellId !== null) {
          const startedAt = new Map(this.state.startedAt).set(cellId, performance.now());
          const errorLocations = new Map(this.state.errorLocations);
          errorLocations.delete(cellId);
          this.update({ startedAt, errorLocations });
        }
        const { type: _type, ...request } = action;
        bridge.invoke('runtime.evaluate', { ...request, label: cellLabel(this.state.data.notebook, cellId) }).catch((error: Error) => {
          this.setNotice(`Could not evaluate: ${error.message}`);
          this.dispatch({ type: 'runtimeDown' });
        });
        return;
      }
      case 'forget':
        bridge.invoke('runtime.forget', { containerRef: action.containerRef, evaluationRef: action.evaluationRef }).catch(this.reportError);
        return;
      case 'drop':
        bridge.invoke('runtime.drop', { containerRef: action.containerRef }).catch(this.reportError);
        return;
      case 'interrupt':
        bridge.invoke('runtime.interrupt', { containerRef: action.containerRef }).catch(this.reportError);
        return;
    }
  }

  private readonly reportError = (error: Error): void => this.setNotice(error.message);

  private receiveMessages(messages: readonly RuntimeMessage[]): void {
    this.batch(() => {
      for (const message of messages) {
        if (message.type === 'response') this.noteResponse(message);
        // What a hard stop or a crash cost, said once, rather than a cell's error per lost cell.
        if (message.type === 'container_down' && message.reason !== 'dropped') {
          this.setNotice(`${message.message}. Its cells must run again: Run all brings them back.`);
        }
        const operation = operationFromRuntimeMessage(message);
        if (operation !== undefined) this.dispatch(operation);
      }
    });
  }

  /**
   * Keeps what the reducer does not: the failing line, and the end of the cell's timer. Returns
   * the cell the response is for, if it is the evaluation the session waits for.
   */
  private noteResponse(message: Extract<RuntimeMessage, { type: 'response' }>): CellId | undefined {
    const activity = this.state.data.containers.get(message.containerRef);
    if (activity?.kind !== 'evaluating' || activity.evaluation.evaluationRef !== message.evaluationRef) return undefined;
    const cellId = activity.evaluation.cellId;
    if (cellId === null) return undefined;
    const startedAt = new Map(this.state.startedAt);
    startedAt.delete(cellId);
    const location = message.result.ok ? undefined : message.result.error.location;
    const errorLocations = location ? new Map(this.state.errorLocations).set(cellId, location) : this.state.errorLocations;
    this.update({ startedAt, errorLocations });
    return cellId;
  }

  private receiveStatus(status: RuntimeStatus): void {
    this.batch(() => {
      this.update({ runtimeStatus: status });
      if (status.state === 'down' || status.state === 'disconnected') {
        this.dispatch({ type: 'runtimeDown' });
        this.update({ startedAt: new Map() });
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Editing

  insertCell(sectionId: SectionId, index: number, kind: Cell['kind'], language: 'js' | 'ts' = 'ts'): CellId {
    const id = newId('c');
    const cell: Cell =
      kind === 'code'
        ? { kind: 'code', id, language, source: '', metadata: {}, outputs: [] }
        : { kind: 'markdown', id, source: '', metadata: {} };
    this.dispatch({ type: 'insertCell', sectionId, index, cell });
    this.documentChanged();
    return id;
  }

  /**
   * A cell's source as its editor now has it. Applying it re-derives the session (digests,
   * staleness) and re-renders what shows the cell, which is wasted work on every key of a typist:
   * the source waits until typing pauses (`editSettleMs`, at most `editMaxDelayMs`), or until
   * something reads the document (`flushEdits`). The document is marked unsaved at once.
   */
  editCell(cellId: CellId, source: string): void {
    // A model set from the state (a restored cell) reports its own text back: nothing changed.
    if (!this.pendingSources.has(cellId) && findCell(this.state.data.notebook, cellId)?.cell.source === source) return;
    if (this.pendingSources.size === 0) this.pendingSince = Date.now();
    const first = !this.pendingSources.has(cellId);
    this.pendingSources.set(cellId, source);
    // The unsaved mark, and the cell's "edited" mark (which reads `pendingSource`), show at the
    // first key: one update per burst of typing, not one per key.
    if (!this.state.dirty) this.update({ dirty: true });
    else if (first) this.emit();
    clearTimeout(this.flushTimer);
    const wait = Math.max(0, Math.min(editSettleMs, this.pendingSince + editMaxDelayMs - Date.now()));
    this.flushTimer = setTimeout(() => this.flushEdits(), wait);
  }

  /** Whether something typed waits to reach the state: someone is typing. */
  hasPendingEdits(): boolean {
    return this.pendingSources.size > 0;
  }

  /** The source typed into `cellId` that the state does not show yet, if any. */
  pendingSource(cellId: CellId): string | undefined {
    return this.pendingSources.get(cellId);
  }

  /** Applies the sources typed since the last time: the state then holds the document as it is. */
  flushEdits(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pendingSources.size === 0) return;
    const edits = [...this.pendingSources];
    this.pendingSources.clear();
    this.batch(() => {
      for (const [cellId, source] of edits) {
        const place = findCell(this.state.data.notebook, cellId);
        if (place === undefined || place.cell.source === source) continue;
        this.dispatch({ type: 'editCell', cellId, source });
        this.documentChanged();
      }
    });
  }

  setLanguage(cellId: CellId, language: 'js' | 'ts'): void {
    if (this.dispatch({ type: 'setCellLanguage', cellId, language })) this.documentChanged();
  }

  /** Makes a cell Markdown or code (M and Y in command mode); it keeps the keys. */
  setCellKind(cellId: CellId, kind: Cell['kind']): void {
    if (findCell(this.state.data.notebook, cellId)?.cell.kind === kind) return;
    if (this.dispatch({ type: 'setCellKind', cellId, kind, language: firstCodeLanguage(this.state.data.notebook) })) this.documentChanged();
  }

  /** Moves a cell up or down by one, across section boundaries. */
  moveCell(cellId: CellId, direction: -1 | 1): void {
    const notebook = this.state.data.notebook;
    const place = findCell(notebook, cellId);
    if (place === undefined) return;
    const sections = flowSections(notebook);
    const sectionIndex = sections.findIndex((section) => section.id === place.section.id);
    const target = place.index + direction;
    if (target >= 0 && target < place.section.cells.length) {
      this.dispatch({ type: 'moveCell', cellId, sectionId: place.section.id, index: target });
    } else {
      const neighbour = sections[sectionIndex + direction];
      if (neighbour === undefined) return;
      this.dispatch({
        type: 'moveCell',
        cellId,
        sectionId: neighbour.id,
        index: direction < 0 ? neighbour.cells.length : 0,
      });
    }
    this.documentChanged();
  }

  /**
   * Moves a cell to just before or after another (a drag and drop), in that cell's section. The
   * reducer's index is counted without the moved cell.
   */
  moveCellBeside(cellId: CellId, targetId: CellId, position: 'before' | 'after'): void {
    if (cellId === targetId) return;
    const notebook = this.state.data.notebook;
    const moved = findCell(notebook, cellId);
    const target = findCell(notebook, targetId);
    if (moved === undefined || target === undefined) return;
    let index = target.index + (position === 'after' ? 1 : 0);
    if (moved.section.id === target.section.id && moved.index < target.index) index--;
    if (moved.section.id === target.section.id && index === moved.index) return;
    if (this.dispatch({ type: 'moveCell', cellId, sectionId: target.section.id, index })) this.documentChanged();
  }

  /** Moves a cell to the start of a section: a drop on its heading, the only target of an empty section. */
  moveCellToSection(cellId: CellId, sectionId: SectionId): void {
    const moved = findCell(this.state.data.notebook, cellId);
    if (moved === undefined || (moved.section.id === sectionId && moved.index === 0)) return;
    if (this.dispatch({ type: 'moveCell', cellId, sectionId, index: 0 })) this.documentChanged();
  }

  /** Deletes a cell into the bin; if it had the keys, its neighbour (below, else above) gets them. */
  deleteCell(cellId: CellId): void {
    const next = this.state.focus.cellId === cellId ? (this.neighbourCell(cellId, 1) ?? this.neighbourCell(cellId, -1) ?? null) : undefined;
    if (!this.dispatch({ type: 'deleteCell', cellId })) return;
    this.documentChanged();
    if (next !== undefined) this.focusCell(next, false);
  }

  /** Puts a deleted cell or section back where it was, or as near as what remains allows. */
  restore(entryId: string): void {
    if (this.dispatch({ type: 'restoreFromBin', id: entryId })) this.documentChanged();
  }

  emptyBin(): void {
    this.dispatch({ type: 'emptyBin' });
  }

  setTitle(title: string): void {
    if (title === this.state.data.notebook.title) return;
    if (this.dispatch({ type: 'renameNotebook', title })) this.documentChanged();
  }

  /** Adds a section after `afterSectionId` (or first, after the setup cells, when null). */
  addSection(afterSectionId: SectionId | null): SectionId {
    const notebook = this.state.data.notebook;
    const index = afterSectionId === null ? 0 : notebook.sections.findIndex((section) => section.id === afterSectionId) + 1;
    const section = createSection(() => newId('s'), 'New section');
    if (this.dispatch({ type: 'insertSection', index, section })) this.documentChanged();
    return section.id;
  }

  renameSection(sectionId: SectionId, title: string): void {
    if (this.dispatch({ type: 'renameSection', sectionId, title })) this.documentChanged();
  }

  /** Moves a section one place up or down among the sections (the setup cells stay first). */
  moveSection(sectionId: SectionId, direction: -1 | 1): void {
    const from = this.state.data.notebook.sections.findIndex((section) => section.id === sectionId);
    if (from === -1) return;
    if (this.dispatch({ type: 'moveSection', sectionId, index: from + direction })) this.documentChanged();
  }

  /** Deletes a section and its cells, into the bin as one entry. */
  deleteSection(sectionId: SectionId): void {
    if (this.dispatch({ type: 'deleteSection', sectionId })) this.documentChanged();
  }

  /** Whether saving (and exporting) writes the cells' outputs into the file. */
  setSaveOutputs(saveOutputs: boolean): void {
    if (saveOutputs === this.state.data.notebook.saveOutputs) return;
    if (this.dispatch({ type: 'setSaveOutputs', saveOutputs })) this.documentChanged();
  }

  clearOutputs(cellId: CellId): void {
    this.changeOutputs({ type: 'clearCellOutputs', cellId });
  }

  /**
   * An operation that changes outputs: in a notebook that saves them (every `.ipynb`), what the
   * file would hold changed, so the document has unsaved changes, as in Jupyter after a run.
   */
  private changeOutputs(operation: Operation): void {
    if (this.dispatch(operation) && this.state.data.notebook.saveOutputs) this.documentChanged();
  }

  // -------------------------------------------------------------------------------------------
  // Trust

  /** Whether `output` may render live: the session produced it, or the notebook is trusted. */
  mayRun(output: SavedOutput): boolean {
    return this.state.trusted || !this.origins.isFromFile(output);
  }

  /** Whether every output the notebook holds may run: a save of it may be remembered as trusted. */
  allOutputsMayRun(): boolean {
    return this.state.trusted || !this.origins.anyInert(this.state.data.notebook);
  }

  askToTrust(): void {
    this.update({ trustAsked: true });
  }

  /** The user's answer: trusting shows the outputs live and has the host remember the file. */
  answerTrust(trust: boolean): void {
    this.update({ trustAsked: false, ...(trust ? { trusted: true } : {}) });
    if (trust) this.bridge.invoke('document.trust').catch(this.reportError);
  }

  clearAllOutputs(): void {
    this.batch(() => {
      for (const cell of allCodeCells(this.state.data.notebook)) {
        if (cell.outputs.length > 0) this.dispatch({ type: 'clearCellOutputs', cellId: cell.id });
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Focus and folding

  focusCell(cellId: CellId | null, editing: boolean): void {
    // Leaving an editor shows what was typed in it (a Markdown cell renders its new text).
    this.flushEdits();
    this.update({ focus: { cellId, editing, request: this.state.focus.request + 1 } });
  }

  /** Notes where the DOM focus went by itself (a click), without moving it again. */
  noteFocus(cellId: CellId, editing: boolean): void {
    const { focus } = this.state;
    if (focus.cellId === cellId && focus.editing === editing) return;
    this.flushEdits();
    this.update({ focus: { ...focus, cellId, editing } });
  }

  toggleCollapsed(sectionId: SectionId): void {
    const collapsed = new Set(this.state.collapsed);
    if (!collapsed.delete(sectionId)) collapsed.add(sectionId);
    this.update({ collapsed });
  }

  /** The cell after (1) or before (-1) a cell in document order, skipping folded sections. */
  neighbourCell(cellId: CellId, direction: -1 | 1): CellId | undefined {
    const { notebook } = this.state.data;
    const ids = flowSections(notebook)
      .filter((section) => !this.state.collapsed.has(section.id))
      .flatMap((section) => section.cells.map((cell) => cell.id));
    const index = ids.indexOf(cellId);
    return index < 0 ? undefined : ids[index + direction];
  }

  /** Shift+Enter: runs a code cell (or finishes a Markdown cell) and moves to the next cell, adding one at the end. */
  runAndAdvance(cellId: CellId): void {
    const place = findCell(this.state.data.notebook, cellId);
    if (place === undefined) return;
    this.batch(() => {
      if (place.cell.kind === 'code') this.runCell(cellId);
      const next = this.neighbourCell(cellId, 1);
      if (next !== undefined) {
        this.focusCell(next, false);
        return;
      }
      const added = this.insertCell(place.section.id, place.index + 1, 'code', place.cell.kind === 'code' ? place.cell.language : 'ts');
      this.focusCell(added, true);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Evaluation

  runCell(cellId: CellId): void {
    if (!this.refusesToRun()) this.changeOutputs({ type: 'queueCellEvaluation', cellId });
  }

  runSection(sectionId: SectionId): void {
    if (!this.refusesToRun()) this.changeOutputs({ type: 'queueSectionEvaluation', sectionId });
  }

  runAll(): void {
    if (!this.refusesToRun()) this.changeOutputs({ type: 'queueAllEvaluation' });
  }

  /** A notebook whose kernel speaks another language (Python…) is never run as JavaScript: it says so instead. */
  private refusesToRun(): boolean {
    const language = foreignLanguage(this.state.data.notebook);
    if (language !== undefined) this.setNotice(kernelNotice(language));
    return language !== undefined;
  }

  /**
   * Stops one cell: a queued cell leaves the queue (with the queued cells below it, which would
   * queue it again); a running one is interrupted, which stops the queue behind it too.
   */
  stopCell(cellId: CellId): void {
    const data = this.getState().data;
    if (data.cells.get(cellId)?.queued === true) this.dispatch({ type: 'cancelQueued', cellId });
    else if (cellState(data, cellId) === 'evaluating') {
      const place = findCell(data.notebook, cellId);
      if (place !== undefined) this.dispatch({ type: 'interrupt', containerRef: place.containerRef });
    }
  }

  /** Stops everything: the queue is emptied and what runs is interrupted. */
  stop(): void {
    this.batch(() => {
      this.dispatch({ type: 'cancelQueued' });
      this.dispatch({ type: 'interrupt', containerRef: mainContainer });
    });
  }

  /** A fresh runtime; resolves once it is there (the old one's end has been heard by then). */
  restartRuntime(): Promise<void> {
    return this.bridge.invoke('runtime.restart').catch(this.reportError);
  }

  /** Starts a runtime now, rather than at the first evaluation. */
  connectRuntime(): void {
    if (this.state.data.runtime !== 'disconnected') {
      this.bridge.invoke('runtime.connect').catch(this.reportError);
      return;
    }
    this.update({ data: { ...this.state.data, runtime: 'connecting' } });
    this.perform({ type: 'connectRuntime' });
  }

  disconnectRuntime(): void {
    this.bridge.invoke('runtime.disconnect').catch(this.reportError);
  }

  // -------------------------------------------------------------------------------------------
  // The document as a file

  /** The document as the text of a file at `path` (by default its own): its format follows the extension. */
  serialize(path: string | null = this.state.path): string {
    this.flushEdits();
    return serializeNotebookText(this.state.data.notebook, path);
  }

  /** Replaces the document with one the host opened; the old runtime's evaluations no longer apply. */
  load(document: OpenedDocument, options: { readonly dirty: boolean }): void {
    const notebook = parseNotebookText(document.content, document.path);
    // What was typed belongs to the document being replaced (the user agreed to discard it).
    clearTimeout(this.flushTimer);
    this.pendingSources.clear();
    this.origins.opened(notebook);
    const running = this.state.data.runtime !== 'disconnected';
    this.update({
      data: newSessionData(notebook),
      path: document.path,
      dirty: options.dirty,
      startedAt: new Map(),
      errorLocations: new Map(),
      notice: null,
      focus: { cellId: firstCellId(notebook), editing: false, request: this.state.focus.request + 1 },
      collapsed: new Set(),
      trusted: document.trusted,
      trustAsked: false,
      loads: this.state.loads + 1,
    });
    // The runtime still holds the old document's bindings: they must not leak into this one.
    if (running) this.disconnectRuntime();
  }

  /**
   * The host wrote `saved` (the notebook as `content`, its file text) to `path`. What changed while
   * it was being written — a cell that ran, an edit — is still unsaved: the document stays dirty
   * unless it would write the same text.
   */
  markSaved(path: string, saved: Notebook, content: string): void {
    const current = this.state.data.notebook;
    const unchanged = current === saved || serializeNotebookText(current, path) === content;
    this.update({ path, dirty: !unchanged });
  }

  setNotice(notice: string | null): void {
    this.update({ notice });
  }

  setHostLost(): void {
    this.update({ hostLost: true, notice: 'Disconnected from tessera serve: restart it and reload this page. Unsaved edits since the last backup are lost.' });
  }

  // -------------------------------------------------------------------------------------------

  private updateNotebook(notebook: Notebook): void {
    this.update({ data: { ...this.state.data, notebook } });
  }

  private documentChanged(): void {
    if (!this.state.dirty) this.update({ dirty: true });
    for (const listener of this.documentListeners) listener();
  }

  /** Runs several changes and tells subscribers once. */
  batch(run: () => void): void {
    this.batching++;
    try {
      run();
    } finally {
      this.batching--;
      if (this.batching === 0 && this.changed) this.emit();
    }
  }

  private update(change: Partial<NotebookState>): void {
    this.state = { ...this.state, ...change };
    if (this.batching > 0) this.changed = true;
    else this.emit();
  }

  private emit(): void {
    this.changed = false;
    for (const listener of this.listeners) listener();
  }
}
