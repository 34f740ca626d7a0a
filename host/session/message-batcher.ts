/**
 * Runtime messages reach a renderer in batches, at most about one per frame: a cell printing
 * without pause would otherwise cost the renderer one message (and one re-render) per line. The
 * runtime already coalesces its output; this bounds the total across containers as well.
 *
 * The first message after a quiet spell goes out at once (after the current turn of the event
 * loop, to gather what arrives with it), and an urgent one — an evaluation's answer — goes out
 * with everything before it immediately: batching bounds the stream of output, it must not add a
 * frame of latency to each answer. Answers need no bound: each is one the renderer asked for.
 */

export class MessageBatcher<T> {
  private pending: T[] = [];
  private cancel: (() => void) | undefined;
  private lastFlush = -Infinity;

  constructor(
    private readonly deliver: (batch: readonly T[]) => void,
    private readonly intervalMs = 16,
  ) {}

  push(message: T, urgent = false): void {
    this.pending.push(message);
    if (urgent) return this.flush();
    if (this.cancel) return;
    const wait = this.lastFlush + this.intervalMs - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flush());
      this.cancel = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => this.flush(), wait);
      this.cancel = () => clearTimeout(timer);
    }
  }

  flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.pending.length === 0) return;
    this.lastFlush = performance.now();
    const batch = this.pending;
    this.pending = [];
    this.deliver(batch);
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.pending = [];
  }
}
