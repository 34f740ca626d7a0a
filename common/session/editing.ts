/**
 * Edits of the notebook through the session. The document changes only through its own pure
 * operations (common/notebook/operations.ts), which also keep the bin; a refusal there becomes the
 * session's rejection. What an edit means for evaluation — which cells go stale, what must re-run —
 * is not decided here either: it follows from the facts (staleness.ts). So after every edit the
 * session only brings its cell infos in step with the document (`followDocument`): a code cell that
 * appeared is fresh, a changed one gets its new digest, and a code cell that left the notebook has
 * its evaluation forgotten, the same way whichever edit took it out.
 */

import type { CellId, CodeCell, Notebook } from '../notebook/model.ts';
import * as edits from '../notebook/operations.ts';
import type { EditResult, Rejection } from '../notebook/operations.ts';
import type { ContainerRef } from '../protocol/runtime.ts';
import type { Action } from './actions.ts';
import {
  findPendingEvaluation,
  getCellInfo,
  newCellInfo,
  type CellInfo,
  type ContainerActivity,
  type SessionData,
} from './data.ts';
import { sourceDigest } from './digest.ts';
import { allCodeCells, containerCodeCells, containerRefs } from './flow.ts';
import type {
  ClearCellOutputsOperation,
  DeleteCellOperation,
  DeleteSectionOperation,
  EditCellOperation,
  InsertCellOperation,
  InsertSectionOperation,
  MoveCellOperation,
  MoveSectionOperation,
  RenameNotebookOperation,
  RenameSectionOperation,
  RestoreFromBinOperation,
  SetCellKindOperation,
  SetCellLanguageOperation,
  SetSaveOutputsOperation,
} from './operations.ts';
import { accept, reject, type OperationResult } from './result.ts';

/** What the session says, for each refusal an edit can meet, about the operation it refuses. */
type Refusals = Partial<Readonly<Record<Rejection, string>>>;

/**
 * The session's result for an edit of the document: a refusal becomes a rejection worded for the
 * operation; an edited notebook is followed.
 */
function edited(data: SessionData, result: EditResult, refusals: Refusals): OperationResult {
  if (!result.ok) return reject(refusals[result.reason] ?? `the notebook refused the edit: ${result.reason}`);
  return followDocument(data, result.notebook);
}

/**
 * Makes `notebook` the session's notebook and brings the cell infos in step with it. Cells are
 * immutable, so a cell that is the same object as before has not changed; only the others are
 * looked at more closely.
 *
 * A code cell that left the notebook (into the bin, with its section or alone) has its evaluation
 * forgotten: a cell below that started from it is no longer up to date (its previous evaluation is
 * not the one above it any more), so it re-runs before anything starts from it. If the cell is
 * running, the runtime is asked to stop, and the container stays busy until the evaluation
 * answers, when it is forgotten too (runtime-facts.ts).
 */
function followDocument(data: SessionData, notebook: Notebook): OperationResult {
  const before = new Map<CellId, CodeCell>(allCodeCells(data.notebook).map((cell) => [cell.id, cell]));
  let cells: Map<CellId, CellInfo> | undefined;
  const present = new Set<CellId>();
  for (const cell of allCodeCells(notebook)) {
    present.add(cell.id);
    const info = data.cells.get(cell.id);
    if (info === undefined) {
      cells ??= new Map(data.cells);
      cells.set(cell.id, newCellInfo(cell));
      continue;
    }
    if (before.get(cell.id) === cell) continue;
    // An edit of its source or language: it keeps its state with the changed mark, and cells that
    // take names from it go stale.
    const digest = sourceDigest(cell.language, cell.source);
    if (digest === info.sourceDigest) continue;
    cells ??= new Map(data.cells);
    cells.set(cell.id, { ...info, sourceDigest: digest });
  }

  const actions: Action[] = [];
  let containers: Map<ContainerRef, ContainerActivity> | undefined;
  for (const containerRef of containerRefs(data.notebook)) {
    for (const cell of containerCodeCells(data.notebook, containerRef)) {
      if (present.has(cell.id)) continue;
      const info = getCellInfo(data, cell.id);
      cells ??= new Map(data.cells);
      cells.delete(cell.id);
      if (info.evaluation !== null) {
        actions.push({ type: 'forget', containerRef, evaluationRef: info.evaluation.evaluationRef });
      }
      const pending = findPendingEvaluation(data, cell.id);
      if (pending !== undefined) {
        actions.push({ type: 'interrupt', containerRef });
        containers ??= new Map(data.containers);
        containers.set(containerRef, { kind: 'evaluating', evaluation: { ...pending, cellId: null } });
      }
    }
  }
  return accept({ ...data, notebook, cells: cells ?? data.cells, containers: containers ?? data.containers }, actions);
}

