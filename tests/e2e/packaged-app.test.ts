/**
 * The packaged app, as electron-builder made it, before it ships: it starts on a notebook named
 * on its command line, evaluates a TypeScript cell in its runtime, copies an output to the
 * clipboard, and quits. The release workflow builds a test package for it (`electron-builder
 * --dir` into dist-smoke/, with the inspect fuse on, which Playwright needs) and runs this under
 * xvfb on Linux. Anywhere without such a package, or without a display, it says so and is skipped.
 */

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';
import { packageRoot } from '../../host/paths.ts';
import { noDisplay } from './display.ts';

/** The test package's executable ($TESSERA_PACKAGED_APP, or found in dist-smoke/), or why there is none. */
function packagedApp(): { path: string } | { missing: string } {
  const named = process.env.TESSERA_PACKAGED_APP;
  if (named) return existsSync(named) ? { path: named } : { missing: `TESSERA_PACKAGED_APP names ${named}, which does not exist` };
  const output = join(packageRoot(), 'dist-smoke');
  const folders = existsSync(output) ? readdirSync(output) : [];
  const candidates = folders.flatMap((folder) => [
    join(output, folder, 'tessera'),
    join(output, folder, 'Tessera.exe'),
    join(output, folder, 'Tessera.app', 'Contents', 'MacOS', 'Tessera'),
  ]);
  const found = candidates.find((candidate) => existsSync(candidate));
  return found
    ? { path: found }
    : { missing: 'no packaged app in dist-smoke/: build one with `npx electron-builder --dir -c.directories.output=dist-smoke -c.electronFuses.enableNodeCliInspectArguments=true`' };
}

const app = packagedApp();
const skip = 'missing' in app ? app.missing : noDisplay();
if (skip) console.log(`Packaged app smoke test not run: ${skip}`);

test('the packaged app opens the file it is given, evaluates a TypeScript cell, copies its output, and quits', { skip: skip ?? false, timeout: 180_000 }, async () => {
  if ('missing' in app) return;
  const folder = mkdtempSync(join(tmpdir(), 'tessera-packaged-'));
  const notebook = join(folder, 'smoke.tsnb');
  writeFileSync(notebook, '# Packaged smoke\n\n```ts\nconst answer: number = 6 * 7;\nconsole.log(`the answer is ${answer}`);\n```\n');
  const electron = await _electron.launch({ executablePath: app.path, args: [notebook, `--user-data-dir=${join(folder, 'user-data')}`] });
  let quit = false;
  try {
    const window = await electron.firstWindow();
    await window.locator('.notebook-title').waitFor();
    assert.equal(await window.locator('.notebook-title').inputValue(), 'Packaged smoke');
    const cell = window.locator('.cell[data-cell-kind="code"]').first();
    await cell.locator('.monaco-editor').click();
    await window.keyboard.press('Shift+Enter');
    await cell.locator('.cell-status[data-state="evaluated"]').waitFor({ timeout: 60_000 });
    assert.match((await cell.locator('.cell-outputs').textContent()) ?? '', /the answer is 42/);
    // Copy writes the clipboard: the permission the app's page is granted.
    await cell.locator('.cell-outputs').hover();
    await cell.getByTitle('Copy output').click();
    await cell.getByTitle('Copy output').getByText('Copied').waitFor();
    assert.match(await electron.evaluate(({ clipboard }) => clipboard.readText()), /the answer is 42/);
    await electron.close();
    quit = true;
  } finally {
    if (!quit) await electron.close().catch(() => undefined);
  }
});
