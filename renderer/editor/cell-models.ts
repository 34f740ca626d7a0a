/**
 * One Monaco model per code cell, for every code cell of the notebook and not only those with an
 * editor: the TypeScript service sees the cells' models as the files of one program, which is what
 * makes a name declared in one cell complete and hover with its inferred type in another.
 *
 * The model is the editor's copy of the source. Edits flow editor → model → store; the store's
 * source flows back into the model only when it differs (a cell restored from the bin, a document
 * opened), so typing never round-trips.
 */

import type { CellId, CodeCell, Notebook } from '../../common/notebook/model.ts';
import { allCodeCells } from '../../common/session/flow.ts';
import type { Monaco } from './monaco.ts';

type Model = ReturnType<Monaco['editor']['createModel']>;

interface Entry {
  readonly model: Model;
  readonly language: CodeCell['language'];
  /** The source the model was last synced with, compared by value before touching the model. */
  source: string;
}

export class CellModels {
  private readonly entries = new Map<CellId, Entry>();

  constructor(private readonly monaco: Monaco) {}

  get(cellId: CellId): Model | undefined {
    return this.entries.get(cellId)?.model;
  }

  /** Brings the models in step with the notebook's code cells. */
  sync(notebook: Notebook): void {
    const present = new Set<CellId>();
    for (const cell of allCodeCells(notebook)) {
      present.add(cell.id);
      const entry = this.entries.get(cell.id);
      if (entry !== undefined && entry.language === cell.language) {
        if (entry.source !== cell.source) {
          entry.source = cell.source;
          if (entry.model.getValue() !== cell.source) entry.model.setValue(cell.source);
        }
        continue;
      }
      entry?.model.dispose();
      // Every cell is a `typescript` model; the extension tells the service which language it is.
      const uri = this.monaco.Uri.parse(`file:///tessera/cell-${cell.id}.${cell.language}`);
      this.monaco.editor.getModel(uri)?.dispose();
      const model = this.monaco.editor.createModel(cell.source, 'typescript', uri);
      this.entries.set(cell.id, { model, language: cell.language, source: cell.source });
    }
    for (const [cellId, entry] of this.entries) {
      if (present.has(cellId)) continue;
      entry.model.dispose();
      this.entries.delete(cellId);
    }
  }

  /** Records that the model's text is now the cell's source (an edit made in the editor). */
  noteEdited(cellId: CellId, source: string): void {
    const entry = this.entries.get(cellId);
    if (entry !== undefined) entry.source = source;
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.model.dispose();
    this.entries.clear();
  }
}
