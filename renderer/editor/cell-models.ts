/**
 * What the TypeScript service knows of the notebook's code cells. Every code cell is a file of one
 * program, which is what makes a name declared in one cell complete and hover with its inferred
 * type in the cells below; the worker gives each cell the names of the cells above it, in the
 * order it is told (see notebook-ts.worker.ts). A cell with a live editor is a Monaco model, the editor's copy of its source;
 * every other cell is an extra library of the service: the same file to the program, at none of a
 * model's cost on the page (a thousand models take a long moment to create, and their listeners
 * trip Monaco's leak warnings).
 *
 * A model outlives its editor while it is among the `idleModelLimit` most recently used, so that
 * scrolling back and forth does not move cells between models and libraries: every such move makes
 * the service check the open editors again.
 *
 * Edits flow model → store, whether typed into an editor or made by a rename in another cell:
 * a model Monaco creates for a cell's file (to show a definition, or to rename in a cell without
 * an editor) is taken in as the cell's, so its edits reach the store too. The store's source flows
 * back into a model only when it differs and nothing typed into the cell is pending (a cell
 * restored from the bin, a document opened), so typing never round-trips.
 */

import type { CellId, CodeCell } from '../../common/notebook/model.ts';
import { allCodeCells, findCell } from '../../common/session/flow.ts';
import type { NotebookStore } from '../session/notebook-store.ts';
import { cellOrderPath, cellPath } from './cell-files.ts';
import type { MonacoModule } from './load-monaco.ts';

type Model = ReturnType<MonacoModule['monaco']['editor']['createModel']>;

/** Models kept for cells whose editors have gone (see above); well under Monaco's leak warnings. */
const idleModelLimit = 24;

interface ModelEntry {
  readonly model: Model;
  /** Pass the model's edits on to the store, and forget it if someone else disposes of it. */
  readonly listeners: readonly { dispose(): void }[];
  readonly language: CodeCell['language'];
  /** The store's source the model was last brought in step with. */
  source: string;
  /** Editors showing it. */
  users: number;
}

interface LibraryEntry {
  readonly source: string;
  readonly language: CodeCell['language'];
  readonly remove: () => void;
}

export class CellModels {
  private module: MonacoModule | undefined;
  /** In order of last use, least recent first. */
  private readonly models = new Map<CellId, ModelEntry>();
  private readonly libraries = new Map<CellId, LibraryEntry>();
  private syncedNotebook: unknown;
  private order: { readonly paths: string; readonly remove: () => void } | undefined;
  /** Each cell's file by language and id (see `path`). */
  private readonly paths = new Map<string, string>();
  /** Whether the model being created is one `acquire` makes, not one of Monaco's. */
  private creating = false;

  constructor(private readonly store: NotebookStore) {}

  /** Once Monaco is loaded: every code cell becomes a file of the program, and follows the store. */
  connect(module: MonacoModule): void {
    this.module = module;
    this.sync();
    this.store.subscribe(() => this.sync());
    module.monaco.editor.onDidCreateModel((model) => this.adoptCreated(model));
  }

  /** The model for an editor about to show `cell`; `release` it when the editor goes. */
  acquire(cell: CodeCell): Model {
    const module = this.module;
    if (module === undefined) throw new Error('CellModels.acquire before Monaco was connected');
    let entry = this.models.get(cell.id);
    if (entry !== undefined && entry.language !== cell.language) {
      this.dropModel(cell.id, entry);
      entry = undefined;
    }
    if (entry === undefined) {
      const uri = module.monaco.Uri.parse(this.path(cell.id, cell.language));
      // Every cell is a `typescript` model; the extension tells the service which language it is.
      const source = this.store.pendingSource(cell.id) ?? cell.source;
      this.creating = true;
      try {
        entry = this.adopt(cell, module.monaco.editor.createModel(source, 'typescript', uri));
      } finally {
        this.creating = false;
      }
    }
    entry.users++;
    this.models.delete(cell.id);
    this.models.set(cell.id, entry);
    return entry.model;
  }

  /** Makes `model` the cell's: its edits go to the store, and the cell is no library any more. */
  private adopt(cell: CodeCell, model: Model): ModelEntry {
    this.dropLibrary(cell.id);
    const entry: ModelEntry = {
      model,
      listeners: [
        model.onDidChangeContent(() => this.store.editCell(cell.id, model.getValue())),
        model.onWillDispose(() => {
          this.models.delete(cell.id);
          this.setLibrary(cell.id, cell.language, this.store.pendingSource(cell.id) ?? model.getValue());
        }),
      ],
      language: cell.language,
      source: cell.source,
      users: 0,
    };
    this.models.set(cell.id, entry);
    return entry;
  }

