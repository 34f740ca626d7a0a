/**
 * The files code cells are to the TypeScript service, shared by the page (cell-models.ts) and the
 * worker (notebook-ts.worker.ts). Paths are given as Monaco's `Uri` prints them, the form the
 * worker sees for models, so that a cell is the same file whether it is a model or a library.
 */

/** An extra library that lists the cells' files in the notebook's order, as JSON. */
export const cellOrderPath = 'file:///tessera/cell-order.json';

/** The file a cell is; its extension tells the service which language it is. */
export function cellPath(cellId: string, language: 'js' | 'ts'): string {
  return `file:///tessera/cell-${encodeURIComponent(cellId)}.${language}`;
}
