/** A second instance of the app hands its command line to the first (Electron does) and quits at once. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { app, electronFake, ipcMain } from '../fakes/electron.ts';
import { startMain, windowCount } from './start-main.ts';

test('another instance holding the lock: this one quits without a window', async () => {
  electronFake.singleInstanceLock = false;
  await startMain({ argv: ['/tmp/some.tsnb'] });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(app.exitCode, 0);
  assert.equal(windowCount(), 0);
  assert.equal(ipcMain.handlers.size, 0);
});
