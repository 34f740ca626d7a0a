/**
 * Ids come from a function the caller passes in, never from hidden global state: the renderer
 * passes a random generator (it has `crypto`), tests and benchmarks pass a counter, and every
 * function that makes an id says so by taking a `NewId`.
 */

/**
 * Returns a new id. Readers of files ask again when it returns an id the file already uses;
 * edits reject a cell or section whose id is taken (`duplicate_id`).
 */
export type NewId = () => string;

/** Ids `prefix1`, `prefix2`, …: deterministic, for tests, samples and benchmarks. */
export function sequentialIds(prefix: string): NewId {
  let count = 0;
  return () => `${prefix}${++count}`;
}
