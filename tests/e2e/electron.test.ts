/**
 * The desktop app end to end: Electron starts, opens a notebook window, a cell typed into Monaco
 * runs in a utility-process runtime, and its output shows. It needs the Electron binary, which
 * the `electron` package downloads on first use, and a display; where either is missing the test
 * says so and is skipped. The release workflow runs it on macOS, Windows and Linux (under xvfb).
 */

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';
import { packageRoot } from '../../host/paths.ts';
import { noDisplay } from './display.ts';

/** The Electron binary if installed, or the reason it cannot be used here. */
function electronBinary(): { path: string } | { missing: string } {
  const electronDir = join(packageRoot(), 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'the Electron binary is not installed: node_modules/electron/path.txt is missing. The electron package ' +
        'downloads its binary on first run (npm start), which needs its release host; this machine cannot reach it.',
    };
  }
  const path = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `the Electron binary ${path} named by path.txt does not exist` };
}

const binary = electronBinary();
const skip = 'missing' in binary ? binary.missing : noDisplay();
if (skip) console.log(`Electron end-to-end test not run: ${skip}`);

test('the app opens a notebook window, evaluates a cell, shows and copies its output, and answers the bridge as the fake electron does', { skip: skip ?? false, timeout: 120_000 }, async () => {
  if ('missing' in binary) return;
  const userData = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [packageRoot(), `--user-data-dir=${userData}`],
  });
  try {
    const window = await app.firstWindow();
    assert.match(window.url(), /^app:\/\/tessera\//);
    // The renderer has no Node: the bridge is the only thing the preload put on window.
    assert.equal(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
    await window.locator('.notebook-title').waitFor();
    const cell = window.locator('.cell[data-cell-kind="code"]').first();
    await cell.locator('.monaco-editor').click();
    await window.keyboard.insertText('console.log("from electron"); 6 * 7');
    await window.keyboard.press('Shift+Enter');
    await cell.locator('.cell-status[data-state="evaluated"]').waitFor({ timeout: 60_000 });
    const output = (await cell.locator('.cell-outputs').textContent()) ?? '';
    assert.match(output, /from electron/);
    assert.match(output, /42/);

    // Copy on an output writes the clipboard: the app's page holds that permission.
    await cell.locator('.cell-outputs').hover();
    await cell.getByTitle('Copy output').click();
    await cell.getByTitle('Copy output').getByText('Copied').waitFor();
    assert.match(await app.evaluate(({ clipboard }) => clipboard.readText()), /from electron/);

    // Errors from main reach the page as the handler's own message, not Electron's wrapping of it;
    // a path the page names itself is refused.
    type Bridge = { invoke(channel: string, ...args: unknown[]): Promise<unknown> };
    const rejection = (channel: string, request: unknown) =>
      window.evaluate(
        ([channel, request]) => ((globalThis as unknown as { tessera: Bridge }).tessera.invoke(channel as string, request)).then(() => 'resolved', (error: Error) => error.message),
        [channel, request] as const,
      );
    assert.equal(await rejection('document.open', { path: 42 }), 'document.open: argument 1 field "path" must be a string');
    assert.match(await rejection('document.open', { path: '/etc/passwd' }), /^document\.open: refused, a path comes from the app's file dialogs or its recent files$/);
  } finally {
    await app.close();
  }
});
