/**
 * The `tessera` command: `run` runs a notebook headless, `serve` serves the notebook UI to a
 * browser, `export` writes a notebook as a web page, a Jupyter notebook or a Tessera notebook. Exit status: 0 success, 1 a cell failed, 2 a usage error or an unreadable file.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripAnsi } from '../common/notebook/ansi.ts';
import { parseArguments, usage, UsageError, type Command } from './cli/arguments.ts';
import { exportNotebookFile, NotebookFileError } from './cli/notebook-file.ts';
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
    case 'run': {
      const out = new BatchedOutput();
      try {
        const print = command.json ? jsonPrinter(out) : humanPrinter(out, process.stdout.isTTY === true);
        return (await runNotebook(command, print)) ? 0 : 1;
      } catch (error) {
        if (!(error instanceof NotebookFileError)) throw error;
        process.stderr.write(`tessera: ${error.message}\n`);
        return 2;
      } finally {
        out.flush();
      }
    }
    case 'export':
      try {
        const written = await exportNotebookFile(command.file, command.format, command.output);
        process.stdout.write(`Wrote ${written}\n`);
        return 0;
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

/**
 * The run's output, written in large writes: a write per event would cost a system call per line
 * of a chatty cell. Text waits until the end of the current turn of the event loop, or until a
 * buffer is large, and a change of stream writes what the other one holds first, so stdout and
 * stderr keep their order.
 */
class BatchedOutput {
  private stream: NodeJS.WriteStream = process.stdout;
  private buffered: string[] = [];
  private size = 0;
  private scheduled = false;

  write(stream: NodeJS.WriteStream, text: string): void {
    if (stream !== this.stream) {
      this.flush();
      this.stream = stream;
    }
    this.buffered.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.buffered.length === 0) return;
    this.stream.write(this.buffered.join(''));
    this.buffered = [];
    this.size = 0;
  }
}

/** Machine-readable events carry plain text: colours are for people. */
function jsonPrinter(out: BatchedOutput): (event: RunEvent) => void {
  return (event) => {
    const plain = 'text' in event ? { ...event, text: stripAnsi(event.text) } : event;
    out.write(process.stdout, `${JSON.stringify(plain)}\n`);
  };
}

/** Cells under a rule with their number; values and errors after what the cell printed. */
function humanPrinter(out: BatchedOutput, colours: boolean): (event: RunEvent) => void {
  const show = (text: string) => (colours ? text : stripAnsi(text));
  const print = (text: string) => out.write(process.stdout, text);
  let current = 0;
  const header = (cell: number) => {
    if (cell === current) return;
    current = cell;
    print(`── cell ${cell} ${'─'.repeat(40)}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'output':
        header(event.cell);
        out.write(event.stream === 'stderr' ? process.stderr : process.stdout, show(event.text));
        return;
      case 'display':
        header(event.cell);
        print(event.mime === 'text/plain' || event.mime === 'text/markdown' ? `${show(event.text)}\n` : `[${event.mime}]\n`);
        return;
      case 'result':
        header(event.cell);
        if (stripAnsi(event.text) !== 'undefined') print(`${show(event.text)}\n`);
        return;
      case 'error':
        header(event.cell);
        print(`${show(event.text)}\n`);
        return;
      case 'pending':
        out.write(process.stderr, `\n${event.text}.\n`);
        return;
      case 'done':
        print(
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
