/**
 * Collects what evaluations print and sends it to the owner coalesced and bounded: text is merged
 * per evaluation and sent at most about every 16 ms (also while a synchronous loop keeps the event
 * loop busy, since every write looks at the clock), and an evaluation that prints without end
 * sends its first `capBytes` and then one notice with the count of bytes it dropped.
 *
 * Rich outputs (`display(…)`) go in the same ordered list as text and count against the same cap.
 */

import type { ErrorDto, OutputDto, OutputMessage, OutputStream, RichOutputDto } from '../../common/protocol/runtime.ts';

/** The evaluation output is attributed to, carried through timers and promises by AsyncLocalStorage. */
export interface EvaluationTag {
  readonly evaluationRef: string;
  /** Set once the evaluation has responded: what it writes afterwards is late. */
  responded: boolean;
}

interface Account {
  readonly tag: EvaluationTag | undefined;
  pending: OutputDto[];
  /**
   * The text written since the last other output, as parts joined when it is sent: one string
   * grown by concatenation per write would cost the collector more than the writes themselves.
   */
  text: { readonly stream: OutputStream; readonly parts: string[] } | undefined;
  bytes: number;
  dropped: number;
  reportedDropped: number;
}

const flushIntervalMs = 16;

export class OutputCollector {
  private readonly accounts = new Map<EvaluationTag | undefined, Account>();
  private readonly dirty = new Set<Account>();
  /** The account written last: a loop that prints writes to one account many times over. */
  private last: Account | undefined;
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly containerRef: string,
    private readonly capBytes: number,
    private readonly post: (message: OutputMessage) => void,
  ) {}

  text(tag: EvaluationTag | undefined, stream: OutputStream, text: string): void {
    if (text.length === 0) return;
    const account = this.account(tag);
    const size = Buffer.byteLength(text);
    const room = this.capBytes - account.bytes;
    if (size > room) {
      account.dropped += size - Math.max(room, 0);
      if (room <= 0) return this.schedule(account);
      text = Buffer.from(text).subarray(0, room).toString();
    }
    account.bytes += Math.min(size, Math.max(room, 0));
    if (account.text?.stream === stream) account.text.parts.push(text);
    else {
      this.closeText(account);
      account.text = { stream, parts: [text] };
    }
    this.schedule(account);
  }

  error(tag: EvaluationTag | undefined, error: ErrorDto): void {
    const account = this.account(tag);
    this.closeText(account);
    account.pending.push({ kind: 'error', error });
    this.schedule(account);
  }

  /** A rich output; one that does not fit in what is left of the cap is dropped whole, and counted. */
  rich(tag: EvaluationTag | undefined, output: RichOutputDto): void {
    const account = this.account(tag);
    const size = Buffer.byteLength(output.data);
    if (size > this.capBytes - account.bytes) {
      account.dropped += size;
      return this.schedule(account);
    }
    account.bytes += size;
    this.closeText(account);
    account.pending.push(output);
    this.schedule(account);
  }

  /** Sends what the evaluation has pending, before its response: output never follows its response unless it is late. */
  finish(tag: EvaluationTag): void {
    const account = this.account(tag);
    this.send(account, true);
    this.dirty.delete(account);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = performance.now();
    for (const account of this.dirty) this.send(account, false);
    this.dirty.clear();
  }

  private account(tag: EvaluationTag | undefined): Account {
    const last = this.last;
    if (last !== undefined && last.tag === tag) return last;
    let account = this.accounts.get(tag);
    if (!account) {
      account = { tag, pending: [], text: undefined, bytes: 0, dropped: 0, reportedDropped: 0 };
      this.accounts.set(tag, account);
    }
    this.last = account;
    return account;
  }

  /** Ends the text being gathered: another kind of output, or a send, comes after it. */
  private closeText(account: Account): void {
    if (!account.text) return;
    account.pending.push({ kind: 'text', stream: account.text.stream, text: account.text.parts.join('') });
    account.text = undefined;
  }

  private schedule(account: Account): void {
    this.dirty.add(account);
    const elapsed = performance.now() - this.lastFlush;
    if (elapsed >= flushIntervalMs) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), flushIntervalMs - elapsed);
  }

  /**
   * The truncation notice goes out when the evaluation responds, not on every flush while it is
   * still printing; after the response, a flush reports drops that happened since.
   */
  private send(account: Account, responding: boolean): void {
    this.closeText(account);
    const outputs = account.pending;
    const settled = responding || (account.tag?.responded ?? true);
    if (settled && account.dropped > account.reportedDropped) {
      outputs.push({ kind: 'truncated', droppedBytes: account.dropped });
      account.reportedDropped = account.dropped;
    }
    if (outputs.length === 0) return;
    account.pending = [];
    this.post({
      type: 'output',
      containerRef: this.containerRef,
      evaluationRef: account.tag?.evaluationRef ?? null,
      late: account.tag?.responded ?? false,
      outputs,
    });
  }

  /** Forgets an evaluation's accounting; output it writes later starts a fresh account. */
  forget(tag: EvaluationTag): void {
    this.accounts.delete(tag);
    if (this.last !== undefined && this.last.tag === tag) this.last = undefined;
  }
}
