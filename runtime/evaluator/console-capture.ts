/**
 * Capture of everything user code writes, wherever it writes it, as Node would send it to the
 * terminal: `console.*`, `process.stdout` and `process.stderr`, and the ways around them that reach
 * file descriptors 1 and 2 directly — `fs.writeSync(1, …)` (`process.stdout.fd` is 1 here, as in
 * Node), `fs.write`, and child processes started with `stdio: 'inherit'`, whose output is piped
 * (for the synchronous calls, sent to a file) and written for them. A worker's descriptors 1 and 2
 * are the runtime process's, which go nowhere.
 *
 * The console writes through `process.stdout.write` and `process.stderr.write`, looked up at each
 * call as Node's does, so a cell that replaces `process.stdout.write` catches `console.log` too;
 * writes to a descriptor bypass that, as they do in Node.
 */

import { AsyncResource } from 'node:async_hooks';
import childProcess from 'node:child_process';
import { Console } from 'node:console';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { inspect } from 'node:util';
import type { OutputStream } from '../../common/protocol/runtime.ts';

/** Where captured text goes: the output of the evaluation in the async context. */
export type CapturedWrite = (stream: OutputStream, text: string) => void;

export function installCapture(write: CapturedWrite): void {
  process.stdout.write = streamWrite('stdout', write);
  process.stderr.write = streamWrite('stderr', write);
  Object.defineProperty(process.stdout, 'fd', { value: 1, configurable: true });
  Object.defineProperty(process.stderr, 'fd', { value: 2, configurable: true });
  globalThis.console = withFastPath(new Console({ stdout: process.stdout, stderr: process.stderr, colorMode: true }));
  captureDescriptorWrites(write);
  captureInheritedStdio(write);
  // `import { writeSync } from 'node:fs'` reads the module's exports as they are now.
  syncBuiltinESMExports();
}

function streamWrite(stream: OutputStream, write: CapturedWrite) {
  return (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    write(stream, textOf(chunk, typeof encoding === 'string' ? encoding : undefined));
    const done = typeof encoding === 'function' ? encoding : callback;
    // As a stream does: asynchronously, with no error.
    if (typeof done === 'function') queueMicrotask(() => done(null));
    return true;
  };
}

/**
 * Printing is where notebooks feel slow, and most lines are strings and numbers: for those, the
 * console's log, info, debug, warn and error build the line themselves — the same text
 * `util.formatWithOptions` makes with colours, styles read from `util.inspect.styles` as it does —
 * and write it with one call of `process.stdout.write` (or stderr's), as the console does, a
 * failure of which is ignored, as the console ignores it. Anything else, and everything inside a
 * `console.group`, takes the console's own way.
 */
function withFastPath(console: Console): Console {
  let groups = 0;
  const { group, groupCollapsed, groupEnd } = console;
  console.group = (...labels: unknown[]) => (group(...labels), groups++, undefined);
  console.groupCollapsed = (...labels: unknown[]) => (groupCollapsed(...labels), groups++, undefined);
  console.groupEnd = () => (groupEnd(), (groups = Math.max(0, groups - 1)), undefined);
  const fast = (slow: (...args: unknown[]) => void, stream: NodeJS.WriteStream) =>
    function log(...args: unknown[]): void {
      const line = groups === 0 ? plainLine(args) : undefined;
      if (line === undefined) return slow(...args);
      try {
        stream.write(line);
      } catch {
        // The console ignores errors of its stream.
      }
    };
  console.log = fast(console.log, process.stdout);
  console.info = fast(console.info, process.stdout);
  console.debug = fast(console.debug, process.stdout);
  console.warn = fast(console.warn, process.stderr);
  console.error = fast(console.error, process.stderr);
  return console;
}

/** The line `console.log(...args)` prints, when every argument is a primitive the fast path knows; else undefined. */
function plainLine(args: readonly unknown[]): string | undefined {
  let line = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    let text: string;
    if (typeof arg === 'string') {
      // A first string with a % may be a format (`%s`, `%d`) when more arguments follow.
      if (i === 0 && args.length > 1 && arg.includes('%')) return undefined;
      text = arg;
    } else if (typeof arg === 'number') text = styled(Object.is(arg, -0) ? '-0' : `${arg}`, 'number');
    else if (typeof arg === 'boolean') text = styled(`${arg}`, 'boolean');
    else if (typeof arg === 'bigint') text = styled(`${arg}n`, 'bigint');
    else if (arg === undefined) text = styled('undefined', 'undefined');
    else if (arg === null) text = styled('null', 'null');
    else return undefined;
    line = i === 0 ? text : `${line} ${text}`;
  }
  return `${line}\n`;
}

const styled = (text: string, style: keyof typeof inspect.styles): string => {
  const colour = inspect.colors[inspect.styles[style] as string];
  return colour ? `\u001b[${colour[0]}m${text}\u001b[${colour[1]}m` : text;
};

