/**
 * The owner's side of the runtime protocol: starts a runtime process through a launcher, connects,
 * watches it with a heartbeat, and turns its messages into events. It also notices the process's
 * end and reports it as `runtimeDown` with the exit code or signal, or as `unresponsive` when the
 * heartbeat went unanswered and the client killed it (the interrupt's third layer).
 */

import { DisposableStore, Emitter, nextEvent, type Disposable } from '../common/events.ts';
import {
  defaultRuntimeOptions,
  type ContainerDownMessage,
  type EvaluateRequest,
  type MemoryMessage,
  type OutputMessage,
  type ReadyMessage,
  type ResponseMessage,
  type RuntimeMessage,
  type RuntimeOptions,
  type SettledMessage,
} from '../common/protocol/runtime.ts';
import type { RuntimeExit, RuntimeLauncher, RuntimeProcess } from '../common/runtime-process.ts';

export interface RuntimeClientOptions {
  /** The runtime's working directory: the notebook's folder. */
  readonly cwd: string;
  readonly runtime?: Partial<RuntimeOptions>;
  /** How often the runtime is pinged, in ms. */
  readonly heartbeatIntervalMs?: number;
  /** How long an unanswered ping may wait before the runtime is killed, in ms. */
  readonly heartbeatTimeoutMs?: number;
  /** How long `start` waits for the runtime to be ready, in ms. */
  readonly startTimeoutMs?: number;
}

export type RuntimeDownReason = 'exited' | 'unresponsive' | 'disconnected';

export interface RuntimeDown extends RuntimeExit {
  readonly reason: RuntimeDownReason;
  /** A sentence for the user. */
  readonly message: string;
}

export type EvaluateParams = Omit<EvaluateRequest, 'type'>;

