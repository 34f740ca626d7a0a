/**
 * Stack traces in cell coordinates. Every compiled cell is registered under its file name with a
 * source map; V8's `prepareStackTrace` hook then writes frames of cell code as `label:line:column`
 * of the source the user wrote, and leaves out the runtime's own frames, which mean nothing to the
 * user. The hook also remembers, per error, where in which cell it arose, for the editor to mark.
 */

import { inspect } from 'node:util';
import type { ErrorDto } from '../../common/protocol/runtime.ts';
import type { CellSourceMap, Position } from '../compile/source-position.ts';

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
      const name = callsite.getFunctionName();
      const prefix = callsite.isAsync() ? 'async ' : callsite.isConstructor() ? 'new ' : '';
      frames.push(name ? `${prefix}${name} (${where})` : `${prefix}${where}`);
    }
    cellFrames.set(error, located);
    return [headline(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
  };
}

function headline(error: Error): string {
  const name = safeString(() => error.name, 'Error');
  const message = safeString(() => error.message, '');
  return message ? `${name}: ${message}` : name;
}

function safeString(read: () => unknown, fallback: string): string {
  try {
    const value = read();
    return value === undefined ? fallback : String(value);
  } catch {
    return fallback;
  }
}

/**
 * What an error's `cause` chain says, a line each, as Node prints `[cause]`: `fetch failed` alone
 * does not tell a refused connection from an unknown host.
 */
function causes(error: Error): string {
  let text = '';
  const seen = new Set<unknown>([error]);
  let cause = safeRead(() => error.cause);
  for (let depth = 0; cause !== undefined && !seen.has(cause) && depth < 5; depth++) {
    seen.add(cause);
    if (!(cause instanceof Error)) {
      text += `\nCaused by: ${safeString(() => inspect(cause), 'unknown')}`;
      break;
    }
    const link: Error = cause;
    text += `\nCaused by: ${headline(link)}`;
    cause = safeRead(() => link.cause);
  }
  return text;
}

function safeRead(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** An error for the owner; `filename` names the cell whose position is wanted. */
export function errorToDto(error: unknown, filename?: string): ErrorDto {
  if (!(error instanceof Error)) {
    const message = inspect(error);
    return { name: 'Uncaught', message, stack: `Uncaught ${message}` };
  }
  const stack = safeString(() => error.stack, '') + causes(error);
  const located = cellFrames.get(error)?.find((frame) => frame.filename === filename);
  return {
    name: safeString(() => error.name, 'Error'),
    message: safeString(() => error.message, ''),
    stack,
    ...(located ? { location: { line: located.line, column: located.column } } : {}),
  };
}
