/**
 * How the app's main process starts, or does not: a second instance hands over and quits, and a
 * start that fails says so in a dialog instead of leaving no window and an unhandled rejection.
 */

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { app, dialog, electronFake, ipcMain } from '../fakes/electron.ts';
import { startMain, until, windowCount } from './start-main.ts';

test('a start that fails shows why and ends the app', async () => {
  // The data folder cannot be made: a file stands where it would be.
  const blocked = join(electronFake.home, 'not-a-folder');
  writeFileSync(blocked, '');
  app.setPath('userData', join(blocked, 'Tessera'));
  await startMain();
  await until(() => app.exitCode !== undefined, 'the app ended');
  assert.equal(app.exitCode, 1);
  assert.equal(windowCount(), 0);
  assert.equal(dialog.errorBoxes.at(-1)?.title, 'Tessera could not start');
  assert.match(dialog.errorBoxes.at(-1)?.content ?? '', /ENOTDIR|EEXIST/);
  assert.equal(ipcMain.handlers.size, 0);
});