export class RuntimeClient implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly _onOutput = this.disposables.add(new Emitter<OutputMessage>());
  private readonly _onResponse = this.disposables.add(new Emitter<ResponseMessage>());
  private readonly _onContainerDown = this.disposables.add(new Emitter<ContainerDownMessage>());
  private readonly _onMemory = this.disposables.add(new Emitter<MemoryMessage>());
  private readonly _onRuntimeDown = this.disposables.add(new Emitter<RuntimeDown>());
  private readonly _onReady = this.disposables.add(new Emitter<ReadyMessage>());
  private readonly _onSettled = this.disposables.add(new Emitter<SettledMessage>());

  readonly onOutput = this._onOutput.event;
  readonly onResponse = this._onResponse.event;
  readonly onContainerDown = this._onContainerDown.event;
  readonly onMemory = this._onMemory.event;
  /** Fires once, when the runtime process has ended, whatever ended it. */
  readonly onRuntimeDown = this._onRuntimeDown.event;

  private down: RuntimeDown | undefined;
  private endingFor: RuntimeDownReason | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastPong = 0;
  private pingId = 0;
  private nodeVersion: string | undefined;

  private constructor(private readonly process: RuntimeProcess) {
    this.disposables.add(process.onMessage((message) => this.received(message)));
    this.disposables.add(process.onExit((exit) => this.exited(exit)));
  }

  /** Starts a runtime and resolves once it is connected and ready. */
  static async start(launcher: RuntimeLauncher, options: RuntimeClientOptions): Promise<RuntimeClient> {
    const client = new RuntimeClient(launcher.launch({ cwd: options.cwd }));
    const ready = nextEvent(client._onReady.event);
    const failed = nextEvent(client.onRuntimeDown).then((down) => Promise.reject(new Error(`The runtime did not start: ${down.message}`)));
    const startTimeoutMs = options.startTimeoutMs ?? 15_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The runtime did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
    });
    client.process.postMessage({ type: 'connect', options: { ...defaultRuntimeOptions, ...options.runtime } });
    try {
      await Promise.race([ready, failed, timedOut]);
    } catch (error) {
      client.kill();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    client.startHeartbeat(options.heartbeatIntervalMs ?? 1000, options.heartbeatTimeoutMs ?? 5000);
    return client;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** Which Node runs the runtime: its version, and which one where a host offers several. */
  get node(): string | undefined {
    if (this.nodeVersion === undefined) return undefined;
    return `Node ${this.nodeVersion}${this.process.runsOn ? ` (${this.process.runsOn})` : ''}`;
  }

  /** Whether the process is gone; when it is, requests are ignored. */
  get isDown(): boolean {
    return this.down !== undefined;
  }

  evaluate(params: EvaluateParams): void {
    this.process.postMessage({ type: 'evaluate', ...params });
  }

  /** Evaluates and resolves with the response; rejects if the runtime goes down first. */
  evaluateAndWait(params: EvaluateParams): Promise<ResponseMessage> {
    const response = this.responseOf(params.containerRef, params.evaluationRef);
    this.evaluate(params);
    return response;
  }

  /** Resolves with the response to an evaluation already sent; rejects if the runtime goes down first. */
  responseOf(containerRef: string, evaluationRef: string): Promise<ResponseMessage> {
    if (this.down) return Promise.reject(new Error(this.down.message));
    const response = nextEvent(this.onResponse, (r) => r.containerRef === containerRef && r.evaluationRef === evaluationRef);
    const down = nextEvent(this.onRuntimeDown).then((d) => Promise.reject(new Error(d.message)));
    return Promise.race([response, down]);
  }

  forget(containerRef: string, evaluationRef: string): void {
    this.process.postMessage({ type: 'forget', containerRef, evaluationRef });
  }

  drop(containerRef: string): void {
    this.process.postMessage({ type: 'drop', containerRef });
  }

  interrupt(containerRef: string): void {
    this.process.postMessage({ type: 'interrupt', containerRef });
  }

  /**
   * Waits at most `timeoutMs` for what the container's evaluations left running (timers, servers,
   * child processes) and resolves with what was still pending then (Node's resource types); a
   * container that ends meanwhile has nothing pending. Rejects if the runtime goes down first.
   */
  settle(containerRef: string, timeoutMs: number): Promise<readonly string[]> {
    if (this.down) return Promise.reject(new Error(this.down.message));
    const settled = nextEvent(this._onSettled.event, (m) => m.containerRef === containerRef).then((m) => m.pending);
    const ended = nextEvent(this.onContainerDown, (m) => m.containerRef === containerRef).then(() => []);
    const down = nextEvent(this.onRuntimeDown).then((d) => Promise.reject(new Error(d.message)));
    this.process.postMessage({ type: 'settle', containerRef, timeoutMs });
    return Promise.race([settled, ended, down]);
  }

  /** Asks the runtime to exit; kills it if it has not within `timeoutMs`. */
  async disconnect(timeoutMs = 2000): Promise<void> {
    if (this.down) return;
    this.endingFor = 'disconnected';
    const exited = nextEvent(this.onRuntimeDown);
    this.process.postMessage({ type: 'disconnect' });
    const timer = setTimeout(() => this.process.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /** Ends the runtime at once. */
  kill(): void {
    this.endingFor ??= 'disconnected';
    this.process.kill();
  }

  dispose(): void {
    this.kill();
    clearInterval(this.heartbeat);
    this.disposables.dispose();
  }

  private startHeartbeat(intervalMs: number, timeoutMs: number): void {
    this.lastPong = performance.now();
    this.heartbeat = setInterval(() => {
      if (performance.now() - this.lastPong > timeoutMs) {
        this.endingFor ??= 'unresponsive';
        this.process.kill();
        return;
      }
      this.process.postMessage({ type: 'ping', id: ++this.pingId });
    }, intervalMs);
    this.heartbeat.unref?.();
  }

  private received(message: RuntimeMessage): void {
    switch (message.type) {
      case 'ready':
        this.nodeVersion = message.nodeVersion;
        return this._onReady.fire(message);
      case 'pong':
        this.lastPong = performance.now();
        return;
      case 'output':
        return this._onOutput.fire(message);
      case 'response':
        return this._onResponse.fire(message);
      case 'container_down':
        return this._onContainerDown.fire(message);
      case 'memory':
        return this._onMemory.fire(message);
      case 'settled':
        return this._onSettled.fire(message);
    }
  }

  private exited(exit: RuntimeExit): void {
    clearInterval(this.heartbeat);
    const reason = this.endingFor ?? 'exited';
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const message =
      reason === 'unresponsive'
        ? 'The runtime stopped answering its heartbeat and was killed; start a new one to go on'
        : reason === 'disconnected'
          ? 'The runtime was disconnected'
          : `The runtime stopped (${how}); start a new one to go on`;
    this.down = { ...exit, reason, message };
    this._onRuntimeDown.fire(this.down);
  }
}
