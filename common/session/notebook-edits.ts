/**
 * The few pure edits of the notebook document the session makes: put a cell somewhere, take one
 * out, change one. They stand in for the document operations being written in `common/notebook/`;
 * once those exist, the session should call them and this module should go.
 *
 * Callers check that ids and indexes exist first (a bad one is a rejection, decided where the
 * operation is handled); here an unknown id leaves the notebook unchanged.
 */

import type { Cell, CellId, Notebook, Section, SectionId } from '../notebook/model.ts';

function mapSections(notebook: Notebook, change: (section: Section) => Section): Notebook {
  return { ...notebook, setup: change(notebook.setup), sections: notebook.sections.map(change) };
}

export function insertCell(notebook: Notebook, sectionId: SectionId, index: number, cell: Cell): Notebook {
  return mapSections(notebook, (section) =>
    section.id === sectionId
      ? { ...section, cells: [...section.cells.slice(0, index), cell, ...section.cells.slice(index)] }
      : section,
  );
}

export function removeCell(notebook: Notebook, cellId: CellId): Notebook {
  return mapSections(notebook, (section) =>
    section.cells.some((cell) => cell.id === cellId)
      ? { ...section, cells: section.cells.filter((cell) => cell.id !== cellId) }
      : section,
  );
}

export function updateCell(notebook: Notebook, cellId: CellId, change: (cell: Cell) => Cell): Notebook {
  return mapSections(notebook, (section) =>
    section.cells.some((cell) => cell.id === cellId)
      ? { ...section, cells: section.cells.map((cell) => (cell.id === cellId ? change(cell) : cell)) }
      : section,
  );
}
