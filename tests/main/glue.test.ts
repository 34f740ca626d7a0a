import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand, BridgeEvents } from '../../common/bridge/contract.ts';
import { bridgeChannels } from '../../common/bridge/validate.ts';
import { forkLauncher } from '../../host/fork-launcher.ts';
import { packageRoot } from '../../host/paths.ts';
import { TrackedDocumentFiles } from '../../host/session/document-files.ts';
import { NotebookSession, type Backups } from '../../host/session/notebook-session.ts';
import { RecentFilesStore } from '../../host/session/recent-files.ts';
import { handleAppProtocol } from '../../main/app-protocol.ts';
import { notebookFilesIn } from '../../main/command-line.ts';
import { registerBridgeHandlers } from '../../main/ipc.ts';
import { menuTemplate } from '../../main/menu.ts';
import { contentSecurityPolicy, contentSecurityPolicyFor, lockDown } from '../../main/security.ts';
import { NotebookWindows, type WindowHooks } from '../../main/windows.ts';
import { BrowserWindow, contextBridge, dialog, FakeFrame, FakeWebContents, invokeAs, ipcMain, ipcRenderer, protocol, shell } from '../fakes/electron.ts';

const noBackups: Backups = {
  schedule: () => undefined,
  discard: () => undefined,
  release: () => undefined,
  list: async () => [],
  read: async () => Promise.reject(new Error('none')),
  remove: async () => undefined,
};

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
      recent: new RecentFilesStore(),
      backups: noBackups,
      newDocument: () => '# New\n',
      window: hooks,
    });
    sessions.push(session);
    return session;
  },
});
registerBridgeHandlers((contents) => windows.sessionOf(contents as never));
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
    assert.equal(window.loadedUrl, 'app://tessera/index.html');
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
    assert.equal(page.headers.get('content-security-policy'), contentSecurityPolicy);
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
    assert.deepEqual(await invokeAs(window.webContents, 'tessera:document.new', []), { path: null, content: '# New\n' });
  });

  test('reject a sender that is not one of our windows', async () => {
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = 'app://tessera/index.html';
    await assert.rejects(async () => invokeAs(stranger, 'tessera:host.info', []), /not a Tessera window/);
  });

  test('reject a sub-frame and a page from another origin', async () => {
    const window = await openWindow();
    await assert.rejects(async () => invokeAs(window.webContents, 'tessera:host.info', [], new FakeFrame('app://tessera/index.html')), /not a Tessera window/);
    window.webContents.mainFrame.url = 'https://evil.example/';
    await assert.rejects(async () => invokeAs(window.webContents, 'tessera:host.info', []), /not a Tessera window/);
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
    dialog.nextAnswer = 2;
    window.close();
    assert.equal(window.closed, false);
    assert.match(String(dialog.messageBoxes.at(-1)?.message), /save the changes/);
  });

  test('Save asks the renderer to save and close', async () => {
    const window = await dirtyWindow();
    dialog.nextAnswer = 0;
    window.close();
    assert.equal(window.closed, false);
    assert.deepEqual(window.webContents.sent.at(-1), { channel: 'tessera-event:app.command', payload: 'file.saveAndClose' });
    await invokeAs(window.webContents, 'tessera:window.close', []);
    assert.equal(window.closed, true);
  });

  test("Don't Save closes, and closing stops the window's session", async () => {
    const window = await dirtyWindow();
    dialog.nextAnswer = 1;
    window.close();
    assert.equal(window.closed, true);
    assert.equal(windows.sessionOf(window.webContents as never), undefined);
  });

  test('a clean window closes without asking', async () => {
    const window = await openWindow();
    const asked = dialog.messageBoxes.length;
    window.close();
    assert.equal(window.closed, true);
    assert.equal(dialog.messageBoxes.length, asked);
  });
});

describe('the application menu', () => {
  const sent: AppCommand[] = [];
  const template = menuTemplate('linux', { send: (command) => sent.push(command), newWindow: () => sent.push('file.new') });
  const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? (menu.submenu as MenuItemConstructorOptions[]) : []));
  const item = (id: string) => items.find((candidate) => candidate.id === id);

  test('has File, Edit, Cell, Runtime and View menus', () => {
    const labels = template.map((menu) => menu.label ?? menu.role);
    for (const label of ['File', 'editMenu', 'Cell', 'Runtime', 'View']) assert.ok(labels.includes(label), label);
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
    for (const [id, accelerator] of Object.entries(expected)) {
      assert.equal(item(id)?.accelerator, accelerator, id);
      (item(id)?.click as () => void)();
      assert.equal(sent.at(-1), id);
    }
  });

  test('offers Restart and Run All and Clear All Outputs in the Runtime menu', () => {
    for (const id of ['runtime.restart', 'runtime.restartAndRunAll', 'runtime.clearAllOutputs']) {
      (item(id)?.click as () => void)();
      assert.equal(sent.at(-1), id);
    }
  });

  test('leaves editing shortcuts to the renderer, so Shift+Enter still types in text fields', () => {
    assert.equal(item('cell.runAndAdvance')?.registerAccelerator, false);
    assert.equal(item('file.save')?.registerAccelerator, true);
  });
});

describe('navigation and new windows', () => {
  const contents = new FakeWebContents();
  lockDown(contents as never, (url) => void shell.openExternal(url));
  const navigate = (url: string) => {
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };

  test('stays within the app, sending web links to the system browser', () => {
    assert.equal(navigate('app://tessera/index.html'), false);
    assert.equal(navigate('https://example.com/docs'), true);
    assert.equal(shell.opened.at(-1), 'https://example.com/docs');
    assert.equal(navigate('file:///etc/passwd'), true);
    assert.notEqual(shell.opened.at(-1), 'file:///etc/passwd');
  });

  test('denies every new window, opening only http(s) outside', () => {
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://example.com' }), { action: 'deny' });
    assert.deepEqual(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' }), { action: 'deny' });
    assert.equal(shell.opened.at(-1), 'https://example.com');
  });
});

describe('the preload', () => {
  test('exposes only the typed bridge and refuses unknown channels', async () => {
    await import('../../preload/index.ts');
    const bridge = contextBridge.exposed.get('tessera') as { invoke: (channel: string, ...args: unknown[]) => Promise<unknown> };
    assert.deepEqual([...contextBridge.exposed.keys()], ['tessera']);
    await bridge.invoke('runtime.status');
    assert.equal(ipcRenderer.invoked.at(-1)?.channel, 'tessera:runtime.status');
    await assert.rejects(bridge.invoke('fs.readFile', '/etc/passwd'), /Unknown bridge channel/);
  });
});
