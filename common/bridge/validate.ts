/**
 * Checks what arrives at a host from a renderer before any handler sees it: the channel must be
 * one of the contract's and its arguments of the declared shapes, with sizes bounded. A renderer is
 * untrusted input — a compromised page must not reach a handler with arguments it did not declare.
 */

import { exportFormats, type BridgeChannel } from './contract.ts';

type Check = (value: unknown) => string | undefined;

const maxText = 64 * 1024 * 1024;
const maxRef = 256;

const text =
  (limit: number): Check =>
  (value) =>
    typeof value !== 'string' ? 'must be a string' : value.length > limit ? `is longer than ${limit} characters` : undefined;

const oneOf =
  (...options: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && options.includes(value) ? undefined : `must be one of ${options.join(', ')}`;

const nullable =
  (check: Check): Check =>
  (value) =>
    value === null ? undefined : check(value);

const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be a boolean');

interface Field {
  readonly check: Check;
  readonly optional?: boolean;
}

const required = (check: Check): Field => ({ check });
const optional = (check: Check): Field => ({ check, optional: true });

function record(fields: Readonly<Record<string, Field>>): Check {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
    // Own keys only, on both sides: `__proto__`, `constructor` or `toString` are not fields.
    for (const key of Object.keys(value)) if (!Object.hasOwn(fields, key)) return `has an unknown field "${key}"`;
    for (const [key, field] of Object.entries(fields)) {
      const item = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
      if (item === undefined) {
        if (field.optional) continue;
        return `lacks "${key}"`;
      }
      const problem = field.check(item);
      if (problem) return `field "${key}" ${problem}`;
    }
    return undefined;
  };
}

const ref = text(maxRef);
const path = text(4096);

/** The arguments each channel takes, in order. */
const signatures: Readonly<Record<BridgeChannel, readonly Check[]>> = {
  'host.info': [],
  'runtime.connect': [],
  'runtime.disconnect': [],
  'runtime.restart': [],
  'runtime.status': [],
  'runtime.evaluate': [
    record({
      containerRef: required(ref),
      evaluationRef: required(ref),
      prevEvaluationRef: required(nullable(ref)),
      code: required(text(maxText)),
      language: required(oneOf('js', 'ts')),
      label: optional(text(maxRef)),
    }),
  ],
  'runtime.forget': [record({ containerRef: required(ref), evaluationRef: required(ref) })],
  'runtime.drop': [record({ containerRef: required(ref) })],
  'runtime.interrupt': [record({ containerRef: required(ref) })],
  'document.initial': [],
  'document.new': [],
  'document.open': [record({ path: optional(path) })],
  'document.save': [record({ content: required(text(maxText)), force: optional(boolean), trusted: optional(boolean) })],
  'document.chooseSavePath': [record({ extension: required(oneOf('.tsnb', '.ipynb')) })],
  'document.saveAs': [record({ content: required(text(maxText)), path: required(path), trusted: optional(boolean) })],
  'document.trust': [],
  'document.recent': [],
  'document.export': [record({ content: required(text(maxText)), format: required(oneOf(...exportFormats)), path: optional(path) })],
  'files.list': [record({ path: optional(path) })],
  'document.changed': [record({ content: required(text(maxText)) })],
  'document.dirty': [record({ dirty: required(boolean) })],
  'window.close': [],
  'backup.list': [],
  'backup.restore': [record({ id: required(ref) })],
  'backup.discard': [record({ id: required(ref) })],
};

export type ValidatedRequest =
  | { readonly ok: true; readonly channel: BridgeChannel; readonly args: readonly unknown[] }
  | { readonly ok: false; readonly reason: string };

export function isBridgeChannel(channel: unknown): channel is BridgeChannel {
  return typeof channel === 'string' && Object.hasOwn(signatures, channel);
}

export function validateRequest(channel: unknown, args: unknown): ValidatedRequest {
  if (!isBridgeChannel(channel)) return { ok: false, reason: `unknown channel ${JSON.stringify(channel)}` };
  if (!Array.isArray(args)) return { ok: false, reason: `${channel}: arguments must be an array` };
  const checks = signatures[channel];
  if (args.length > checks.length) return { ok: false, reason: `${channel}: takes ${checks.length} argument(s), got ${args.length}` };
  for (const [index, check] of checks.entries()) {
    const problem = check(args[index]);
    if (problem) return { ok: false, reason: `${channel}: argument ${index + 1} ${problem}` };
  }
  return { ok: true, channel, args };
}

export const bridgeChannels = Object.keys(signatures) as readonly BridgeChannel[];
