/**
 * The command line's grammar, parsed into a typed command or a usage error — never a guess: an
 * unknown option, a missing value or a stray argument is an error that says which.
 */

import { exportFormats, type ExportFormat } from '../../common/bridge/contract.ts';

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'version' }
  | {
      readonly name: 'run';
      readonly file: string;
      readonly json: boolean;
      readonly timeoutSeconds?: number;
      readonly keepGoing: boolean;
      readonly write: boolean;
      readonly graceSeconds: number;
    }
  | {
      readonly name: 'serve';
      readonly port: number;
      readonly open: boolean;
      readonly file?: string;
      readonly maxRuntimes?: number;
      readonly maxConnections?: number;
    }
  | { readonly name: 'export'; readonly file: string; readonly format: ExportFormat; readonly output?: string };

export class UsageError extends Error {}

/** How long `run` waits after the last cell for the timers and other work the cells left pending. */
const defaultGraceSeconds = 1;

export const usage = `Usage:
  tessera run FILE [--json] [--timeout SECONDS] [--keep-going] [--write] [--grace SECONDS]
      Runs every code cell of FILE (.tsnb, .md or .ipynb) in order in a fresh runtime.
      --json          one JSON object per line per event (output, display, result, error, pending, done)
      --timeout S     interrupt a cell that runs longer than S seconds; it counts as failed
      --keep-going    run the remaining cells after a failure (after the runtime died: in a fresh one)
      --write         save the outputs back into FILE
      --grace S       after the last cell, wait up to S seconds (default ${defaultGraceSeconds}) for timers and other
                      pending work, then end it and say what was pending
      Exit status: 0 all cells succeeded, 1 a cell failed (also after its result: a throwing timer,
      an unhandled rejection; or the runtime died), 2 usage error or unreadable file.
  tessera serve [--port N] [--open] [--max-runtimes N] [--max-connections N] [FILE]
      Serves the notebook UI in a browser on 127.0.0.1, behind a random token in the printed URL.
      Every browser tab is a notebook of its own, with its own runtime; Open and Save browse the
      folder serve was started in, and the folders below it.
      The token is your full privileges (files, and code run as you): share it with no one.
      --port N             listen on port N (default: a free port)
      --open               open the URL in the system's browser (the token stays off command lines)
      --max-runtimes N     runtimes running at once across all tabs (default 8)
      --max-connections N  tabs connected at once (default 32)
      FILE                 the notebook every new tab opens (default: a new notebook)
  tessera export FILE --to html|ipynb|tsnb [-o OUT]
      Writes FILE as a standalone web page, a Jupyter notebook or a Tessera notebook, with the
      outputs FILE holds; OUT is FILE with the format's extension unless given.
      Exit status: 0 written, 2 usage error or a file that cannot be read, parsed or written.
  tessera --help | --version
  tessera run --help | tessera serve --help | tessera export --help
`;

export function parseArguments(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-v') return { name: 'version' };
  if (name === 'run') return parseRun(rest);
  if (name === 'serve') return parseServe(rest);
  if (name === 'export') return parseExport(rest);
  throw new UsageError(`Unknown command "${name}"`);
}

function parseRun(args: readonly string[]): Command {
  let file: string | undefined;
  let json = false;
  let keepGoing = false;
  let write = false;
  let timeoutSeconds: number | undefined;
  let graceSeconds = defaultGraceSeconds;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (isHelp(arg)) return { name: 'help' };
    if (arg === '--json') json = true;
    else if (arg === '--keep-going') keepGoing = true;
    else if (arg === '--write') write = true;
    else if (arg === '--timeout') timeoutSeconds = seconds('--timeout', args[++i], 'above zero');
    else if (arg.startsWith('--timeout=')) timeoutSeconds = seconds('--timeout', arg.slice('--timeout='.length), 'above zero');
    else if (arg === '--grace') graceSeconds = seconds('--grace', args[++i], 'zero allowed');
    else if (arg.startsWith('--grace=')) graceSeconds = seconds('--grace', arg.slice('--grace='.length), 'zero allowed');
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option "${arg}" for run`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`run takes one file; "${arg}" is one too many`);
  }
  if (file === undefined) throw new UsageError('run needs the notebook file to run');
  return { name: 'run', file, json, keepGoing, write, graceSeconds, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) };
}

function parseServe(args: readonly string[]): Command {
  let port = 0;
  let open = false;
  let file: string | undefined;
  const limits: { maxRuntimes?: number; maxConnections?: number } = {};
  const limitOptions = { '--max-runtimes': 'maxRuntimes', '--max-connections': 'maxConnections' } as const;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (isHelp(arg)) return { name: 'help' };
    const [option, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (arg === '--open') open = true;
    else if (option === '--port') port = portNumber(inline ?? args[++i]);
    else if (Object.hasOwn(limitOptions, option)) {
      limits[limitOptions[option as keyof typeof limitOptions]] = wholeNumber(option, inline ?? args[++i]);
    } else if (arg.startsWith('-')) throw new UsageError(`Unknown option "${arg}" for serve`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`serve takes at most one file; "${arg}" is one too many`);
  }
  return { name: 'serve', port, open, ...limits, ...(file !== undefined ? { file } : {}) };
}

function isHelp(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

function wholeNumber(option: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < 1) throw new UsageError(`${option} needs a whole number above 0`);
  return number;
}

function parseExport(args: readonly string[]): Command {
  let file: string | undefined;
  let format: ExportFormat | undefined;
  let output: string | undefined;
  const formatOf = (value: string | undefined): ExportFormat => {
    const found = exportFormats.find((candidate) => candidate === value);
    if (found === undefined) throw new UsageError(`--to needs a format: ${exportFormats.join(', ')}`);
    return found;
  };
  const outputOf = (value: string | undefined): string => {
    if (value === undefined || value === '') throw new UsageError('-o needs the file to write');
    return value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (isHelp(arg)) return { name: 'help' };
    if (arg === '--to') format = formatOf(args[++i]);
    else if (arg.startsWith('--to=')) format = formatOf(arg.slice('--to='.length));
    else if (arg === '-o' || arg === '--output') output = outputOf(args[++i]);
    else if (arg.startsWith('--output=')) output = outputOf(arg.slice('--output='.length));
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option "${arg}" for export`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`export takes one file; "${arg}" is one too many`);
  }
  if (file === undefined) throw new UsageError('export needs the notebook file to export');
  if (format === undefined) throw new UsageError(`export needs --to ${exportFormats.join('|')}`);
  return { name: 'export', file, format, ...(output !== undefined ? { output } : {}) };
}

function seconds(option: string, value: string | undefined, zero: 'zero allowed' | 'above zero'): number {
  const number = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(number) || number < 0 || (number === 0 && zero === 'above zero')) {
    throw new UsageError(`${option} needs a number of seconds ${zero === 'above zero' ? 'above 0' : '(0 or more)'}`);
  }
  return number;
}

function portNumber(value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < 0 || number > 65535) throw new UsageError('--port needs a port number (0 to 65535)');
  return number;
}
