/**
 * The runtime protocol: what an owner (a session host, the CLI, a test) says to a runtime process,
 * and what the runtime says back. It carries Livebook's `Runtime` protocol into TypeScript:
 * evaluations live in containers, and each evaluation starts from the bindings of exactly one
 * previous evaluation in the same container (or from nothing), so re-running a cell sees the
 * notebook above it and never state that a later cell created.
 *
 * Every message is structured-clone data tagged by `type`. Requests are asynchronous: an
 * `evaluate` request is answered by any number of `output` messages and then exactly one
 * `response`; output may keep coming after it (a timer the cell scheduled), marked `late`.
 */

export type Language = 'js' | 'ts';

/** Names a container: a worker in the runtime whose evaluations share nothing with other containers. */
export type ContainerRef = string;

/** Names one evaluation, chosen by the owner; unique within its container. */
export type EvaluationRef = string;

/** Settings for a whole runtime process, sent with `connect`. */
export interface RuntimeOptions {
  /** Heap limit of each container's worker, in MiB. A cell that exceeds it ends its container. */
  readonly containerHeapLimitMb: number;
  /** How often the runtime reports its memory, in ms (0: never). */
  readonly memoryIntervalMs: number;
  /** How long a cooperative interrupt may take before the container's worker is terminated, in ms. */
  readonly interruptGraceMs: number;
  /** Bytes of output one evaluation may send; the rest is counted and reported once. */
  readonly outputCapBytes: number;
}

export const defaultRuntimeOptions: RuntimeOptions = {
  containerHeapLimitMb: 4096,
  memoryIntervalMs: 2000,
  interruptGraceMs: 2000,
  outputCapBytes: 10 * 1024 * 1024,
};

export interface EvaluateOptions {
  readonly language: Language;
  /**
   * The notebook's folder: `import` and `require()` resolve from it, `__dirname` names it, and the
   * runtime process works in it, so relative file paths read files beside the notebook.
   */
  readonly notebookDir: string;
  /** The notebook's file, once it has one: `import.meta.url` and `import.meta.filename` name it. */
  readonly notebookFile?: string;
  /** How the cell is named in stack traces, e.g. `cell 3`; defaults to the evaluation ref. */
  readonly label?: string;
}

// ---------------------------------------------------------------------------------------------
// Requests: owner → runtime

/** First message after the process starts. Answered by `ready`. */
export interface ConnectRequest {
  readonly type: 'connect';
  readonly options: RuntimeOptions;
}

/**
 * Evaluates `code` in `containerRef` (created on first use), starting from the bindings of
 * `prevEvaluationRef` (or from nothing when null). Answered by `output` messages and one `response`.
 * A container runs its evaluations one at a time, in the order they arrive.
 */
export interface EvaluateRequest {
  readonly type: 'evaluate';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
  readonly prevEvaluationRef: EvaluationRef | null;
  readonly code: string;
  readonly options: EvaluateOptions;
}

/** Drops one evaluation's scope so that its memory can be collected. No answer. */
export interface ForgetRequest {
  readonly type: 'forget';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
}

/** Ends a container and everything it holds. Answered by `container_down` with reason `dropped`. */
export interface DropRequest {
  readonly type: 'drop';
  readonly containerRef: ContainerRef;
}

/**
 * Stops what the container is running: first cooperatively (the evaluation fails with an
 * `InterruptError` and the container keeps its bindings), then, after the grace period, by ending
 * the container (`container_down` with reason `interrupted`).
 */
export interface InterruptRequest {
  readonly type: 'interrupt';
  readonly containerRef: ContainerRef;
}

/** Heartbeat. Answered by `pong` with the same id; a runtime that stops answering is killed. */
export interface PingRequest {
  readonly type: 'ping';
  readonly id: number;
}

/**
 * Waits, at most `timeoutMs`, until nothing the container's evaluations started is still pending
 * (timers, intervals, sockets, child processes), so that their output is not cut off. Answered by
 * `settled`, after the output of everything that ran meanwhile. It waits only; it ends nothing.
 */
export interface SettleRequest {
  readonly type: 'settle';
  readonly containerRef: ContainerRef;
  readonly timeoutMs: number;
}

/** Ends every container and then the process. */
export interface DisconnectRequest {
  readonly type: 'disconnect';
}

export type RuntimeRequest =
  | ConnectRequest
  | EvaluateRequest
  | ForgetRequest
  | DropRequest
  | InterruptRequest
  | PingRequest
  | SettleRequest
  | DisconnectRequest;

// ---------------------------------------------------------------------------------------------
// Messages: runtime → owner

export interface ReadyMessage {
  readonly type: 'ready';
  readonly pid: number;
  readonly nodeVersion: string;
}

export type OutputStream = 'stdout' | 'stderr';

/** What an evaluation produced while it ran or afterwards. */
export type OutputDto =
  /** Text written to the console, `process.stdout` or `process.stderr` (ANSI colours kept). */
  | { readonly kind: 'text'; readonly stream: OutputStream; readonly text: string }
  /** The evaluation passed its output cap: this many bytes were counted and not sent. */
  | { readonly kind: 'truncated'; readonly droppedBytes: number }
  /**
   * An error that escaped the evaluation after it responded: an exception thrown in a timer it
   * scheduled, or a promise it rejected without handling.
   */
  | { readonly kind: 'error'; readonly error: ErrorDto }
  /** Something `display(…)` showed: HTML, Markdown, an image, a table, a JSON tree, or a value. */
  | RichOutputDto;

