/**
 * Strips TypeScript types with esbuild: a fast transformer, never a type check, so a type error
 * never stops a cell. Imports are kept verbatim because a name imported in one cell may be used
 * only in a later one, which esbuild cannot see; type-only imports (`import type`, `type` in a
 * specifier list) are still removed.
 */

import { transform, type Message } from 'esbuild';
import { CellSyntaxError } from './compile-cell.ts';

export interface StrippedCell {
  readonly code: string;
  /** esbuild's source map from `code` back to the TypeScript the user wrote. */
  readonly map: string;
}

export async function stripTypes(source: string, filename: string): Promise<StrippedCell> {
  try {
    const result = await transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'esnext',
      sourcemap: 'external',
      sourcefile: filename,
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
    });
    return { code: result.code, map: result.map };
  } catch (error) {
    const first = (error as { errors?: Message[] }).errors?.[0];
    if (!first) throw error;
    throw new CellSyntaxError(first.text, first.location?.line ?? 1, (first.location?.column ?? 0) + 1);
  }
}