// ---------------------------------------------------------------------------------------------
// Cells

export function insertCell(data: SessionData, operation: InsertCellOperation): OperationResult {
  const { sectionId, index, cell } = operation;
  return edited(data, edits.insertCell(data.notebook, sectionId, index, cell), {
    unknown_section: `no section ${sectionId}`,
    index_out_of_range: `no index ${index} in section ${sectionId}`,
    duplicate_id: `the id ${cell.id} is taken`,
  });
}

export function editCell(data: SessionData, operation: EditCellOperation): OperationResult {
  const { cellId, source } = operation;
  return edited(data, edits.editCell(data.notebook, cellId, source), { unknown_cell: `no cell ${cellId}` });
}

export function setCellLanguage(data: SessionData, operation: SetCellLanguageOperation): OperationResult {
  const { cellId, language } = operation;
  return edited(data, edits.setCellLanguage(data.notebook, cellId, language), {
    unknown_cell: `no cell ${cellId}`,
    not_a_code_cell: `cell ${cellId} is not a code cell`,
  });
}

export function setCellKind(data: SessionData, operation: SetCellKindOperation): OperationResult {
  const { cellId, kind, language } = operation;
  return edited(data, edits.setCellKind(data.notebook, cellId, kind, language), { unknown_cell: `no cell ${cellId}` });
}

export function clearCellOutputs(data: SessionData, operation: ClearCellOutputsOperation): OperationResult {
  const { cellId } = operation;
  return edited(data, edits.setCellOutputs(data.notebook, cellId, []), {
    unknown_cell: `no cell ${cellId}`,
    not_a_code_cell: `cell ${cellId} is not a code cell`,
  });
}

export function deleteCell(data: SessionData, operation: DeleteCellOperation): OperationResult {
  const { cellId } = operation;
  return edited(data, edits.deleteCell(data.notebook, cellId), { unknown_cell: `no cell ${cellId}` });
}

export function moveCell(data: SessionData, operation: MoveCellOperation): OperationResult {
  const { cellId, sectionId, index } = operation;
  // Every section is in the main container today. When a move can cross containers, the cell's
  // evaluation will have to be forgotten in the container it leaves.
  return edited(data, edits.moveCell(data.notebook, cellId, sectionId, index), {
    unknown_cell: `no cell ${cellId}`,
    unknown_section: `no section ${sectionId}`,
    index_out_of_range: `no index ${index} in section ${sectionId}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Sections

export function insertSection(data: SessionData, operation: InsertSectionOperation): OperationResult {
  const { index, section } = operation;
  return edited(data, edits.insertSection(data.notebook, index, section), {
    index_out_of_range: `no index ${index} among the sections`,
    duplicate_id: `an id of section ${section.id} or of its cells is taken`,
  });
}

export function deleteSection(data: SessionData, operation: DeleteSectionOperation): OperationResult {
  const { sectionId } = operation;
  return edited(data, edits.deleteSection(data.notebook, sectionId), {
    unknown_section: `no section ${sectionId}`,
    setup_section: 'the setup section cannot be deleted',
  });
}

export function moveSection(data: SessionData, operation: MoveSectionOperation): OperationResult {
  const { sectionId, index } = operation;
  return edited(data, edits.moveSection(data.notebook, sectionId, index), {
    unknown_section: `no section ${sectionId}`,
    setup_section: 'the setup section cannot be moved',
    index_out_of_range: `no index ${index} among the sections`,
  });
}

export function renameSection(data: SessionData, operation: RenameSectionOperation): OperationResult {
  const { sectionId, title } = operation;
  return edited(data, edits.renameSection(data.notebook, sectionId, title), {
    unknown_section: `no section ${sectionId}`,
    setup_section: 'the setup section has no title',
  });
}

// ---------------------------------------------------------------------------------------------
// The bin and the notebook itself

export function restoreFromBin(data: SessionData, operation: RestoreFromBinOperation): OperationResult {
  const { id } = operation;
  return edited(data, edits.restoreFromBin(data.notebook, id), { not_in_bin: `nothing with id ${id} in the bin` });
}

export function emptyBin(data: SessionData): OperationResult {
  return followDocument(data, edits.emptyBin(data.notebook));
}

export function renameNotebook(data: SessionData, operation: RenameNotebookOperation): OperationResult {
  return followDocument(data, edits.renameNotebook(data.notebook, operation.title));
}

export function setSaveOutputs(data: SessionData, operation: SetSaveOutputsOperation): OperationResult {
  return followDocument(data, edits.setSaveOutputs(data.notebook, operation.saveOutputs));
}