/**
 * The kinds of rich output, by MIME type. `text/plain` is a value shown as the cell's value would
 * be (inspected, with ANSI colours): what `display(x)` sends for a value that has no rich form.
 */
export type RichMime =
  | 'text/plain'
  | 'text/html'
  | 'text/markdown'
  | 'image/svg+xml'
  | 'image/png'
  | 'image/jpeg'
  | 'image/gif'
  | 'image/webp'
  | 'application/json'
  | 'application/vnd.tessera.table+json';

/** The raster image types: their data is base64. */
export const binaryRichMimes: readonly RichMime[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/**
 * A displayable value: HTML, Markdown, an image, a table, a JSON tree (see the display API in
 * runtime/evaluator/display.ts). Owners show HTML and SVG only in sandboxed frames: it is code.
 */
export interface RichOutputDto {
  readonly kind: 'rich';
  readonly mime: RichMime;
  /**
   * Base64 for the raster images (`binaryRichMimes`); text otherwise: the HTML, Markdown or SVG
   * source, JSON text for `application/json` (the value) and the table type (a `TableDataDto`).
   */
  readonly data: string;
}

/** What `application/vnd.tessera.table+json` holds: rows of cells under named columns. */
export interface TableDataDto {
  readonly columns: readonly string[];
  /** Cells that are not strings, numbers, booleans or null are sent as their inspected text. */
  readonly rows: readonly (readonly (string | number | boolean | null)[])[];
  /** Rows the table had; only the first `rows.length` are sent. */
  readonly totalRows: number;
}

/**
 * Output, coalesced: at most about one message per evaluation every 16 ms. `late` is true when the
 * evaluation had already responded (a timer or promise it started wrote afterwards).
 * `evaluationRef` is null only for output no evaluation can be blamed for.
 */
export interface OutputMessage {
  readonly type: 'output';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef | null;
  readonly late: boolean;
  readonly outputs: readonly OutputDto[];
}

/** An error as it crosses a process boundary; rebuilt into an `Error` on the other side if needed. */
export interface ErrorDto {
  readonly name: string;
  readonly message: string;
  /** The stack in cell coordinates (`label:line:column`), the runtime's own frames removed. */
  readonly stack: string;
  /** Where in the cell the error arose (1-based line and column), when it arose in this cell. */
  readonly location?: { readonly line: number; readonly column: number };
}

/** A value as the user sees it: `util.inspect` text with ANSI colours. */
export interface ValueDto {
  readonly text: string;
  /** The value's rich form, when it is displayable (`html\`…\``, `image(bytes)`, …). */
  readonly rich?: RichOutputDto;
  /** The cell's last statement is not an expression (a declaration, a loop): there is no value to show. */
  readonly none?: true;
}

export interface EvaluationMetadata {
  /** Wall time of the evaluation, in ms, from compile to settled value. */
  readonly durationMs: number;
  /** Top-level names the cell declares: later cells see them. */
  readonly defined: readonly string[];
  /** Free names the cell reads or writes: bindings of earlier cells, or globals. */
  readonly used: readonly string[];
}

/** The end of an evaluation: its value, or the error that stopped it. */
export interface ResponseMessage {
  readonly type: 'response';
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
  readonly result:
    | { readonly ok: true; readonly value: ValueDto }
    | { readonly ok: false; readonly error: ErrorDto };
  readonly metadata: EvaluationMetadata;
}

export type ContainerDownReason =
  | 'dropped'
  | 'out_of_memory'
  | 'process_exit'
  | 'interrupted'
  | 'crashed';

/**
 * A container ended: its bindings are gone. Evaluations it had not answered are answered with an
 * error right after this message; later evaluations in the same container start it afresh.
 */
export interface ContainerDownMessage {
  readonly type: 'container_down';
  readonly containerRef: ContainerRef;
  readonly reason: ContainerDownReason;
  /** A sentence for the user: what happened and what was lost. */
  readonly message: string;
  /** The exit code, for `process_exit` and `crashed`. */
  readonly exitCode?: number;
}

export interface ContainerMemory {
  readonly containerRef: ContainerRef;
  readonly heapUsedBytes: number;
  readonly heapLimitBytes: number;
}

/** Periodic memory figures of the runtime process and each of its containers. */
export interface MemoryMessage {
  readonly type: 'memory';
  readonly rssBytes: number;
  readonly containers: readonly ContainerMemory[];
}

export interface PongMessage {
  readonly type: 'pong';
  readonly id: number;
}

/**
 * The answer to `settle`: what was still pending when the container settled or the wait ran out,
 * by Node's resource type (`Timeout`, `TCPWRAP`, `ProcessWrap`…), one entry per resource; empty
 * when nothing was.
 */
export interface SettledMessage {
  readonly type: 'settled';
  readonly containerRef: ContainerRef;
  readonly pending: readonly string[];
}

export type RuntimeMessage =
  | ReadyMessage
  | SettledMessage
  | OutputMessage
  | ResponseMessage
  | ContainerDownMessage
  | MemoryMessage
  | PongMessage;
