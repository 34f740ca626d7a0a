/**
 * The app's main process on macOS, where closing the last window keeps the app running: a quit
 * that the user cancelled must not come back when a window closes later.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { app, BrowserWindow, dialog } from '../fakes/electron.ts';
import { invokeFrom, startMain, until, windowCount } from './start-main.ts';

test('a quit cancelled at the unsaved-changes prompt is over: closing the last window later keeps the app', async () => {
  Object.defineProperty(process, 'platform', { value: 'darwin' });
  await startMain();
  await until(() => windowCount() === 1, 'a new notebook window');
  const [window] = BrowserWindow.getAllWindows();
  await invokeFrom(window!, 'document.dirty', { dirty: true });
  dialog.answers.push(2);
  app.quit();
  assert.equal(windowCount(), 1);
  dialog.answers.push(1);
  window!.close();
  assert.equal(windowCount(), 0);
  assert.equal(app.exitCode, undefined, 'the app still runs, as a macOS app does with no window');
  app.quit();
  assert.equal(app.exitCode, 0);
});