function textOf(chunk: unknown, encoding?: string): string {
  if (typeof chunk === 'string') return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(chunk, encoding as BufferEncoding).toString() : chunk;
  if (ArrayBuffer.isView(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString();
  return String(chunk);
}

const streamOfDescriptor = (fd: unknown): OutputStream | undefined => (fd === 1 ? 'stdout' : fd === 2 ? 'stderr' : undefined);

/** The bytes `fs.write(Sync)` would write, with its two signatures: (buffer, offset, length) and (string, position, encoding). */
function writtenBytes(data: unknown, offsetOrPosition: unknown, lengthOrEncoding: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, typeof lengthOrEncoding === 'string' ? (lengthOrEncoding as BufferEncoding) : 'utf8');
  const view = data as ArrayBufferView;
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const options = typeof offsetOrPosition === 'object' && offsetOrPosition !== null ? (offsetOrPosition as { offset?: number; length?: number }) : undefined;
  const offset = options?.offset ?? (typeof offsetOrPosition === 'number' ? offsetOrPosition : 0);
  const length = options?.length ?? (typeof lengthOrEncoding === 'number' ? lengthOrEncoding : bytes.length - offset);
  return bytes.subarray(offset, offset + length);
}

function captureDescriptorWrites(write: CapturedWrite): void {
  const { writeSync, write: writeAsync } = fs;
  fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    const stream = streamOfDescriptor(fd);
    if (!stream) return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
    const bytes = writtenBytes(data, rest[0], rest[1]);
    write(stream, bytes.toString());
    return bytes.length;
  }) as typeof fs.writeSync;
  fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    const stream = streamOfDescriptor(fd);
    if (!stream) return (writeAsync as (...args: unknown[]) => void)(fd, data, ...rest);
    const callback = rest.findLast((arg) => typeof arg === 'function') as ((error: null, written: number, data: unknown) => void) | undefined;
    const bytes = writtenBytes(data, rest[0], rest[1]);
    write(stream, bytes.toString());
    if (callback) process.nextTick(callback, null, bytes.length, data);
  }) as typeof fs.write;
}

type Slot = string | number | object | null | undefined;

/** Where a child's descriptor 1 or 2 goes when it would have inherited ours: `pipe`, or a file's descriptor. */
type Redirect = (stream: OutputStream) => Slot;

/**
 * The arguments of a spawn-family call with `inherit` for descriptors 1 and 2 (also written `1`,
 * `2` or as the process streams) redirected, and which slots were, for their output to be written
 * here. The options follow the optional array of arguments; `forked` says they are fork's.
 */
function redirected(args: readonly unknown[], redirect: Redirect, forked = false) {
  const at = Array.isArray(args[1]) ? 2 : 1;
  const given = typeof args[at] === 'object' && args[at] !== null ? (args[at] as Record<string, unknown>) : undefined;
  const stdio = given?.stdio as string | Slot[] | undefined;
  // fork inherits descriptors 0 to 2 unless `silent`, and always has its 'ipc' slot.
  const ipc = forked ? ['ipc'] : [];
  const fallback = forked && !given?.silent ? 'inherit' : 'pipe';
  const slots: Slot[] = typeof stdio === 'string' ? [stdio, stdio, stdio, ...ipc] : stdio ? [...stdio] : [fallback, fallback, fallback, ...ipc];
  const captured = new Map<number, OutputStream>();
  for (const index of [1, 2]) {
    const slot = slots[index];
    if (slot !== 'inherit' && slot !== index && slot !== (index === 1 ? process.stdout : process.stderr)) continue;
    const stream = index === 1 ? 'stdout' : 'stderr';
    slots[index] = redirect(stream);
    captured.set(index, stream);
  }
  if (captured.size === 0) return { args, captured };
  const rewritten = [...args];
  rewritten.splice(at, given ? 1 : 0, { ...given, stdio: slots });
  return { args: rewritten, captured };
}

type Spawning = (...args: unknown[]) => childProcess.ChildProcess;

function captureInheritedStdio(write: CapturedWrite): void {
  const { spawn, fork, spawnSync, execSync, execFileSync } = childProcess;

  // Asynchronous: the child's pipes write to the evaluation that started it, and the child looks
  // as an inheriting one does, without those streams.
  const piping = (original: Spawning, forked = false) =>
    ((...args: unknown[]) => {
      const { args: rewritten, captured } = redirected(args, () => 'pipe', forked);
      const child = original(...rewritten);
      for (const [index, stream] of captured) {
        child.stdio[index]?.on('data', AsyncResource.bind((chunk: Buffer) => write(stream, chunk.toString())));
        (child.stdio as unknown[])[index] = null;
        if (index === 1) child.stdout = null;
        else child.stderr = null;
      }
      return child;
    }) as never;
  childProcess.spawn = piping(spawn as Spawning);
  childProcess.fork = piping(fork as Spawning, true);

  // Synchronous: the child writes to files, written here once it has ended (its stdout, then its
  // stderr); the result has no output for those slots, as with `inherit`.
  const toFiles = <F extends (...args: never[]) => unknown>(original: F) =>
    ((...args: unknown[]) => {
      const files = new Map<OutputStream, number>();
      const { args: rewritten, captured } = redirected(args, (stream) => {
        const path = join(tmpdir(), `tessera-${process.pid}-${threadId}-${stream}-${++fileCount}`);
        const fd = fs.openSync(path, 'w+');
        fs.unlinkSync(path);
        files.set(stream, fd);
        return fd;
      });
      try {
        return (original as unknown as (...a: unknown[]) => unknown)(...rewritten);
      } finally {
        for (const stream of captured.values()) {
          // Read from the start: the child's writes moved the offset it shares with this descriptor.
          const fd = files.get(stream)!;
          const bytes = Buffer.alloc(fs.fstatSync(fd).size);
          fs.readSync(fd, bytes, 0, bytes.length, 0);
          fs.closeSync(fd);
          const text = bytes.toString();
          if (text.length > 0) write(stream, text);
        }
      }
    }) as unknown as F;
  childProcess.spawnSync = toFiles(spawnSync);
  childProcess.execSync = toFiles(execSync);
  childProcess.execFileSync = toFiles(execFileSync);
}

let fileCount = 0;
