/**
 * `npm start` where Electron cannot run: here, with the real start script and the real, missing
 * Electron binary, it says why in one sentence and serves the same notebook in the browser
 * instead. Where the binary is installed (the release machines) the desktop app would start, so
 * the test is skipped there.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const electronInstalled = existsSync(join(root, 'node_modules', 'electron', 'path.txt'));
const skip = electronInstalled
  ? 'the Electron binary is installed here, so npm start would start the desktop app'
  : process.platform === 'win32'
    ? 'the browser opener is explorer.exe on Windows, which this test cannot stand in for'
    : false;
if (skip) console.log(`npm start fallback test not run: ${skip}`);

test('npm start without Electron says why and what fixes it, serves the notebook in the browser, and Ctrl+C ends it', { skip, timeout: 120_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'tessera-start-'));
  // The browser opener `tessera serve --open` runs, standing in for the user's browser.
  const bin = join(home, 'bin');
  mkdirSync(bin);
  const opened = join(home, 'opened');
  for (const opener of ['xdg-open', 'open']) {
    writeFileSync(join(bin, opener), `#!/bin/sh\necho "$1" >> '${opened}'\n`);
    chmodSync(join(bin, opener), 0o755);
  }
  const notebook = join(home, 'mine.tsnb');
  writeFileSync(notebook, '# Mine\n\n```ts\n1 + 1\n```\n');
  const { DISPLAY: _display, WAYLAND_DISPLAY: _wayland, ...env } = process.env;
  const start = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), 'mine.tsnb'], {
    cwd: root,
    env: { ...env, HOME: home, INIT_CWD: home, PATH: `${bin}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  start.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  start.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => start.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    for (let tries = 0; !(existsSync(opened) && /serving at (\S+)/.test(stdout)); tries++) {
      if (tries > 3000 || start.exitCode !== null) assert.fail(`the notebook was not served:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const explanation = stderr.split('\n').find((line) => line.startsWith('The desktop app cannot start here'));
    assert.match(explanation ?? '', /^The desktop app cannot start here: Electron's binary is not installed and could not be downloaded \(.+\); to fix it, run `node node_modules\/electron\/install\.js` .*\. Opening .*mine\.tsnb in your browser instead \(tessera serve --open\)\.$/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    const url = /serving at (\S+)/.exec(stdout)![1]!;
    // The browser is handed a launch page that leads to the URL, so the token is on no command line.
    assert.ok(readFileSync(readFileSync(opened, 'utf8').trim(), 'utf8').includes(url), 'the launch page leads to the served URL');
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<html/i);
  } finally {
    start.kill('SIGINT');
  }
  assert.deepEqual(await ended, { code: null, signal: 'SIGINT' });
});
