/**
 * The command line's grammar, parsed into a typed command or a usage error — never a guess: an
 * unknown option, a missing value or a stray argument is an error that says which.
 */

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
    }
  | { readonly name: 'serve'; readonly port: number; readonly open: boolean; readonly file?: string };

export class UsageError extends Error {}

export const usage = `Usage:
  tessera run FILE [--json] [--timeout SECONDS] [--keep-going] [--write]
      Runs every code cell of FILE (.tsnb, .md or .ipynb) in order in a fresh runtime.
      --json          one JSON object per line per event (output, display, result, error, done)
      --timeout S     interrupt a cell that runs longer than S seconds; it counts as failed
      --keep-going    run the remaining cells after a failure
      --write         save the outputs back into FILE
      Exit status: 0 all cells succeeded, 1 a cell failed, 2 usage error or unreadable file.
  tessera serve [--port N] [--open] [FILE]
      Serves the notebook UI in a browser on 127.0.0.1, behind a random token in the printed URL.
      Every browser tab is a notebook of its own, with its own runtime; Open and Save browse the
      folder serve was started in, and the folders below it.
      --port N        listen on port N (default: a free port)
      --open          open the printed URL in the default browser
      FILE            the notebook every new tab opens (default: a new notebook)
  tessera --help | --version
  tessera run --help | tessera serve --help
`;

export function parseArguments(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-v') return { name: 'version' };
  if (name === 'run') return parseRun(rest);
  if (name === 'serve') return parseServe(rest);
  throw new UsageError(`Unknown command "${name}"`);
}

function parseRun(args: readonly string[]): Command {
  let file: string | undefined;
  let json = false;
  let keepGoing = false;
  let write = false;
  let timeoutSeconds: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (isHelp(arg)) return { name: 'help' };
    if (arg === '--json') json = true;
    else if (arg === '--keep-going') keepGoing = true;
    else if (arg === '--write') write = true;
    else if (arg === '--timeout') timeoutSeconds = positiveNumber('--timeout', args[++i]);
    else if (arg.startsWith('--timeout=')) timeoutSeconds = positiveNumber('--timeout', arg.slice('--timeout='.length));
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option "${arg}" for run`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`run takes one file; "${arg}" is one too many`);
  }
  if (file === undefined) throw new UsageError('run needs the notebook file to run');
  return { name: 'run', file, json, keepGoing, write, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}) };
}

function parseServe(args: readonly string[]): Command {
  let port = 0;
  let open = false;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (isHelp(arg)) return { name: 'help' };
    if (arg === '--open') open = true;
    else if (arg === '--port') port = portNumber(args[++i]);
    else if (arg.startsWith('--port=')) port = portNumber(arg.slice('--port='.length));
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option "${arg}" for serve`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`serve takes at most one file; "${arg}" is one too many`);
  }
  return { name: 'serve', port, open, ...(file !== undefined ? { file } : {}) };
}

function isHelp(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

function positiveNumber(option: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isFinite(number) || number <= 0) throw new UsageError(`${option} needs a number of seconds above 0`);
  return number;
}

function portNumber(value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < 0 || number > 65535) throw new UsageError('--port needs a port number (0 to 65535)');
  return number;
}
