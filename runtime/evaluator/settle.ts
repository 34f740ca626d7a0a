/**
 * Waiting for what evaluations left running — a timer, an interval, a server, a child process —
 * so that an owner about to end the runtime (`tessera run` after its last cell) does not cut off
 * output that is still to come. Node's own list of active resources is the measure, less what the
 * runtime's worker holds itself (its message port; its memory report is unref'd, and output is
 * flushed first), so whatever is left was started by user code.
 */

const pollMs = 10;

/**
 * Resolves with what is still pending — Node's resource types, one entry per resource, plus
 * `evaluation` while one runs — once nothing is, or when `timeoutMs` has passed.
 */
export function settle(timeoutMs: number, own: readonly string[], evaluating: () => boolean, flush: () => void): Promise<string[]> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve) => {
    // Looked at from an immediate, where the poll's own timer no longer counts as active.
    const look = () => {
      flush();
      const pending = [...(evaluating() ? ['evaluation'] : []), ...without(process.getActiveResourcesInfo(), own)];
      if (pending.length === 0 || performance.now() >= deadline) resolve(pending);
      else setTimeout(() => setImmediate(look), pollMs);
    };
    setImmediate(look);
  });
}

/** `all` less one entry for each entry of `some`. */
function without(all: readonly string[], some: readonly string[]): string[] {
  const rest = [...all];
  for (const entry of some) {
    const index = rest.indexOf(entry);
    if (index >= 0) rest.splice(index, 1);
  }
  return rest;
}
