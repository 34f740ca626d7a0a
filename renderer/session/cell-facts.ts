/**
 * Facts about every code cell that come from a walk over the whole notebook: its number, as the
 * user counts code cells and as stack traces name it ("cell 3"), and whether it is up to date (a
 * cell that is not runs again on Run all or when a cell below runs). Each cell's view asks for its
 * own, at every change of the store; the walk is made once per notebook (or session data) and the
 * cells read the result.
 */

import type { CellId, Notebook } from '../../common/notebook/model.ts';
import type { SessionData } from '../../common/session/data.ts';
import { allCodeCells, containerRefs } from '../../common/session/flow.ts';
import { assessContainer, type CellStanding } from '../../common/session/staleness.ts';

const numbersByNotebook = new WeakMap<Notebook, ReadonlyMap<CellId, number>>();
const standingsByData = new WeakMap<SessionData, ReadonlyMap<CellId, CellStanding>>();

/** Each code cell's number among the code cells, from 1, in the order they run. */
export function codeCellNumbers(notebook: Notebook): ReadonlyMap<CellId, number> {
  let numbers = numbersByNotebook.get(notebook);
  if (numbers === undefined) {
    numbers = new Map(allCodeCells(notebook).map((cell, index) => [cell.id, index + 1]));
    numbersByNotebook.set(notebook, numbers);
  }
  return numbers;
}

/** How stack traces and notes name a cell: "cell 3"; "cell" for one that is gone. */
export function cellLabel(notebook: Notebook, cellId: CellId | null): string {
  const number = cellId === null ? undefined : codeCellNumbers(notebook).get(cellId);
  return number === undefined ? 'cell' : `cell ${number}`;
}

/** Whether a code cell's evaluation can be built on (see staleness.ts). */
export function isUpToDate(data: SessionData, cellId: CellId): boolean {
  let standings = standingsByData.get(data);
  if (standings === undefined) {
    standings = new Map(containerRefs(data.notebook).flatMap((containerRef) => [...assessContainer(data, containerRef)]));
    standingsByData.set(data, standings);
  }
  return standings.get(cellId)?.upToDate ?? false;
}
