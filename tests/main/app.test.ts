/**
 * The app's main process, `main/index.ts` itself, on the fake `electron`: start with files on the
 * command line and from the system, second launches, what a window may do, and quitting with
 * unsaved changes.
 */

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import { app, BrowserWindow, dialog, electronFake, FakeFrame, fakePermissionCheck, fakePermissionRequest } from '../fakes/electron.ts';
import { findUserNode } from '../../main/user-node.ts';
import { invokeFrom, startMain, until, windowCount } from './start-main.ts';

const folder = mkdtempSync(join(tmpdir(), 'tessera-app-'));
const notebook = (name: string) => {
  const path = join(folder, name);
  writeFileSync(path, `# ${name}\n`);
  return path;
};
const fromArgv = notebook('argv.tsnb');
const fromFinder = notebook('finder.tsnb');
const fromEarlyLaunch = notebook('early.tsnb');

/** The window showing `path`, once its page has asked for its document. */
async function windowOf(path: string): Promise<BrowserWindow> {
  for (const window of BrowserWindow.getAllWindows()) {
    const initial = (await invokeFrom(window, 'document.initial')) as { path: string } | null;
    if (initial?.path === path) return window;
  }
  throw new Error(`no window shows ${path}`);
}

before(async () => {
  await startMain({
    argv: [fromArgv],
    beforeReady: () => {
      electronFake.openFile(fromFinder);
      electronFake.secondInstance(['/opt/Tessera/tessera', fromEarlyLaunch], folder);
    },
  });
  await until(() => windowCount() === 3, 'a window for each file given at start');
});

describe('starting', () => {
  test('opens the files of the command line, and those handed over while Electron started', async () => {
    for (const path of [fromArgv, fromFinder, fromEarlyLaunch]) await windowOf(path);
  });

  test('keeps unsaved notebooks in the app’s data folder, not in Documents (no privacy prompt on macOS)', () => {
    assert.ok(existsSync(join(app.getPath('userData'), 'scratch')));
    assert.ok(!existsSync(join(app.getPath('documents'), 'Tessera')));
  });
});

describe('a second launch', () => {
  test('opens its files in this instance, file: URLs (a desktop’s %U) too', async () => {
    const viaUrl = notebook('url.tsnb');
    electronFake.secondInstance(['/opt/Tessera/tessera', pathToFileURL(viaUrl).href], '/');
    await until(() => windowCount() === 4, 'a window for the file: URL');
    await windowOf(viaUrl);
  });

  test('without files opens a new notebook', async () => {
    electronFake.secondInstance(['/opt/Tessera/tessera'], folder);
    await until(() => windowCount() === 5, 'a new window');
  });
});

describe('a notebook’s runtime', () => {
  test('runs on Electron’s Node, or on the user’s own where the notebook says so, and the status says which', async () => {
    const plain = await windowOf(fromArgv);
    await invokeFrom(plain, 'runtime.connect');
    assert.match(((await invokeFrom(plain, 'runtime.status')) as { node?: string }).node ?? '', /^Node v\d+\.\d+\.\d+ \(Electron's\)$/);
    const ownNode = notebook('own-node.tsnb');
    writeFileSync(ownNode, '# Own Node\n\n<!-- tessera:notebook {"runtime":"user"} -->\n\n```js\n1\n```\n');
    electronFake.secondInstance(['/opt/Tessera/tessera', ownNode], folder);
    await until(() => windowCount() === 6, 'a window for the notebook');
    const window = await windowOf(ownNode);
    await invokeFrom(window, 'runtime.connect');
    const user = findUserNode();
    const expected = user ? `Node ${user.version} (yours, ${user.path})` : undefined;
    assert.equal(((await invokeFrom(window, 'runtime.status')) as { node?: string }).node, expected ?? ((await invokeFrom(plain, 'runtime.status')) as { node?: string }).node);
  });
});

describe('a window', () => {
  test('may write and read the clipboard from the app’s page, and nothing else', async () => {
    const window = await windowOf(fromArgv);
    const contents = window.webContents;
    assert.equal(await fakePermissionRequest(contents, 'clipboard-sanitized-write'), true);
    assert.equal(await fakePermissionRequest(contents, 'clipboard-read'), true);
    assert.equal(fakePermissionCheck(contents, 'clipboard-sanitized-write'), true);
    assert.equal(fakePermissionCheck(contents, 'clipboard-read'), true);
    for (const permission of ['media', 'notifications', 'geolocation', 'display-capture'] as const) {
      assert.equal(await fakePermissionRequest(contents, permission), false, permission);
      assert.equal(fakePermissionCheck(contents, permission), false, permission);
    }
  });

  test('gives the output frame no permission, the clipboard included', async () => {
    const window = await windowOf(fromArgv);
    const outputFrame = new FakeFrame('app://tessera/output-frame.html', window.webContents.mainFrame);
    assert.equal(await fakePermissionRequest(window.webContents, 'clipboard-sanitized-write', outputFrame), false);
    assert.equal(fakePermissionCheck(window.webContents, 'clipboard-sanitized-write', outputFrame), false);
  });

  test('lets WebRTC send nothing around the proxy settings', () => {
    for (const window of BrowserWindow.getAllWindows()) assert.equal(window.webContents.webRTCIPHandlingPolicy, 'disable_non_proxied_udp');
  });
});

describe('quitting', () => {
  test('a dirty window asks first, and Cancel keeps the app and that window (the clean ones have closed, as in Electron)', async () => {
    const window = await windowOf(fromArgv);
    await invokeFrom(window, 'document.dirty', { dirty: true });
    dialog.answers.push(2);
    app.quit();
    assert.deepEqual(BrowserWindow.getAllWindows(), [window]);
    assert.equal(app.exitCode, undefined);
    assert.match(String(dialog.messageBoxes.at(-1)?.message), /argv\.tsnb/);
  });

  test('Save saves, closes the window and goes on quitting', async () => {
    const window = await windowOf(fromArgv);
    dialog.answers.push(0);
    app.quit();
    await until(() => window.webContents.sent.some((message) => message.payload === 'file.saveAndClose'), 'the renderer asked to save');
    // The renderer's part: save, then close.
    await invokeFrom(window, 'document.save', { content: '# saved on quit\n' });
    await invokeFrom(window, 'window.close');
    assert.equal(readFileSync(fromArgv, 'utf8'), '# saved on quit\n');
    await until(() => app.exitCode !== undefined, 'the app quit');
    assert.equal(app.exitCode, 0);
    assert.equal(windowCount(), 0);
  });
});
