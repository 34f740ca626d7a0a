/**
 * Stack traces in cell coordinates. Every compiled cell is registered under its file name with a
 * source map; V8's `prepareStackTrace` hook then writes frames of cell code as `label:line:column`
 * of the source the user wrote, and leaves out the runtime's own frames, which mean nothing to the
 * user. The hook also remembers, per error, where in which cell it arose, for the editor to mark.
 */

import { types } from 'node:util';
import type { ErrorDto } from '../../common/protocol/runtime.ts';
import type { CellSourceMap, Position } from '../compile/source-position.ts';
import { inspectSafely } from './show-value.ts';
import { inUserTerms } from './user-terms.ts';

interface RegisteredCell {
  readonly label: string;
  readonly map: CellSourceMap;
}

interface CellFrame extends Position {
  readonly filename: string;
}

const cells = new Map<string, RegisteredCell>();
const cellFrames = new WeakMap<object, CellFrame[]>();

export function registerCell(filename: string, label: string, map: CellSourceMap): void {
  cells.set(filename, { label, map });
}

/** Installs the hook; frames from `runtimeFiles` and from Node itself are left out. */
export function installStackTraces(runtimeFiles: readonly string[]): void {
  Error.stackTraceLimit = 50;
  Error.prepareStackTrace = (error: Error, callsites: NodeJS.CallSite[]) => {
    const frames: string[] = [];
    const located: CellFrame[] = [];
    for (const callsite of callsites) {
      const filename = callsite.getFileName() ?? '';
      if (runtimeFiles.includes(filename) || filename.startsWith('node:')) continue;
      const cell = cells.get(filename);
      if (!cell) {
        frames.push(callsite.toString());
        continue;
      }
      const position = cell.map.originalPosition(callsite.getLineNumber() ?? 0, callsite.getColumnNumber() ?? 0);
      if (!position) continue;
      located.push({ filename, ...position });
      const where = `${cell.label}:${position.line}:${position.column}`;
      const name = inUserTerms(callsite.getFunctionName() ?? '');
      const prefix = callsite.isAsync() ? 'async ' : callsite.isConstructor() ? 'new ' : '';
      frames.push(name ? `${prefix}${name} (${where})` : `${prefix}${where}`);
    }
    cellFrames.set(error, located);
    return [headline(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
  };
}

function headline(error: Error): string {
  const name = safeString(() => error.name, 'Error');
  const message = correctMessage(error);
  return message ? `${name}: ${message}` : name;
}

/** The message in the user's terms; a message V8 wrote about compiled code is corrected on the error itself. */
export function correctMessage(error: Error): string {
  const message = safeString(() => error.message, '');
  const corrected = inUserTerms(message);
  if (corrected !== message && Object.getOwnPropertyDescriptor(error, 'message')?.writable) error.message = corrected;
  return corrected;
}

function safeString(read: () => unknown, fallback: string): string {
  try {
    const value = read();
    return value === undefined ? fallback : String(value);
  } catch {
    return fallback;
  }
}

/** The file name of the innermost cell code the error's stack passes through. */
export function innermostCell(error: Error): string | undefined {
  void error.stack; // the stack is written, and its cell frames found, when it is first read
  return cellFrames.get(error)?.[0]?.filename;
}

/**
 * An error for the owner; `filename` names the cell whose position is wanted. Its `stack` is the
 * error as Node shows an uncaught one — `util.inspect` of it: the stack, then its `cause` (nested),
 * an AggregateError's `errors` and its own properties such as `code` — and a thrown value that is
 * not an error is shown as Node's REPL shows it, `Uncaught` and the value.
 */
export function errorToDto(error: unknown, filename?: string): ErrorDto {
  if (!(error instanceof Error) && !types.isNativeError(error)) {
    const message = inspectSafely(error);
    return { name: 'Uncaught', message, stack: `Uncaught ${message}` };
  }
  const stack = inspectSafely(error, {}, () => safeString(() => error.stack, ''));
  const located = cellFrames.get(error)?.find((frame) => frame.filename === filename);
  return {
    name: safeString(() => error.name, 'Error'),
    message: correctMessage(error),
    stack,
    ...(located ? { location: { line: located.line, column: located.column } } : {}),
  };
}

