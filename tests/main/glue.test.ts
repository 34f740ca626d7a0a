import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, BridgeEvents } from '../../common/bridge/contract.ts';
import { unwrapInvokeResult, type InvokeResult } from '../../common/bridge/invoke-result.ts';
import { bridgeChannels } from '../../common/bridge/validate.ts';
import { forkLauncher } from '../../host/fork-launcher.ts';
import { packageRoot } from '../../host/paths.ts';
import { TrackedDocumentFiles } from '../../host/session/document-files.ts';
import { NotebookSession, type Backups } from '../../host/session/notebook-session.ts';
import { RecentFilesStore } from '../../host/session/recent-files.ts';
import { TrustedNotebooksStore } from '../../host/session/trusted-notebooks.ts';
import { handleAppProtocol } from '../../main/app-protocol.ts';
import { notebookFilesIn } from '../../main/command-line.ts';
import { registerBridgeHandlers } from '../../main/ipc.ts';
import { menuTemplate } from '../../main/menu.ts';
import type { RuntimeChoice } from '../../main/runtime-choice.ts';
import type { UserNode } from '../../main/user-node.ts';
import { contentSecurityPolicy, contentSecurityPolicyFor, lockDown } from '../../main/security.ts';
import { NotebookWindows, type WindowHooks } from '../../main/windows.ts';
import { BrowserWindow, contextBridge, dialog, FakeFrame, fakeInvoke, fakeNavigation, fakeRendererOf, ipcMain, protocol, shell, WebContents } from '../fakes/electron.ts';

const noBackups: Backups = {
  schedule: () => undefined,
  discard: () => undefined,
  release: () => undefined,
  list: async () => [],
  read: async () => Promise.reject(new Error('none')),
  remove: async () => undefined,
};

/** Calls a bridge channel as the page in `contents` would through its preload, from `frame` (its main frame by default). */
async function invokeAs(contents: WebContents, channel: string, args: unknown[], frame: FakeFrame = contents.mainFrame): Promise<unknown> {
  return unwrapInvokeResult((await fakeInvoke(contents, frame, channel, args)) as InvokeResult);
}

const recent = new RecentFilesStore();
const scratch = mkdtempSync(join(tmpdir(), 'tessera-main-'));
const sessions: NotebookSession[] = [];
const windows = new NotebookWindows({
  preload: '/app/out/preload/index.cjs',
  createSession: (hooks: WindowHooks) => {
    const session = new NotebookSession({
      host: { kind: 'electron', fileDialogs: true, platform: process.platform },
      launcher: forkLauncher(),
      scratchDir: scratch,
      files: new TrackedDocumentFiles(),
      recent,
      dialogs: { chooseFileToOpen: async () => dialog.openAnswers.shift(), chooseFileToSave: async () => dialog.saveAnswers.shift() },
      backups: noBackups,
      trust: new TrustedNotebooksStore(),
      newDocument: () => '# New\n',
      window: hooks,
    });
    sessions.push(session);
    return session;
  },
});
registerBridgeHandlers({ sessionOf: (contents) => windows.sessionOf(contents as never), recentFiles: () => recent.list() });
after(() => {
  for (const session of sessions) session.dispose();
});

async function openWindow(): Promise<BrowserWindow> {
  return (await windows.openWindow()) as unknown as BrowserWindow;
}

describe('a notebook window', () => {
  test('is sandboxed and context-isolated without Node, and loads the app protocol', async () => {
    const window = await openWindow();
    const preferences = window.options.webPreferences ?? {};
    assert.equal(preferences.sandbox, true);
    assert.equal(preferences.contextIsolation, true);
    assert.equal(preferences.nodeIntegration, false);
    assert.equal(preferences.webviewTag, false);
    assert.equal(preferences.preload, '/app/out/preload/index.cjs');
    assert.equal(window.webContents.getURL(), 'app://tessera/index.html');
  });

  test('the page carries the same CSP as the protocol’s header', () => {
    const html = readFileSync(join(packageRoot(), 'renderer', 'index.html'), 'utf8');
    assert.equal(/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1], contentSecurityPolicy);
  });

  test('the CSP allows scripts only from the app', () => {
    assert.match(contentSecurityPolicy, /default-src 'none'/);
    assert.match(contentSecurityPolicy, /script-src 'self'(;|$)/);
    assert.doesNotMatch(contentSecurityPolicy, /unsafe-eval/);
  });
});

