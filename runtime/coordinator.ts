/**
 * The runtime's main thread. It speaks the protocol with the owner, routes evaluations to
 * containers (creating each on first use), and reports memory. It never runs user code, so it
 * always answers: that is what lets an owner interrupt, drop or disconnect a runtime whose cells
 * are stuck.
 */

import {
  defaultRuntimeOptions,
  type EvaluateRequest,
  type RuntimeOptions,
  type RuntimeRequest,
} from '../common/protocol/runtime.ts';
import { Container } from './container.ts';
import type { OwnerTransport } from './transport.ts';

export class Coordinator {
  private readonly containers = new Map<string, Container>();
  private options: RuntimeOptions = defaultRuntimeOptions;
  private memoryTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly transport: OwnerTransport,
    private readonly evaluatorEntry: string,
  ) {
    transport.onRequest((request) => this.handle(request));
  }

  private handle(request: RuntimeRequest): void {
    switch (request.type) {
      case 'connect':
        this.options = { ...defaultRuntimeOptions, ...request.options };
        clearInterval(this.memoryTimer);
        if (this.options.memoryIntervalMs > 0) {
          this.memoryTimer = setInterval(() => this.reportMemory(), this.options.memoryIntervalMs);
        }
        this.transport.send({ type: 'ready', pid: process.pid, nodeVersion: process.version });
        return;
      case 'evaluate':
        return this.evaluate(request);
      case 'forget':
        this.containers.get(request.containerRef)?.forget(request);
        return;
      case 'drop': {
        const container = this.containers.get(request.containerRef);
        if (container) container.drop();
        else {
          this.transport.send({ type: 'container_down', containerRef: request.containerRef, reason: 'dropped', message: 'The container was dropped' });
        }
        return;
      }
      case 'interrupt':
        this.containers.get(request.containerRef)?.interrupt();
        return;
      case 'settle': {
        const container = this.containers.get(request.containerRef);
        // A container that is gone, or never was, has nothing pending.
        if (container) container.settle(request);
        else this.transport.send({ type: 'settled', containerRef: request.containerRef, pending: [] });
        return;
      }
      case 'ping':
        this.transport.send({ type: 'pong', id: request.id });
        return;
      case 'disconnect':
        // Exiting the process ends every worker with it.
        process.exit(0);
    }
  }

  private evaluate(request: EvaluateRequest): void {
    // Relative paths in cells read beside the notebook. Workers cannot change directory, so the
    // process does, and one runtime serves one notebook.
    const folder = request.options.notebookDir;
    if (process.cwd() !== folder) {
      try {
        process.chdir(folder);
      } catch (error) {
        const message = `The notebook's folder cannot be used (${(error as Error).message})`;
        this.transport.send({
          type: 'response',
          containerRef: request.containerRef,
          evaluationRef: request.evaluationRef,
          result: { ok: false, error: { name: 'Error', message, stack: `Error: ${message}` } },
          metadata: { durationMs: 0, defined: [], used: [] },
        });
        return;
      }
    }
    this.container(request.containerRef).evaluate(request);
  }

  private container(ref: string): Container {
    let container = this.containers.get(ref);
    if (!container) {
      container = new Container(ref, this.evaluatorEntry, this.options, (message) => this.transport.send(message), (down) => {
        if (this.containers.get(down.ref) === down) this.containers.delete(down.ref);
      });
      this.containers.set(ref, container);
    }
    return container;
  }

  private reportMemory(): void {
    this.transport.send({
      type: 'memory',
      rssBytes: process.memoryUsage.rss(),
      containers: [...this.containers.values()].map((container) => container.memory()),
    });
  }
}
