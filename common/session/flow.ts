/**
 * Where cells stand in the order of evaluation. A container is a worker in the runtime with its own
 * chain of evaluations; each code cell belongs to exactly one, and within it cells run top to
 * bottom, every one starting from the bindings of the code cell above it.
 *
 * Today the notebook's whole main flow — the setup cells, then every section in order — is one
 * container, `main`. Everything else asks `containerOf`, so that branching sections (Livebook's
 * sections that run in their own container) need a change here and nowhere else.
 *
 * Finding parts is the document's business (common/notebook/operations.ts); this module only adds
 * the container a part evaluates in.
 */

import { allSections, type CellId, type CodeCell, type Notebook, type Section, type SectionId } from '../notebook/model.ts';
import {
  findCellPlace,
  findSection as findDocumentSection,
  type CellPlace as DocumentCellPlace,
} from '../notebook/operations.ts';
import type { ContainerRef } from '../protocol/runtime.ts';

export const mainContainer: ContainerRef = 'main';

/** The container a section's cells evaluate in. Every section is in the main flow today. */
export function containerOf(_section: Section): ContainerRef {
  return mainContainer;
}

/** The setup cells, then every section, in document order. */
export function flowSections(notebook: Notebook): readonly Section[] {
  return allSections(notebook);
}

export function findSection(notebook: Notebook, sectionId: SectionId): Section | undefined {
  return findDocumentSection(notebook, sectionId);
}

/** Where a cell is in the document, and the container it evaluates in. */
export interface CellPlace extends DocumentCellPlace {
  readonly containerRef: ContainerRef;
}

export function findCell(notebook: Notebook, cellId: CellId): CellPlace | undefined {
  const place = findCellPlace(notebook, cellId);
  return place === undefined ? undefined : { ...place, containerRef: containerOf(place.section) };
}

/** Every container that some section evaluates in, in document order. */
export function containerRefs(notebook: Notebook): readonly ContainerRef[] {
  return [...new Set(flowSections(notebook).map(containerOf))];
}

/** A container's code cells in the order they evaluate: the chain that prev evaluations follow. */
export function containerCodeCells(notebook: Notebook, containerRef: ContainerRef): readonly CodeCell[] {
  return flowSections(notebook)
    .filter((section) => containerOf(section) === containerRef)
    .flatMap((section) => section.cells.filter((cell): cell is CodeCell => cell.kind === 'code'));
}

/** Every code cell of the notebook, in document order. */
export function allCodeCells(notebook: Notebook): readonly CodeCell[] {
  return flowSections(notebook).flatMap((section) =>
    section.cells.filter((cell): cell is CodeCell => cell.kind === 'code'),
  );
}
