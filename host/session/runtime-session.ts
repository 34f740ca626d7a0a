/**
 * One notebook's runtime, as a host keeps it: started on first use, watched, restarted on demand,
 * and stopped with its window or tab. It turns the runtime client's events into what the bridge
 * sends a renderer — a status that is always current, and runtime messages in batches.
 *
 * Plain Node: the launcher decides how the process starts (utilityProcess in the app,
 * child_process.fork in `tessera serve`, the CLI and tests).
 */

import type { BridgeEvaluateRequest, RuntimeStatus } from '../../common/bridge/contract.ts';
import { DisposableStore, Emitter, type Disposable } from '../../common/events.ts';
import type { RuntimeMessage, RuntimeOptions } from '../../common/protocol/runtime.ts';
import type { RuntimeLauncher } from '../../common/runtime-process.ts';
import { RuntimeClient } from '../runtime-client.ts';
import { MessageBatcher } from './message-batcher.ts';

export interface RuntimeSessionOptions {
  readonly launcher: RuntimeLauncher;
  /** The notebook's folder; changes when the document is saved elsewhere. */
  readonly notebookDir: () => string;
  /** The notebook's file, while it has one. */
  readonly notebookFile?: () => string | undefined;
  readonly runtime?: Partial<RuntimeOptions>;
  readonly heartbeatTimeoutMs?: number;
  readonly batchIntervalMs?: number;
}

export class RuntimeSession implements Disposable {
  private readonly disposables = new DisposableStore();
  private readonly _onStatus = this.disposables.add(new Emitter<RuntimeStatus>());
  private readonly _onMessages = this.disposables.add(new Emitter<readonly RuntimeMessage[]>());
  readonly onStatus = this._onStatus.event;
  readonly onMessages = this._onMessages.event;

  private readonly batcher: MessageBatcher<RuntimeMessage>;
  private client: RuntimeClient | undefined;
  private starting: Promise<RuntimeClient> | undefined;
  private clientEvents = new DisposableStore();
  private _status: RuntimeStatus = { state: 'disconnected' };
  /** Evaluations sent and not yet answered, per container: what makes the status busy. */
  private readonly running = new Set<string>();
  private disposed = false;
  /** The runtime asked to stop: its end is no failure, and the status says there is no runtime, not red. */
  private stopping: RuntimeClient | undefined;

  constructor(private readonly options: RuntimeSessionOptions) {
    this.batcher = new MessageBatcher((batch) => this._onMessages.fire(batch), options.batchIntervalMs);
  }

  get status(): RuntimeStatus {
    return this._status;
  }

  get pid(): number | undefined {
    return this.client?.pid;
  }

  /** Starts the runtime unless it runs already; resolves once it is ready. */
  async connect(): Promise<void> {
    await this.ready();
  }

  /**
   * Sends the evaluation at once when the runtime is up, before returning; otherwise once it has
   * started. Either way it keeps its place among the commands the renderer sent.
   */
  async evaluate(request: BridgeEvaluateRequest): Promise<void> {
    const client = this.liveClient() ?? (await this.ready());
    const { language, label, ...refs } = request;
    this.running.add(`${refs.containerRef}\u0000${refs.evaluationRef}`);
    this.updateBusy();
    const notebookFile = this.options.notebookFile?.();
    client.evaluate({
      ...refs,
      options: { language, notebookDir: this.options.notebookDir(), ...(notebookFile ? { notebookFile } : {}), ...(label ? { label } : {}) },
    });
  }

  forget(containerRef: string, evaluationRef: string): void {
    this.afterEarlierCommands((client) => client.forget(containerRef, evaluationRef));
  }

  drop(containerRef: string): void {
    this.afterEarlierCommands((client) => client.drop(containerRef));
  }

  interrupt(containerRef: string): void {
    this.afterEarlierCommands((client) => client.interrupt(containerRef));
  }

  async disconnect(): Promise<void> {
    const client = this.client ?? (await this.starting?.catch(() => undefined));
    if (!client) return;
    this.stopping = client;
    await client.disconnect();
  }

  /** A fresh runtime: the old one is stopped (its down is reported), then a new one starts. */
  async restart(): Promise<void> {
    await this.disconnect();
    await this.connect();
  }

  dispose(): void {
    this.disposed = true;
    this.client?.dispose();
    this.clientEvents.dispose();
    this.batcher.dispose();
    this.disposables.dispose();
  }

  /** The runtime, when it is up and no start is under way. */
  private liveClient(): RuntimeClient | undefined {
    return this.starting === undefined && this.client !== undefined && !this.client.isDown ? this.client : undefined;
  }

  /**
   * Runs a command that needs no runtime of its own (forget, drop, interrupt) after the commands
   * sent before it: at once when the runtime is up, after the start under way otherwise (an
   * evaluation waiting for that start goes first). With no runtime there is nothing to tell.
   */
  private afterEarlierCommands(command: (client: RuntimeClient) => void): void {
    const live = this.liveClient();
    if (live) return command(live);
    void this.starting?.then(command, () => undefined);
  }

  private ready(): Promise<RuntimeClient> {
    const live = this.liveClient();
    if (live) return Promise.resolve(live);
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async start(): Promise<RuntimeClient> {
    if (this.disposed) throw new Error('The session is closed');
    this.setStatus({ state: 'starting' });
    let client: RuntimeClient;
    try {
      client = await RuntimeClient.start(this.options.launcher, {
        cwd: this.options.notebookDir(),
        ...(this.options.runtime ? { runtime: this.options.runtime } : {}),
        ...(this.options.heartbeatTimeoutMs ? { heartbeatTimeoutMs: this.options.heartbeatTimeoutMs } : {}),
      });
    } catch (error) {
      this.setStatus({ state: 'down', message: (error as Error).message, exitCode: null, signal: null });
      throw error;
    }
    if (this.disposed) {
      client.dispose();
      throw new Error('The session is closed');
    }
    this.clientEvents.dispose();
    this.clientEvents = new DisposableStore();
    this.clientEvents.add(client.onOutput((message) => this.batcher.push(message)));
    this.clientEvents.add(client.onContainerDown((message) => this.batcher.push(message, true)));
    this.clientEvents.add(
      client.onResponse((message) => {
        this.running.delete(`${message.containerRef}\u0000${message.evaluationRef}`);
        this.batcher.push(message, true);
        this.updateBusy();
      }),
    );
    this.clientEvents.add(
      client.onMemory((memory) => {
        if (this._status.state === 'ready' || this._status.state === 'busy') this.setStatus({ ...this._status, memory });
      }),
    );
    this.clientEvents.add(
      client.onRuntimeDown((down) => {
        this.running.clear();
        // Messages that arrived before the end go first: a renderer sees the last output, then the down.
        this.batcher.flush();
        this.setStatus(
          this.stopping === client ? { state: 'disconnected' } : { state: 'down', message: down.message, exitCode: down.code, signal: down.signal },
        );
      }),
    );
    this.client = client;
    const node = client.node;
    this.setStatus({ state: 'ready', pid: client.pid, ...(node ? { node } : {}) });
    return client;
  }

  private updateBusy(): void {
    const status = this._status;
    if (status.state !== 'ready' && status.state !== 'busy') return;
    const state = this.running.size > 0 ? 'busy' : 'ready';
    if (state !== status.state) this.setStatus({ ...status, state });
  }

  private setStatus(status: RuntimeStatus): void {
    this._status = status;
    this._onStatus.fire(status);
  }
}
