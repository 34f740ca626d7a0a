/**
 * Electron main: one window per notebook, each with its own session and runtime (a utility
 * process). One instance of the app runs at a time; files given to a second instance, on the
 * command line or by macOS's `open-file` open in windows of the first.
 */

import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, Menu, session, shell, type BrowserWindow } from 'electron';
import { BackupStore } from '../host/files/backup-store.ts';
import { packageRoot, runtimeEntry } from '../host/paths.ts';
import { TrackedDocumentFiles } from '../host/session/document-files.ts';
import { newDocumentText } from '../host/session/new-document.ts';
import { NotebookSession, type FileDialogs } from '../host/session/notebook-session.ts';
import { RecentFilesStore } from '../host/session/recent-files.ts';
import { SessionBackups } from '../host/session/session-backups.ts';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { notebookFilesIn } from './command-line.ts';
import { registerBridgeHandlers } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { lockDown } from './security.ts';
import { utilityProcessLauncher } from './utility-process-launcher.ts';
import { NotebookWindows } from './windows.ts';

function dialogsFor(window: () => BrowserWindow): FileDialogs {
  return {
    chooseFileToOpen: async () => {
      const options = { properties: ['openFile' as const], filters: [{ name: 'Notebooks', extensions: ['tsnb', 'md', 'ipynb'] }] };
      const result = await dialog.showOpenDialog(window(), options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    chooseFileToSave: async ({ defaultPath, extension }) => {
      // Both formats, the one asked for first: the renderer writes whichever the chosen name says.
      const formats = [
        { name: 'Tessera notebook', extensions: ['tsnb'] },
        { name: 'Jupyter notebook', extensions: ['ipynb'] },
      ].sort((a, b) => Number(b.extensions[0] === extension.slice(1)) - Number(a.extensions[0] === extension.slice(1)));
      const options = { ...(defaultPath ? { defaultPath } : {}), filters: formats };
      const result = await dialog.showSaveDialog(window(), options);
      return result.canceled ? undefined : result.filePath;
    },
  };
}

async function start(pendingFiles: string[]): Promise<void> {
  const userData = app.getPath('userData');
  const scratchDir = join(app.getPath('documents'), 'Tessera', 'scratch');
  mkdirSync(scratchDir, { recursive: true });
  const backups = await BackupStore.open({ folder: join(userData, 'backups') });
  const recent = new RecentFilesStore(join(userData, 'recent.json'), (path) => app.addRecentDocument(path));
  const launcher = utilityProcessLauncher(runtimeEntry());
  let quitting = false;

  const windows: NotebookWindows = new NotebookWindows({
    preload: join(packageRoot(), 'out', 'preload', 'index.cjs'),
    createSession: (hooks) =>
      new NotebookSession({
        host: { kind: 'electron', fileDialogs: true, platform: process.platform },
        launcher,
        scratchDir,
        files: new TrackedDocumentFiles(),
        dialogs: dialogsFor(() => hooks.browserWindow),
        recent,
        backups: new SessionBackups(backups, randomUUID()),
        newDocument: newDocumentText,
        window: hooks,
      }),
    onClosedAfterPrompt: () => {
      if (quitting && windows.count <= 1) app.quit();
    },
  });

  handleAppProtocol(join(packageRoot(), 'out', 'renderer'));
  registerBridgeHandlers((contents) => windows.sessionOf(contents));
  // Nothing a notebook shows needs the camera, notifications or any other permission.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, { send: (command) => windows.sendToFocused(command), newWindow: () => void windows.openWindow() }),
    ),
  );

  app.on('second-instance', (_event, argv, cwd) => {
    const files = notebookFilesIn(argv, cwd);
    if (files.length === 0) void windows.openWindow();
    for (const file of files) void windows.openWindow(file);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void windows.openWindow(path);
  });
  app.on('activate', () => {
    if (windows.count === 0) void windows.openWindow();
  });
  app.on('before-quit', () => (quitting = true));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitting) app.quit();
  });
  app.on('will-quit', () => {
    backups.dispose();
  });

  if (pendingFiles.length === 0) await windows.openWindow();
  for (const file of pendingFiles) await windows.openWindow(file);
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const pendingFiles = notebookFilesIn(process.argv.slice(1), process.cwd());
  // Files macOS hands over before the app is ready.
  app.on('will-finish-launching', () => {
    app.on('open-file', (event, path) => {
      event.preventDefault();
      if (!app.isReady()) pendingFiles.push(path);
    });
  });
  // lockDown hands over only http(s) URLs (isExternalWebUrl).
  app.on('web-contents-created', (_event, contents) => lockDown(contents, (url) => void shell.openExternal(url))); // eng-disable OPEN_EXTERNAL_JS_CHECK: only http(s) URLs reach it, checked in security.ts
  void app.whenReady().then(() => start(pendingFiles));
}