describe('files on the command line', () => {
  test('are the existing notebooks among the arguments, resolved against the folder given', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tessera-argv-'));
    for (const name of ['a.tsnb', 'b.IPYNB', 'c.md', 'd.txt']) writeFileSync(join(folder, name), '');
    assert.deepEqual(
      notebookFilesIn(['/opt/Tessera/tessera', '--inspect', 'a.tsnb', 'b.IPYNB', 'c.md', 'd.txt', 'missing.tsnb'], folder),
      [join(folder, 'a.tsnb'), join(folder, 'b.IPYNB'), join(folder, 'c.md')],
    );
  });
});

describe('the app protocol', () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'tessera-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<p>app</p>');
  writeFileSync(join(rendererDir, 'output-frame.html'), '<p>frame</p>');
  handleAppProtocol(rendererDir);
  const fetchApp = (url: string) => protocol.handlers.get('app')!(new Request(url));

  test('serves the renderer with the strict policy, and the output frame page with its own', async () => {
    const page = await fetchApp('app://tessera/');
    assert.equal(await page.text(), '<p>app</p>');
    assert.equal(page.headers.get('content-security-policy'), `${contentSecurityPolicy}; frame-ancestors 'none'`, 'the page’s policy, and no page may frame it');
    const frame = await fetchApp('app://tessera/output-frame.html');
    assert.equal(frame.headers.get('content-security-policy'), contentSecurityPolicyFor('/output-frame.html'));
    assert.notEqual(contentSecurityPolicyFor('/output-frame.html'), contentSecurityPolicy);
  });

  test('answers 404 outside the renderer and for other hosts', async () => {
    assert.equal((await fetchApp('app://tessera/..%2F..%2Fetc%2Fpasswd')).status, 404);
    assert.equal((await fetchApp('app://elsewhere/index.html')).status, 404);
  });
});