  /** The code cell whose file `path` is. */
  cellAt(path: string): CodeCell | undefined {
    return allCodeCells(this.store.getState().data.notebook).find((cell) => this.path(cell.id, cell.language) === path);
  }

  /** A model Monaco created for a cell's file, which it edits like any other (see above). */
  private adoptCreated(model: Model): void {
    if (this.creating) return;
    const cell = this.cellAt(model.uri.toString());
    if (cell === undefined || this.models.has(cell.id)) return;
    this.adopt(cell, model);
    this.evictIdleModels();
  }

  release(cellId: CellId): void {
    const entry = this.models.get(cellId);
    if (entry !== undefined) entry.users = Math.max(0, entry.users - 1);
    // The cell shows its static source now: what was typed in it must be in the store.
    this.store.flushEdits();
    this.evictIdleModels();
  }

  /** Brings models and libraries in step with the store's notebook. */
  private sync(): void {
    const module = this.module;
    const notebook = this.store.getState().data.notebook;
    if (module === undefined || notebook === this.syncedNotebook) return;
    this.syncedNotebook = notebook;
    const present = new Set<CellId>();
    const paths: string[] = [];
    for (const cell of allCodeCells(notebook)) {
      present.add(cell.id);
      paths.push(this.path(cell.id, cell.language));
      const entry = this.models.get(cell.id);
      if (entry === undefined) {
        this.setLibrary(cell.id, cell.language, cell.source);
      } else if (entry.language === cell.language && entry.source !== cell.source && this.store.pendingSource(cell.id) === undefined) {
        // A language change is not taken here: the editor remounts, and acquires a new model.
        entry.source = cell.source;
        if (entry.model.getValue() !== cell.source) entry.model.setValue(cell.source);
      }
    }
    for (const [cellId, entry] of this.models) if (!present.has(cellId)) this.dropModel(cellId, entry);
    for (const cellId of this.libraries.keys()) if (!present.has(cellId)) this.dropLibrary(cellId);
    this.setOrder(JSON.stringify(paths));
  }

  private setOrder(paths: string): void {
    if (this.order?.paths === paths) return;
    this.order?.remove();
    const library = this.module?.typescriptDefaults.addExtraLib(paths, cellOrderPath);
    this.order = library && { paths, remove: () => library.dispose() };
  }

  /**
   * The cell's file, as Monaco prints its `Uri`: the name the worker knows it by. Kept once made:
   * every change of the notebook (each batch of output too) lists every cell's file.
   */
  private path(cellId: CellId, language: CodeCell['language']): string {
    const module = this.module;
    if (module === undefined) throw new Error('CellModels used before Monaco was connected');
    const key = `${language}:${cellId}`;
    let path = this.paths.get(key);
    if (path === undefined) {
      path = module.monaco.Uri.parse(cellPath(cellId, language)).toString();
      this.paths.set(key, path);
    }
    return path;
  }

  /** Turns the least recently used models no editor shows, past the limit, back into libraries. */
  private evictIdleModels(): void {
    const idle = [...this.models].filter(([, entry]) => entry.users === 0);
    for (const [cellId, entry] of idle.slice(0, Math.max(0, idle.length - idleModelLimit))) {
      const cell = findCell(this.store.getState().data.notebook, cellId)?.cell;
      this.dropModel(cellId, entry);
      if (cell?.kind === 'code') this.setLibrary(cellId, cell.language, cell.source);
    }
  }

  private setLibrary(cellId: CellId, language: CodeCell['language'], source: string): void {
    const current = this.libraries.get(cellId);
    if (current?.source === source && current.language === language) return;
    current?.remove();
    const library = this.module?.typescriptDefaults.addExtraLib(source, this.path(cellId, language));
    if (library !== undefined) this.libraries.set(cellId, { source, language, remove: () => library.dispose() });
  }

  private dropLibrary(cellId: CellId): void {
    this.libraries.get(cellId)?.remove();
    this.libraries.delete(cellId);
  }

  private dropModel(cellId: CellId, entry: ModelEntry): void {
    for (const listener of entry.listeners) listener.dispose();
    entry.model.dispose();
    this.models.delete(cellId);
  }
}
