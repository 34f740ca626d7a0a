/**
 * The coordinator's handle on one container's worker: it sends evaluations, keeps track of the
 * ones not yet answered, carries out the interrupt's second layer (ending a worker that does not
 * stop in time), and turns the worker's end — dropped, out of memory, `process.exit()`, crashed —
 * into one `container_down` message followed by answers for the evaluations it lost.
 */

import { Worker } from 'node:worker_threads';
import type {
  ContainerDownReason,
  ContainerMemory,
  EvaluateRequest,
  ForgetRequest,
  RuntimeMessage,
  SettleRequest,
  RuntimeOptions,
} from '../common/protocol/runtime.ts';
import type { ContainerWorkerData, FromWorker, ToWorker } from './worker-protocol.ts';

interface Pending {
  readonly evaluationRef: string;
  readonly sentAt: number;
}

export class Container {
  private readonly worker: Worker;
  private readonly interruptFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly pending: Pending[] = [];
  private heap: { usedBytes: number; limitBytes: number } | undefined;
  private endingFor: ContainerDownReason | undefined;
  private outOfMemory = false;
  private exiting: { code: number; evaluationRef: string | null } | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly ref: string,
    evaluatorEntry: string,
    private readonly options: RuntimeOptions,
    private readonly send: (message: RuntimeMessage) => void,
    private readonly onDown: (container: Container) => void,
  ) {
    const data: ContainerWorkerData = {
      containerRef: ref,
      interruptFlag: this.interruptFlag.buffer as SharedArrayBuffer,
      outputCapBytes: options.outputCapBytes,
      memoryIntervalMs: options.memoryIntervalMs,
    };
    this.worker = new Worker(evaluatorEntry, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: options.containerHeapLimitMb },
      stdout: false,
      stderr: false,
    });
    this.worker.on('message', (message: FromWorker) => this.received(message));
    this.worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory = true;
    });
    this.worker.on('exit', (code) => this.ended(code));
  }

  evaluate(request: EvaluateRequest): void {
    this.pending.push({ evaluationRef: request.evaluationRef, sentAt: performance.now() });
    this.post(request);
  }

  forget(request: ForgetRequest): void {
    this.post(request);
  }

  settle(request: SettleRequest): void {
    this.post(request);
  }

  /**
   * Layer one: the flag makes loops throw and the message ends an `await`. Layer two, if the same
   * evaluation is still running after the grace period: the worker is terminated.
   */
  interrupt(): void {
    const running = this.pending[0];
    if (!running || this.graceTimer) return;
    Atomics.store(this.interruptFlag, 0, 1);
    this.post({ type: 'interrupt' });
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      if (this.pending[0] === running) this.end('interrupted');
    }, this.options.interruptGraceMs);
  }

  drop(): void {
    this.end('dropped');
  }

  memory(): ContainerMemory {
    return {
      containerRef: this.ref,
      heapUsedBytes: this.heap?.usedBytes ?? 0,
      heapLimitBytes: this.heap?.limitBytes ?? this.options.containerHeapLimitMb * 1024 * 1024,
    };
  }

  private end(reason: ContainerDownReason): void {
    this.endingFor ??= reason;
    void this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private received(message: FromWorker): void {
    switch (message.type) {
      case 'heap':
        this.heap = message;
        return;
      case 'exiting':
        this.exiting = message;
        return;
      case 'response': {
        const index = this.pending.findIndex((entry) => entry.evaluationRef === message.evaluationRef);
        if (index >= 0) this.pending.splice(index, 1);
        if (index === 0) {
          clearTimeout(this.graceTimer);
          this.graceTimer = undefined;
        }
        this.send(message);
        return;
      }
      default:
        this.send(message);
    }
  }

  private ended(exitCode: number): void {
    clearTimeout(this.graceTimer);
    const reason: ContainerDownReason =
      this.endingFor ?? (this.outOfMemory ? 'out_of_memory' : this.exiting ? 'process_exit' : 'crashed');
    const message = this.describe(reason, exitCode);
    // The owner hears of the loss before the answers, so that nothing it sends in reaction to an
    // answer is chained to an evaluation that is gone.
    this.send({
      type: 'container_down',
      containerRef: this.ref,
      reason,
      message,
      ...(reason === 'process_exit' || reason === 'crashed' ? { exitCode: this.exiting?.code ?? exitCode } : {}),
    });
    for (const [index, entry] of this.pending.entries()) {
      const name = index === 0 && reason === 'interrupted' ? 'InterruptError' : 'ContainerDownError';
      const text = index === 0 ? message : `Not evaluated: ${message}`;
      this.send({
        type: 'response',
        containerRef: this.ref,
        evaluationRef: entry.evaluationRef,
        result: { ok: false, error: { name, message: text, stack: `${name}: ${text}` } },
        metadata: { durationMs: performance.now() - entry.sentAt, defined: [], used: [] },
      });
    }
    this.pending.length = 0;
    this.onDown(this);
  }

  private describe(reason: ContainerDownReason, exitCode: number): string {
    const lost = 'the container ended and the bindings of its cells are lost';
    switch (reason) {
      case 'dropped':
        return 'The container was dropped';
      case 'interrupted':
        return `Interrupted: the code did not stop within ${this.options.interruptGraceMs / 1000} s, so ${lost}`;
      case 'out_of_memory':
        return `Out of memory: the code used more than the container's heap limit of ${this.options.containerHeapLimitMb} MiB; ${lost}`;
      case 'process_exit': {
        const by = this.exiting?.evaluationRef ? ` by evaluation ${this.exiting.evaluationRef}` : '';
        return `process.exit(${this.exiting?.code ?? exitCode}) was called${by}: ${lost}`;
      }
      case 'crashed':
        return `The container crashed (exit code ${exitCode}): ${lost}`;
    }
  }
}
