/**
 * The `tessera` command: `run` runs a notebook headless, `serve` serves the notebook UI to a
 * browser. Exit status: 0 success, 1 a cell failed, 2 a usage error or an unreadable file.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripAnsi } from '../common/notebook/ansi.ts';
import { parseArguments, usage, UsageError, type Command } from './cli/arguments.ts';
import { NotebookFileError } from './cli/notebook-file.ts';
import { runNotebook, type RunEvent } from './cli/run-notebook.ts';
import { packageRoot } from './paths.ts';
import { openInBrowser, writeLaunchPage } from './serve/open-in-browser.ts';
import { startServe } from './serve/start.ts';

async function main(argv: readonly string[]): Promise<number> {
  let command: Command;
  try {
    command = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`tessera: ${error.message}\n\n${usage}`);
    return 2;
  }
  switch (command.name) {
    case 'help':
      process.stdout.write(usage);
      return 0;
    case 'version': {
      const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
      process.stdout.write(`${version}\n`);
      return 0;
    }
    case 'run':
      try {
        const print = command.json ? printJson : humanPrinter(process.stdout.isTTY === true);
        return (await runNotebook(command, print)) ? 0 : 1;
      } catch (error) {
        if (!(error instanceof NotebookFileError)) throw error;
        process.stderr.write(`tessera: ${error.message}\n`);
        return 2;
      }
    case 'serve': {
      const server = await startServe({
        port: command.port,
        ...(command.file ? { file: command.file } : {}),
        ...(command.maxRuntimes ? { maxRuntimes: command.maxRuntimes } : {}),
        ...(command.maxConnections ? { maxConnections: command.maxConnections } : {}),
      });
      process.stdout.write(
        `Tessera is serving at ${server.url}\n` +
          'That URL carries the access token, which is your full privileges (your files, and code run as you): share it with no one. Ctrl+C stops it.\n',
      );
      const launchPage = command.open ? writeLaunchPage(server.url) : undefined;
      if (launchPage) openInBrowser(launchPage.file, () => process.stderr.write('tessera: could not open a browser; open the URL above yourself.\n'));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      launchPage?.remove();
      await server.close();
      return 0;
    }
  }
}

/** Machine-readable events carry plain text: colours are for people. */
function printJson(event: RunEvent): void {
  const plain = 'text' in event ? { ...event, text: stripAnsi(event.text) } : event;
  process.stdout.write(`${JSON.stringify(plain)}\n`);
}

/** Cells under a rule with their number; values and errors after what the cell printed. */
function humanPrinter(colours: boolean): (event: RunEvent) => void {
  const show = (text: string) => (colours ? text : stripAnsi(text));
  let current = 0;
  const header = (cell: number) => {
    if (cell === current) return;
    current = cell;
    process.stdout.write(`── cell ${cell} ${'─'.repeat(40)}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'output':
        header(event.cell);
        (event.stream === 'stderr' ? process.stderr : process.stdout).write(show(event.text));
        return;
      case 'display':
        header(event.cell);
        process.stdout.write(event.mime === 'text/plain' || event.mime === 'text/markdown' ? `${show(event.text)}\n` : `[${event.mime}]\n`);
        return;
      case 'result':
        header(event.cell);
        if (stripAnsi(event.text) !== 'undefined') process.stdout.write(`${show(event.text)}\n`);
        return;
      case 'error':
        header(event.cell);
        process.stdout.write(`${show(event.text)}\n`);
        return;
      case 'done':
        process.stdout.write(
          event.ok ? `\n${event.cells} cells ran.\n` : `\n${event.failed.length} of ${event.cells} cells failed: ${event.failed.join(', ')}.\n`,
        );
    }
  };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`tessera: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
