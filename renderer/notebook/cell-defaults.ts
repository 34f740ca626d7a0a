import { allSections, type CellId, type Notebook } from '../../common/notebook/model.ts';

/** The language a new code cell takes: the first code cell's, else TypeScript. */
export function firstCodeLanguage(notebook: Notebook): 'js' | 'ts' {
  for (const section of allSections(notebook)) {
    for (const cell of section.cells) if (cell.kind === 'code') return cell.language;
  }
  return 'ts';
}

/** The cell that has the keys when a notebook opens, as in Jupyter: the first one. */
export function firstCellId(notebook: Notebook): CellId | null {
  return allSections(notebook).find((section) => section.cells.length > 0)?.cells[0]?.id ?? null;
}
