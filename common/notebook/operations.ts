/**
 * Edits of the notebook document, as pure functions: each returns a new notebook, or a rejection
 * when the edit is impossible (an unknown id, an index past the end). A rejection is an ordinary
 * value, because two edits can race (a cell deleted in one place while it is moved in another);
 * exceptions are left for bugs, such as `getCell` asked for a cell its caller knows exists.
 *
 * Deleting puts the cell or section in the notebook's bin, from which it can be restored where it
 * was. New cells and sections get their ids from a `NewId` the caller passes, never from hidden
 * state, so these functions stay deterministic.
 */

import type { Language } from '../protocol/runtime.ts';
import type { NewId } from './ids.ts';
import {
  allSections,
  normalizeLineBreaks,
  normalizeTitle,
  type BinEntry,
  type Cell,
  type CellId,
  type CodeCell,
  type MarkdownCell,
  type Notebook,
  type SavedOutput,
  type Section,
  type SectionId,
} from './model.ts';

/** Why an edit could not be made. */
export type Rejection =
  | 'unknown_cell'
  | 'unknown_section'
  | 'index_out_of_range'
  | 'duplicate_id'
  | 'not_a_code_cell'
  | 'setup_section'
  | 'not_in_bin';

export type EditResult =
  | { readonly ok: true; readonly notebook: Notebook }
  | { readonly ok: false; readonly reason: Rejection };

function accept(notebook: Notebook): EditResult {
  return { ok: true, notebook };
}

function reject(reason: Rejection): EditResult {
  return { ok: false, reason };
}

// ---------------------------------------------------------------------------------------------
// Making new parts

export function createNotebook(newId: NewId, title = ''): Notebook {
  return {
    title: normalizeTitle(title),
    setup: { id: newId(), title: '', cells: [], metadata: {} },
    sections: [],
    metadata: {},
    saveOutputs: false,
  };
}

export function createMarkdownCell(newId: NewId, source = ''): MarkdownCell {
  return { kind: 'markdown', id: newId(), source: normalizeLineBreaks(source), metadata: {} };
}

export function createCodeCell(newId: NewId, language: Language, source = ''): CodeCell {
  return { kind: 'code', id: newId(), language, source: normalizeLineBreaks(source), metadata: {}, outputs: [] };
}

export function createSection(newId: NewId, title: string): Section {
  return { id: newId(), title: normalizeTitle(title), cells: [], metadata: {} };
}

// ---------------------------------------------------------------------------------------------
// Finding parts

/** Where a cell is: its section and its index there. */
export interface CellPlace {
  readonly cell: Cell;
  readonly section: Section;
  readonly index: number;
}

export function findSection(notebook: Notebook, sectionId: SectionId): Section | undefined {
  return allSections(notebook).find((section) => section.id === sectionId);
}

/** Like `findSection`, for a caller that knows the section exists: a missing one is a bug. */
export function getSection(notebook: Notebook, sectionId: SectionId): Section {
  const section = findSection(notebook, sectionId);
  if (section === undefined) throw new Error(`No section ${sectionId} in the notebook`);
  return section;
}

export function findCellPlace(notebook: Notebook, cellId: CellId): CellPlace | undefined {
  for (const section of allSections(notebook)) {
    const index = section.cells.findIndex((cell) => cell.id === cellId);
    const cell = section.cells[index];
    if (cell !== undefined) return { cell, section, index };
  }
  return undefined;
}

export function findCell(notebook: Notebook, cellId: CellId): Cell | undefined {
  return findCellPlace(notebook, cellId)?.cell;
}

/** Like `findCell`, for a caller that knows the cell exists: a missing one is a bug. */
export function getCell(notebook: Notebook, cellId: CellId): Cell {
  const cell = findCell(notebook, cellId);
  if (cell === undefined) throw new Error(`No cell ${cellId} in the notebook`);
  return cell;
}

/** Every id in use: cells, sections, and what is in the bin (it may come back). */
function usedIds(notebook: Notebook): Set<string> {
  const ids = new Set<string>();
  const addSection = (section: Section): void => {
    ids.add(section.id);
    for (const cell of section.cells) ids.add(cell.id);
  };
  allSections(notebook).forEach(addSection);
  for (const entry of notebook.bin ?? []) {
    if (entry.kind === 'cell') ids.add(entry.cell.id);
    else addSection(entry.section);
  }
  return ids;
}

