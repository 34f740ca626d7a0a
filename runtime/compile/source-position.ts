/**
 * Maps a position in compiled cell code back to the cell as the user wrote it: through the
 * compiler's own map and, for TypeScript, through esbuild's map as well.
 */

import { TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';
import type { DecodedMap } from './compile-cell.ts';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export class CellSourceMap {
  private traces: TraceMap[] | undefined;

  constructor(
    private readonly compiled: () => DecodedMap,
    private readonly typescript: string | undefined,
  ) {}

  /** The original position of a 1-based line and column of compiled code, if it has one. */
  originalPosition(line: number, column: number): Position | undefined {
    this.traces ??= [
      new TraceMap({ version: 3, sources: ['cell'], names: [], ...this.compiled() } as unknown as SourceMapInput),
      ...(this.typescript ? [new TraceMap(this.typescript)] : []),
    ];
    let position = { line, column: column - 1 };
    for (const trace of this.traces) {
      const original = originalPositionFor(trace, position);
      if (original.line === null) return undefined;
      position = { line: original.line, column: original.column };
    }
    return { line: position.line, column: position.column + 1 };
  }
}
