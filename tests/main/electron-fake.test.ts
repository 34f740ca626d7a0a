/**
 * The fake `electron` keeps Electron's semantics where main/ depends on them; these pin them, so
 * the glue tests that run on it mean what they say. Its shapes are checked against electron.d.ts
 * by tsc (`npm run typecheck`): each export `satisfies` the part of Electron's types main/ and
 * preload/ use, and the module as a whole is checked here.
 */

import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, test } from 'node:test';
import type * as Electron from 'electron';
import * as fake from '../fakes/electron.ts';
import { runtimeEntry } from '../../host/paths.ts';

// The module's surface that main/ and preload/ import, with Electron's own types.
({ ...fake }) satisfies Record<'app' | 'utilityProcess' | 'ipcMain' | 'ipcRenderer' | 'contextBridge' | 'shell' | 'protocol' | 'session' | 'dialog' | 'Menu' | 'BrowserWindow', unknown>;
fake.app satisfies Pick<Electron.App, 'whenReady' | 'isReady' | 'requestSingleInstanceLock' | 'getPath' | 'quit' | 'exit' | 'addRecentDocument'>;
fake.session.defaultSession satisfies Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

describe('the fake utility process', () => {
  test('has no pid and cannot be killed until it has spawned, as in Electron', async () => {
    const child = fake.utilityProcess.fork(runtimeEntry(), [], { cwd: tmpdir() });
    assert.equal(child.pid, undefined);
    assert.equal(child.kill(), false);
    await new Promise((resolve) => child.once('spawn', resolve));
    assert.equal(typeof child.pid, 'number');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    assert.equal(child.kill(), true);
    await exited;
    assert.equal(child.pid, undefined);
  });
});

describe('the fake IPC', () => {
  test('wraps a handler’s error as Electron does, and clones what crosses', async () => {
    const contents = new fake.WebContents();
    fake.ipcMain.handle('fake:fails', () => {
      throw new TypeError('no good');
    });
    fake.ipcMain.handle('fake:echo', (_event, value) => value);
    await assert.rejects(fake.fakeInvoke(contents, contents.mainFrame, 'fake:fails', []), {
      message: "Error invoking remote method 'fake:fails': TypeError: no good",
    });
    await assert.rejects(fake.fakeInvoke(contents, contents.mainFrame, 'fake:none', []), /No handler registered for 'fake:none'/);
    const value = { nested: [1] };
    const echoed = await fake.fakeInvoke(contents, contents.mainFrame, 'fake:echo', [value]);
    assert.deepEqual(echoed, value);
    assert.notEqual(echoed, value);
    assert.throws(() => fake.ipcMain.handle('fake:echo', () => undefined), /second handler/);
  });
});

describe('the fake app', () => {
  test('a window that refuses to close cancels the quit; the others still close', () => {
    const refusing = new fake.BrowserWindow();
    const willing = new fake.BrowserWindow();
    refusing.on('close', (event: { preventDefault(): void }) => event.preventDefault());
    fake.app.quit();
    assert.equal(willing.isDestroyed(), true);
    assert.equal(refusing.isDestroyed(), false);
    assert.equal(fake.app.exitCode, undefined);
    refusing.removeAllListeners('close');
    refusing.close();
    // No quit under way, nobody listens to window-all-closed: Electron's default is to quit.
    assert.equal(fake.app.exitCode, 0);
  });
});
