/**
 * Drives a real runtime process for tests: starts it with the fork launcher, names evaluations,
 * and collects each evaluation's output, so a test reads like a notebook: evaluate, then look at
 * the value, the error or what was printed.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language, OutputDto, OutputMessage, ResponseMessage, RichOutputDto, RuntimeOptions } from '../../common/protocol/runtime.ts';
import { forkLauncher } from '../../host/fork-launcher.ts';
import { RuntimeClient, type RuntimeClientOptions } from '../../host/runtime-client.ts';
import { until } from '../support.ts';

export interface Evaluated {
  readonly ref: string;
  readonly response: ResponseMessage;
  /** The value's text without ANSI colours; throws when the evaluation failed. */
  readonly value: string;
}

export interface EvaluateOptions {
  readonly after?: string | null;
  readonly container?: string;
  readonly language?: Language;
  readonly label?: string;
  readonly notebookFile?: string;
}

// eslint-disable-next-line no-control-regex
export const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

export class Harness {
  readonly outputs: OutputMessage[] = [];
  private counter = 0;

  private constructor(
    readonly client: RuntimeClient,
    readonly dir: string,
  ) {
    client.onOutput((message) => this.outputs.push(message));
  }

  static async start(
    options: { dir?: string; runtime?: Partial<RuntimeOptions> } & Partial<RuntimeClientOptions> = {},
  ): Promise<Harness> {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'tessera-test-'));
    const client = await RuntimeClient.start(forkLauncher(), { ...options, cwd: dir });
    return new Harness(client, dir);
  }

  nextRef(): string {
    return `E${++this.counter}`;
  }

  /** Sends an evaluation and returns its ref and a promise of its response. */
  send(code: string, options: EvaluateOptions = {}): { ref: string; response: Promise<ResponseMessage> } {
    const ref = this.nextRef();
    const container = options.container ?? 'main';
    const response = this.client.responseOf(container, ref);
    this.client.evaluate({
      containerRef: container,
      evaluationRef: ref,
      prevEvaluationRef: options.after ?? null,
      code,
      options: {
        language: options.language ?? 'js',
        notebookDir: this.dir,
        ...(options.label ? { label: options.label } : {}),
        ...(options.notebookFile ? { notebookFile: options.notebookFile } : {}),
      },
    });
    return { ref, response };
  }

  async evaluate(code: string, options: EvaluateOptions = {}): Promise<Evaluated> {
    const { ref, response } = this.send(code, options);
    const answer = await response;
    return {
      ref,
      response: answer,
      get value() {
        if (!answer.result.ok) throw new Error(`${ref} failed: ${answer.result.error.stack}`);
        return stripAnsi(answer.result.value.text);
      },
    };
  }

  /** Evaluates and returns the error the evaluation failed with; throws if it succeeded. */
  async error(code: string, options: EvaluateOptions = {}) {
    const { response } = await this.evaluate(code, options);
    if (response.result.ok) throw new Error(`expected an error, got ${response.result.value.text}`);
    return response.result.error;
  }

  /** Every output of one evaluation so far, in order. */
  outputsOf(ref: string): OutputDto[] {
    return this.outputs.filter((message) => message.evaluationRef === ref).flatMap((message) => message.outputs);
  }

  /** Every rich output (`display(…)`) of one evaluation so far, in order. */
  richOf(ref: string): RichOutputDto[] {
    return this.outputsOf(ref).filter((output): output is RichOutputDto => output.kind === 'rich');
  }

  /** Text and rich outputs of one evaluation in the order they were written. */
  sequenceOf(ref: string): string[] {
    return this.outputsOf(ref).map((output) =>
      output.kind === 'text' ? `text:${output.text}` : output.kind === 'rich' ? `${output.mime}:${output.data}` : output.kind,
    );
  }

  /** The text one evaluation wrote to a stream so far, colours removed. */
  textOf(ref: string, stream?: 'stdout' | 'stderr'): string {
    return this.outputsOf(ref)
      .map((output) => (output.kind === 'text' && (!stream || output.stream === stream) ? output.text : ''))
      .join('');
  }

  /** Waits until `predicate` holds, polling; fails after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    return until(predicate, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
    this.client.dispose();
  }
}