describe('the bridge handlers', () => {
  test('cover every channel of the contract', () => {
    for (const channel of bridgeChannels) assert.ok(ipcMain.handlers.has(`tessera:${channel}`), channel);
  });

  test('answer a call from a window’s main frame', async () => {
    const window = await openWindow();
    const info = await invokeAs(window.webContents, 'tessera:host.info', []);
    assert.deepEqual(info, { kind: 'electron', fileDialogs: true, platform: process.platform });
    assert.deepEqual(await invokeAs(window.webContents, 'tessera:document.new', []), { path: null, content: '# New\n', trusted: true });
  });

  test('reject a sender that is not one of our windows', async () => {
    const stranger = new WebContents();
    stranger.mainFrame.url = 'app://tessera/index.html';
    await assert.rejects(async () => invokeAs(stranger, 'tessera:host.info', []), /not a Tessera window/);
  });

  test('reject a sub-frame and a page from another origin', async () => {
    const window = await openWindow();
    await assert.rejects(async () => invokeAs(window.webContents, 'tessera:host.info', [], new FakeFrame('app://tessera/index.html')), /not a Tessera window/);
    window.webContents.mainFrame.url = 'https://evil.example/';
    await assert.rejects(async () => invokeAs(window.webContents, 'tessera:host.info', []), /not a Tessera window/);
  });

  test('reject the output frame’s page, even loaded as a main frame', async () => {
    const window = await openWindow();
    window.webContents.mainFrame.url = 'app://tessera/output-frame.html';
    await assert.rejects(async () => invokeAs(window.webContents, 'tessera:host.info', []), /not a Tessera window/);
  });

  test('take paths only from the dialogs or the recent files main keeps', async () => {
    const window = await openWindow();
    const folder = mkdtempSync(join(tmpdir(), 'tessera-paths-'));
    const known = join(folder, 'known.tsnb');
    writeFileSync(known, '# Known\n');
    await assert.rejects(async () => invokeAs(window.webContents, 'tessera:document.open', [{ path: known }]), /refused, a path comes from/);
    recent.add(known);
    assert.deepEqual(await invokeAs(window.webContents, 'tessera:document.open', [{ path: known }]), { path: known, content: '# Known\n', trusted: false });
    for (const [channel, args] of [
      ['tessera:document.saveAs', { content: 'x', path: join(folder, 'elsewhere.tsnb') }],
      ['tessera:document.export', { content: 'x', format: 'html', path: join(folder, 'elsewhere.html') }],
    ] as const) {
      await assert.rejects(async () => invokeAs(window.webContents, channel, [args]), /refused, a path comes from/);
    }
    // A path the save dialog answered may be saved to, by that window.
    dialog.saveAnswers.push(join(folder, 'chosen.tsnb'));
    assert.equal(await invokeAs(window.webContents, 'tessera:document.chooseSavePath', [{ extension: '.tsnb' }]), join(folder, 'chosen.tsnb'));
    assert.deepEqual(await invokeAs(window.webContents, 'tessera:document.saveAs', [{ content: '# Chosen\n', path: join(folder, 'chosen.tsnb') }]), { ok: true, path: join(folder, 'chosen.tsnb') });
    assert.equal(readFileSync(join(folder, 'chosen.tsnb'), 'utf8'), '# Chosen\n');
  });

  test('answer an error as the handler threw it, not wrapped by Electron', async () => {
    const window = await openWindow();
    const answer = (await fakeInvoke(window.webContents, window.webContents.mainFrame, 'tessera:backup.restore', [{ id: 'no-such-backup' }])) as InvokeResult;
    assert.deepEqual(answer, { ok: false, error: { name: 'Error', message: 'none' } });
  });

  test('reject arguments of the wrong shape before any handler runs', async () => {
    const window = await openWindow();
    await assert.rejects(
      async () => invokeAs(window.webContents, 'tessera:runtime.evaluate', [{ containerRef: 'main', evaluationRef: 'e', prevEvaluationRef: null, code: 1, language: 'js' }]),
      /argument 1 field "code" must be a string/,
    );
    await assert.rejects(async () => invokeAs(window.webContents, 'tessera:document.open', [{ path: '/x', extra: true }]), /unknown field "extra"/);
  });

  test('evaluate through the window’s own runtime and push its messages to that window', async () => {
    const window = await openWindow();
    await invokeAs(window.webContents, 'tessera:runtime.evaluate', [
      { containerRef: 'main', evaluationRef: 'e1', prevEvaluationRef: null, code: 'console.log("from the window"); 6 * 7', language: 'js' },
    ]);
    const sent = window.webContents.sent;
    const deadline = Date.now() + 10_000;
    const response = () =>
      sent
        .filter((message) => message.channel === 'tessera-event:runtime.messages')
        .flatMap((message) => message.payload as BridgeEvents['runtime.messages'])
        .find((message) => message.type === 'response');
    while (!response() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const answer = response();
    assert.ok(answer?.type === 'response' && answer.result.ok && answer.result.value.text.includes('42'));
    assert.ok(sent.some((message) => message.channel === 'tessera-event:runtime.status'));
  });
});

describe('closing a window', () => {
  const dirtyWindow = async () => {
    const window = await openWindow();
    await invokeAs(window.webContents, 'tessera:document.dirty', [{ dirty: true }]);
    assert.equal(window.documentEdited, true);
    return window;
  };

  test('asks before closing a dirty window, and Cancel keeps it open', async () => {
    const window = await dirtyWindow();
    dialog.answers.push(2);
    window.close();
    assert.equal(window.isDestroyed(), false);
    assert.match(String(dialog.messageBoxes.at(-1)?.message), /save the changes/);
  });

  test('Save asks the renderer to save and close', async () => {
    const window = await dirtyWindow();
    dialog.answers.push(0);
    window.close();
    assert.equal(window.isDestroyed(), false);
    assert.deepEqual(window.webContents.sent.at(-1), { channel: 'tessera-event:app.command', payload: 'file.saveAndClose' });
    await invokeAs(window.webContents, 'tessera:window.close', []);
    assert.equal(window.isDestroyed(), true);
  });

  test("Don't Save closes, and closing stops the window's session", async () => {
    const window = await dirtyWindow();
    dialog.answers.push(1);
    window.close();
    assert.equal(window.isDestroyed(), true);
    assert.equal(windows.sessionOf(window.webContents as never), undefined);
  });

  test('a clean window closes without asking', async () => {
    const window = await openWindow();
    const asked = dialog.messageBoxes.length;
    window.close();
    assert.equal(window.isDestroyed(), true);
    assert.equal(dialog.messageBoxes.length, asked);
  });
});

describe('the application menu', () => {
  const sent: AppCommand[] = [];
  const opened: string[] = [];
  const chosen: RuntimeChoice[] = [];
  const templateFor = (platform: NodeJS.Platform, recentFiles: readonly string[] = [], userNode?: UserNode) =>
    menuTemplate(platform, {
      send: (command) => sent.push(command),
      newWindow: () => sent.push('file.new'),
      recent: recentFiles,
      openRecent: (path) => opened.push(path),
      runtime: { choice: 'automatic', userNode, choose: (choice) => chosen.push(choice) },
    });
  const itemsOf = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? itemsOf(item.submenu as MenuItemConstructorOptions[]) : [])]);
  const item = (platform: NodeJS.Platform, id: string) => itemsOf(templateFor(platform)).find((candidate) => candidate.id === id);
  /** The shortcuts the editor handles itself: a menu must never take them from it. */
  const rendererShortcuts = ['cell.run', 'cell.runAndAdvance', 'cell.runAll', 'cell.insertCodeBelow', 'cell.insertMarkdownBelow', 'cell.moveUp', 'cell.moveDown', 'cell.delete', 'runtime.interrupt', 'view.commandPalette'];
  const platforms: NodeJS.Platform[] = ['darwin', 'win32', 'linux'];

  test('has File, Edit, Cell, Runtime and View menus on every platform, and the app menu on macOS only', () => {
    for (const platform of platforms) {
      const labels = templateFor(platform).map((menu) => menu.label ?? menu.role);
      for (const label of ['File', 'editMenu', 'Cell', 'Runtime', 'View']) assert.ok(labels.includes(label), `${platform}: ${label}`);
      assert.equal(labels.includes('appMenu'), platform === 'darwin', platform);
    }
  });

  test('wires each command to its accelerator and sends it when clicked', () => {
    const expected: Record<string, string> = {
      'file.open': 'CmdOrCtrl+O',
      'file.save': 'CmdOrCtrl+S',
      'file.saveAs': 'CmdOrCtrl+Shift+S',
      'cell.run': 'CmdOrCtrl+Enter',
      'cell.runAndAdvance': 'Shift+Enter',
      'cell.runAll': 'CmdOrCtrl+Shift+Enter',
      'runtime.interrupt': 'CmdOrCtrl+.',
      'view.commandPalette': 'CmdOrCtrl+Shift+P',
    };
    for (const platform of ['win32', 'linux'] as const) {
      for (const [id, accelerator] of Object.entries(expected)) {
        assert.equal(item(platform, id)?.accelerator, accelerator, `${platform}: ${id}`);
        (item(platform, id)?.click as () => void)();
        assert.equal(sent.at(-1), id);
      }
    }
    assert.equal(item('darwin', 'file.save')?.accelerator, 'CmdOrCtrl+S');
  });

  test('on Linux and Windows shows the editor’s shortcuts without registering them, so Shift+Enter still types in text fields', () => {
    for (const platform of ['win32', 'linux'] as const) {
      for (const id of rendererShortcuts) assert.equal(item(platform, id)?.registerAccelerator, false, `${platform}: ${id}`);
      assert.equal(item(platform, 'file.save')?.registerAccelerator, true);
    }
  });

  test('on macOS, where a menu shortcut always fires, leaves the editor’s shortcuts out of the menu', () => {
    for (const id of rendererShortcuts) {
      assert.ok(item('darwin', id), id);
      assert.equal(item('darwin', id)?.accelerator, undefined, id);
    }
  });

  test('Runtime chooses the Node for new runtimes, the user’s own only when there is one', () => {
    const itemsWith = (userNode?: UserNode) => itemsOf(templateFor('linux', [], userNode));
    const choice = (items: MenuItemConstructorOptions[], id: string) => items.find((candidate) => candidate.id === id)!;
    const found = itemsWith({ path: '/usr/local/bin/node', version: 'v24.1.0' });
    assert.equal(choice(found, 'runtime.node.automatic').checked, true);
    assert.equal(choice(found, 'runtime.node.user').label, 'Yours: v24.1.0, /usr/local/bin/node');
    (choice(found, 'runtime.node.user').click as () => void)();
    assert.deepEqual(chosen, ['user']);
    assert.equal(choice(itemsWith(), 'runtime.node.user').enabled, false);
  });

  test('Open Recent is the system’s list on macOS and the app’s own elsewhere', () => {
    const roles = (platform: NodeJS.Platform) => itemsOf(templateFor(platform)).map((candidate) => candidate.role);
    assert.ok(roles('darwin').includes('recentDocuments') && roles('darwin').includes('clearRecentDocuments'));
    for (const platform of ['win32', 'linux'] as const) {
      assert.ok(!roles(platform).includes('recentDocuments') && !roles(platform).includes('clearRecentDocuments'), platform);
      const openRecent = itemsOf(templateFor(platform, ['/notes/a.tsnb', '/notes/b.tsnb'])).find((candidate) => candidate.id === 'file.openRecent');
      const entries = openRecent?.submenu as MenuItemConstructorOptions[];
      assert.deepEqual(entries.map((entry) => entry.label), ['/notes/a.tsnb', '/notes/b.tsnb']);
      (entries[1]?.click as () => void)();
      assert.equal(opened.at(-1), '/notes/b.tsnb');
      assert.equal(itemsOf(templateFor(platform)).find((candidate) => candidate.id === 'file.openRecent')?.enabled, false);
    }
  });

  test('offers Restart and Run All and Clear All Outputs in the Runtime menu', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const id of ['runtime.restart', 'runtime.restartAndRunAll', 'runtime.clearAllOutputs']) {
        (item(platform, id)?.click as () => void)();
        assert.equal(sent.at(-1), id);
      }
    }
  });
});

