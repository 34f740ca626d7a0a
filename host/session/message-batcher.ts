/**
 * Runtime messages reach a renderer in batches, at most about one per frame: a cell printing
 * without pause would otherwise cost the renderer one message (and one re-render) per line. The
 * runtime already coalesces its output; this bounds the total across containers as well.
 */

export class MessageBatcher<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deliver: (batch: readonly T[]) => void,
    private readonly intervalMs = 16,
  ) {}

  push(message: T): void {
    this.pending.push(message);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.deliver(batch);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
