#!/usr/bin/env node
// `npm start [-- FILE]`: the desktop app on FILE (or a new notebook), or, where Electron cannot
// run, the same notebook in the browser, so that the user still gets the app.
//
// Electron cannot run without its binary, which the `electron` package downloads on first use
// (that needs its release host), nor on Linux without a display. Either way this says so in one
// sentence, with what would fix it, and starts `tessera serve --open` on the same notebook
// instead of ending in "TypeError: fetch failed" and a stack trace.
//
// The exit is the app's (or the server's): its exit code, or the signal that ended it, so Ctrl+C
// ends `npm start` as it ends any program.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronPackage = join(root, 'node_modules', 'electron');
// npm runs scripts in the package's folder; files on the command line are the user's.
const userCwd = process.env.INIT_CWD ?? process.cwd();
const files = process.argv.slice(2).map((file) => resolve(userCwd, file));

function installedElectron() {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** The Electron binary, downloaded if need be, or why there is none. */
function electronBinary() {
  const installed = installedElectron();
  if (installed) return { binary: installed };
  console.error('Downloading the Electron binary (once)…');
  const download = spawnSync(process.execPath, [join(electronPackage, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const downloaded = installedElectron();
  if (downloaded) return { binary: downloaded };
  const cause = /^\w*Error: .*$/m.exec(`${download.stderr ?? ''}${download.error?.message ?? ''}`)?.[0] ?? 'the download failed';
  return {
    problem: `Electron's binary is not installed and could not be downloaded (${cause})`,
    fix: 'run `node node_modules/electron/install.js` where its release host can be reached, or set ELECTRON_MIRROR to a mirror',
  };
}

function noDisplay() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return undefined;
  return { problem: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)', fix: 'start it in a desktop session, or under xvfb-run' };
}

/** Runs `command`, passing Ctrl+C and termination on, and ends this process as it ended. */
function runToTheEnd(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  let signalled;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      signalled = signal;
      child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    const ending = signal ?? signalled;
    if (!ending) process.exit(code ?? 1);
    // End by the same signal, as the shell and npm expect of a program stopped by Ctrl+C.
    process.removeAllListeners(ending);
    process.kill(process.pid, ending);
  });
}

const electron = electronBinary();
const cannot = 'problem' in electron ? electron : noDisplay();
if (cannot) {
  const notebook = files[0] ?? 'a new notebook';
  console.error(
    `The desktop app cannot start here: ${cannot.problem}; to fix it, ${cannot.fix}. ` +
      `Opening ${notebook} in your browser instead (tessera serve --open).`,
  );
  runToTheEnd(process.execPath, [join(root, 'bin', 'tessera.cjs'), 'serve', '--open', ...files.slice(0, 1)]);
} else {
  runToTheEnd(electron.binary, [root, ...files]);
}