describe('navigation and new windows', () => {
  const contents = new WebContents();
  lockDown(contents as never, (url) => void shell.openExternal(url));
  const subframe = new FakeFrame('app://tessera/output-frame.html', contents.mainFrame);

  test('stays within the app, sending web links to the system browser', () => {
    assert.equal(fakeNavigation(contents, 'app://tessera/index.html'), true);
    assert.equal(fakeNavigation(contents, 'https://example.com/docs'), false);
    assert.equal(shell.opened.at(-1), 'https://example.com/docs');
    assert.equal(fakeNavigation(contents, 'file:///etc/passwd'), false);
    assert.notEqual(shell.opened.at(-1), 'file:///etc/passwd');
  });

  test('keeps every frame within the app, as the page', () => {
    const opened = shell.opened.length;
    assert.equal(fakeNavigation(contents, 'app://tessera/output-frame.html', 'will-frame-navigate', subframe), true);
    assert.equal(fakeNavigation(contents, 'file:///etc/passwd', 'will-frame-navigate', subframe), false);
    assert.equal(fakeNavigation(contents, 'https://example.com/frame', 'will-frame-navigate', subframe), false);
    assert.deepEqual(shell.opened.slice(opened), ['https://example.com/frame']);
    // The main frame's navigation is will-navigate's to answer: once, not twice.
    assert.equal(fakeNavigation(contents, 'https://example.com/page', 'will-frame-navigate'), true);
    assert.equal(shell.opened.length, opened + 1);
  });

  test('denies every new window, opening only http(s) outside', () => {
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://example.com' } as never), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' } as never), { action: 'deny' });
    assert.equal(shell.opened.at(-1), 'https://example.com');
  });

  test('WebRTC sends nothing around the proxy settings', () => {
    assert.equal(contents.webRTCIPHandlingPolicy, 'disable_non_proxied_udp');
  });
});

describe('the preload', () => {
  type Bridge = { invoke: (channel: string, ...args: unknown[]) => Promise<unknown> };

  test('exposes only the typed bridge, which reaches main’s handlers, and refuses unknown channels', async () => {
    const window = await openWindow();
    fakeRendererOf(window.webContents);
    await import('../../preload/index.ts');
    const bridge = contextBridge.exposed.get('tessera') as Bridge;
    assert.deepEqual([...contextBridge.exposed.keys()], ['tessera']);
    assert.deepEqual(await bridge.invoke('host.info'), { kind: 'electron', fileDialogs: true, platform: process.platform });
    await assert.rejects(bridge.invoke('fs.readFile', '/etc/passwd'), /Unknown bridge channel/);
  });

  test('rejects with the handler’s own message, not Electron’s "Error invoking remote method"', async () => {
    const bridge = contextBridge.exposed.get('tessera') as Bridge;
    await assert.rejects(bridge.invoke('document.open', { path: 42 }), (error: Error) => {
      assert.equal(error.message, 'document.open: argument 1 field "path" must be a string');
      return true;
    });
    await assert.rejects(bridge.invoke('backup.restore', { id: 'gone' }), (error: Error) => error.message === 'none');
  });
});