function replaceSection(notebook: Notebook, section: Section): Notebook {
  if (section.id === notebook.setup.id) return { ...notebook, setup: section };
  return { ...notebook, sections: notebook.sections.map((old) => (old.id === section.id ? section : old)) };
}

function insertAt<T>(items: readonly T[], index: number, item: T): readonly T[] {
  return [...items.slice(0, index), item, ...items.slice(index)];
}

function withoutIndex<T>(items: readonly T[], index: number): readonly T[] {
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

function isIndexIn(index: number, length: number): boolean {
  return Number.isInteger(index) && index >= 0 && index <= length;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** Puts `cell` at `index` (0 to the number of cells) of a section. */
export function insertCell(notebook: Notebook, sectionId: SectionId, index: number, cell: Cell): EditResult {
  const section = findSection(notebook, sectionId);
  if (section === undefined) return reject('unknown_section');
  if (!isIndexIn(index, section.cells.length)) return reject('index_out_of_range');
  if (usedIds(notebook).has(cell.id)) return reject('duplicate_id');
  return accept(replaceSection(notebook, { ...section, cells: insertAt(section.cells, index, cell) }));
}

/** Takes a cell out of its section and puts it in the bin, remembering where it was. */
export function deleteCell(notebook: Notebook, cellId: CellId): EditResult {
  const place = findCellPlace(notebook, cellId);
  if (place === undefined) return reject('unknown_cell');
  const { cell, section, index } = place;
  const entry: BinEntry = { kind: 'cell', cell, sectionId: section.id, index };
  const emptied = replaceSection(notebook, { ...section, cells: withoutIndex(section.cells, index) });
  return accept({ ...emptied, bin: [entry, ...(notebook.bin ?? [])] });
}

/**
 * Moves a cell to `index` of a section (possibly another one), the index counted without the cell
 * itself: moving a cell to index 0 of its own section makes it the first.
 */
export function moveCell(notebook: Notebook, cellId: CellId, sectionId: SectionId, index: number): EditResult {
  const place = findCellPlace(notebook, cellId);
  if (place === undefined) return reject('unknown_cell');
  if (findSection(notebook, sectionId) === undefined) return reject('unknown_section');
  const removed = replaceSection(notebook, {
    ...place.section,
    cells: withoutIndex(place.section.cells, place.index),
  });
  const target = getSection(removed, sectionId);
  if (!isIndexIn(index, target.cells.length)) return reject('index_out_of_range');
  return accept(replaceSection(removed, { ...target, cells: insertAt(target.cells, index, place.cell) }));
}

function changeCell(notebook: Notebook, cellId: CellId, change: (cell: Cell) => Cell | Rejection): EditResult {
  const place = findCellPlace(notebook, cellId);
  if (place === undefined) return reject('unknown_cell');
  const changed = change(place.cell);
  if (typeof changed === 'string') return reject(changed);
  const cells = place.section.cells.map((cell, index) => (index === place.index ? changed : cell));
  return accept(replaceSection(notebook, { ...place.section, cells }));
}

/** Replaces a cell's source; `\r\n` and `\r` line breaks become `\n`. */
export function editCell(notebook: Notebook, cellId: CellId, source: string): EditResult {
  return changeCell(notebook, cellId, (cell) => ({ ...cell, source: normalizeLineBreaks(source) }));
}

export function setCellLanguage(notebook: Notebook, cellId: CellId, language: Language): EditResult {
  return changeCell(notebook, cellId, (cell) => (cell.kind === 'code' ? { ...cell, language } : 'not_a_code_cell'));
}

/**
 * Makes a cell Markdown or code (Jupyter's M and Y), in its place, with its id, source and metadata;
 * a code cell it becomes takes `language`, and a Markdown cell has no outputs to keep.
 */
export function setCellKind(notebook: Notebook, cellId: CellId, kind: Cell['kind'], language: Language): EditResult {
  return changeCell(notebook, cellId, (cell) => {
    if (cell.kind === kind) return cell;
    const { id, source, metadata } = cell;
    return kind === 'code' ? { kind, id, language, source, metadata, outputs: [] } : { kind, id, source, metadata };
  });
}

/** Replaces a code cell's outputs (those that the file keeps when the notebook saves outputs). */
export function setCellOutputs(notebook: Notebook, cellId: CellId, outputs: readonly SavedOutput[]): EditResult {
  return changeCell(notebook, cellId, (cell) => (cell.kind === 'code' ? { ...cell, outputs } : 'not_a_code_cell'));
}

/** Sets the Jupyter execution count of a code cell (`executionCount` in model.ts). */
export function setExecutionCount(notebook: Notebook, cellId: CellId, executionCount: number): EditResult {
  return changeCell(notebook, cellId, (cell) => (cell.kind === 'code' ? { ...cell, executionCount } : 'not_a_code_cell'));
}

// ---------------------------------------------------------------------------------------------
// Sections

/** Puts a titled section at `index` (0 to the number of titled sections), after the setup cells. */
export function insertSection(notebook: Notebook, index: number, section: Section): EditResult {
  if (!isIndexIn(index, notebook.sections.length)) return reject('index_out_of_range');
  const used = usedIds(notebook);
  const ids = [section.id, ...section.cells.map((cell) => cell.id)];
  if (ids.some((id) => used.has(id)) || new Set(ids).size !== ids.length) return reject('duplicate_id');
  return accept({ ...notebook, sections: insertAt(notebook.sections, index, section) });
}

/** Puts a titled section, with its cells, in the bin. The setup section cannot be deleted. */
export function deleteSection(notebook: Notebook, sectionId: SectionId): EditResult {
  if (sectionId === notebook.setup.id) return reject('setup_section');
  const index = notebook.sections.findIndex((section) => section.id === sectionId);
  const section = notebook.sections[index];
  if (section === undefined) return reject('unknown_section');
  const entry: BinEntry = { kind: 'section', section, index };
  return accept({ ...notebook, sections: withoutIndex(notebook.sections, index), bin: [entry, ...(notebook.bin ?? [])] });
}

/** Moves a titled section to `index` among the titled sections, counted without the section itself. */
export function moveSection(notebook: Notebook, sectionId: SectionId, index: number): EditResult {
  if (sectionId === notebook.setup.id) return reject('setup_section');
  const from = notebook.sections.findIndex((section) => section.id === sectionId);
  const section = notebook.sections[from];
  if (section === undefined) return reject('unknown_section');
  const rest = withoutIndex(notebook.sections, from);
  if (!isIndexIn(index, rest.length)) return reject('index_out_of_range');
  return accept({ ...notebook, sections: insertAt(rest, index, section) });
}

/** Renames a titled section; the title is made one trimmed line. The setup section has no title. */
export function renameSection(notebook: Notebook, sectionId: SectionId, title: string): EditResult {
  if (sectionId === notebook.setup.id) return reject('setup_section');
  const section = notebook.sections.find((candidate) => candidate.id === sectionId);
  if (section === undefined) return reject('unknown_section');
  return accept(replaceSection(notebook, { ...section, title: normalizeTitle(title) }));
}

// ---------------------------------------------------------------------------------------------
// The notebook itself

/** Sets the `#` title; it is made one trimmed line, and an empty title writes no heading. */
export function renameNotebook(notebook: Notebook, title: string): Notebook {
  return { ...notebook, title: normalizeTitle(title) };
}

export function setSaveOutputs(notebook: Notebook, saveOutputs: boolean): Notebook {
  return { ...notebook, saveOutputs };
}

// ---------------------------------------------------------------------------------------------
// The bin

/** The id of the cell or section a bin entry holds: what `restoreFromBin` takes. */
export function binnedId(entry: BinEntry): string {
  return entry.kind === 'cell' ? entry.cell.id : entry.section.id;
}

/**
 * Takes a cell or section out of the bin and puts it back where it was, or as near as the notebook
 * now allows: a cell whose section is gone goes to the setup section, and an index past the end
 * becomes the end.
 */
export function restoreFromBin(notebook: Notebook, id: CellId | SectionId): EditResult {
  const bin = notebook.bin ?? [];
  const entry = bin.find((candidate) => binnedId(candidate) === id);
  if (entry === undefined) return reject('not_in_bin');
  const rest: Notebook = { ...notebook, bin: bin.filter((candidate) => candidate !== entry) };
  if (entry.kind === 'section') {
    const index = Math.min(entry.index, rest.sections.length);
    return accept({ ...rest, sections: insertAt(rest.sections, index, entry.section) });
  }
  const section = findSection(rest, entry.sectionId) ?? rest.setup;
  const index = Math.min(entry.index, section.cells.length);
  return accept(replaceSection(rest, { ...section, cells: insertAt(section.cells, index, entry.cell) }));
}

/** Forgets everything in the bin. */
export function emptyBin(notebook: Notebook): Notebook {
  return { ...notebook, bin: [] };
}
