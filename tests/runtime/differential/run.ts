/**
 * Runs one program two ways and says what each printed and how it ended: by Node, as an ES module
 * file, and by a real runtime, split into cells evaluated one after the other as a notebook does.
 */

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import { stripAnsi, type Harness } from '../harness.ts';

export interface Outcome {
  readonly stdout: string;
  /** `Name: message` of the error the program ended with; a SyntaxError is compared by name only. */
  readonly error?: string;
}

/** How a program becomes cells. */
export type Split = 'one cell' | 'cell per statement' | 'module above its tests';

/** The line that separates a corpus program's module from its tests. */
const testsMarker = '// --- tests';

export function splitProgram(source: string, split: Split): string[] {
  if (split === 'one cell') return [source];
  if (split === 'module above its tests') {
    const at = source.indexOf(testsMarker);
    return at < 0 ? [source] : [source.slice(0, at), source.slice(at)];
  }
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true });
  return program.body.map((statement) => source.slice(statement.start, statement.end));
}

/** Runs `source` as the module `name` in `dir` with this process's Node. */
export function runInNode(source: string, dir: string, name: string): Promise<Outcome> {
  const file = join(dir, name);
  writeFileSync(file, source);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve(code === 0 ? { stdout } : { stdout, error: comparable(uncaughtHeadline(stderr)) }));
  });
}

/** The `Name: message` line Node prints above the first frame of an uncaught error. */
function uncaughtHeadline(stderr: string): string {
  const lines = stderr.split('\n');
  const firstFrame = lines.findIndex((line) => line.startsWith('    at '));
  return (firstFrame > 0 ? lines[firstFrame - 1] : lines.find((line) => /^[A-Z]\w*: /.test(line))) ?? stderr;
}

/** Parsers word syntax errors differently (acorn before V8 in the runtime): the kind is what counts. */
function comparable(headline: string): string {
  return headline.startsWith('SyntaxError') ? 'SyntaxError' : headline;
}

/**
 * Evaluates `cells` in a chain of their own, each after the one before; stops at the first error,
 * as Run all does. A program that uses timers gets a last cell that waits for them: a timer due
 * later than every timer the program set fires after them all. Programs share the container
 * (starting one per program would be most of the suite's time): none of them changes globals.
 */
export async function runInCells(h: Harness, cells: readonly string[], container = 'differential'): Promise<Outcome> {
  const refs = new Set<string>();
  let previous: string | null = null;
  let error: string | undefined;
  for (const code of cells) {
    const evaluated = await h.evaluate(code, { container, after: previous });
    refs.add(evaluated.ref);
    const { result } = evaluated.response;
    if (!result.ok) {
      error = comparable(`${result.error.name}: ${result.error.message}`);
      break;
    }
    previous = evaluated.ref;
  }
  if (!error && cells.some((code) => code.includes('setTimeout'))) {
    await h.evaluate('await new Promise((resolve) => setTimeout(resolve, 500))', { container, after: previous });
  }
  const stdout = h.outputs
    .filter((message) => message.evaluationRef !== null && refs.has(message.evaluationRef))
    .flatMap((message) => message.outputs)
    .map((output) => (output.kind === 'text' && output.stream === 'stdout' ? output.text : ''))
    .join('');
  for (const ref of refs) h.client.forget(container, ref);
  return { stdout: stripAnsi(stdout), ...(error ? { error } : {}) };
}

/** The program with the semicolons that end its lines removed, as the no-semicolon style writes it. */
export function withoutSemicolons(source: string): string {
  return source.replace(/;([ \t]*(\/\/.*)?)$/gm, '$1');
}
