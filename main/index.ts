/**
 * Electron main: one window per notebook, each with its own session and runtime (a utility
 * process). One instance of the app runs at a time; files given to a second instance, on the
 * command line or by macOS's `open-file` open in windows of the first. Those events are heard
 * from the first line on, before the app is ready, and their files wait until it is.
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
import { TrustedNotebooksStore } from '../host/session/trusted-notebooks.ts';
import { SessionBackups } from '../host/session/session-backups.ts';
import { handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { notebookFilesIn } from './command-line.ts';
import { registerBridgeHandlers } from './ipc.ts';
import { menuTemplate } from './menu.ts';
import { handlePermissions, lockDown } from './security.ts';
import { choosingLauncher, notebookRuntimeChoice, RuntimeChoiceSetting } from './runtime-choice.ts';
import { findUserNode } from './user-node.ts';
import { utilityProcessLauncher } from './utility-process-launcher.ts';
import { NotebookWindows, type QuitControl } from './windows.ts';

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

/**
 * Starts the app proper, once Electron is ready. It answers with how files are opened from then
 * on: each in a window of its own, or a new notebook when a launch names none.
 */
async function start(): Promise<(files: readonly string[]) => void> {
  const userData = app.getPath('userData');
  // In the app's own data folder: a folder under Documents would bring up macOS's privacy prompt
  // before the first window, for a notebook that is never saved.
  const scratchDir = join(userData, 'scratch');
  mkdirSync(scratchDir, { recursive: true });
  const backups = await BackupStore.open({ folder: join(userData, 'backups') });
  const runtimeChoice = new RuntimeChoiceSetting(join(userData, 'settings.json'));
  const userNode = findUserNode();
  const electronLauncher = utilityProcessLauncher(runtimeEntry());
  const trust = new TrustedNotebooksStore(join(userData, 'trusted-notebooks.json'));
  let quitting = false;
  const quit: QuitControl = {
    get quitting() {
      return quitting;
    },
    cancelled: () => (quitting = false),
    resume: () => app.quit(),
  };

  const windows: NotebookWindows = new NotebookWindows({
    preload: join(packageRoot(), 'out', 'preload', 'index.cjs'),
    createSession: (hooks) => {
      // The notebook's own choice of Node, as saved, comes before the app's.
      const launcher = choosingLauncher({
        electron: electronLauncher,
        userNode,
        choice: () => notebookRuntimeChoice(session.documentPath) ?? runtimeChoice.get(),
      });
      const session: NotebookSession = new NotebookSession({
        host: { kind: 'electron', fileDialogs: true, platform: process.platform },
        launcher,
        scratchDir,
        files: new TrackedDocumentFiles(),
        dialogs: dialogsFor(() => hooks.browserWindow),
        recent,
        backups: new SessionBackups(backups, randomUUID()),
        trust,
        newDocument: newDocumentText,
        window: hooks,
      });
      return session;
    },
    quit,
  });
  const openWindow = (path?: string) => void windows.openWindow(path).catch((error: unknown) => showError('Tessera could not open a window', error));
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform, {
          send: (command) => windows.sendToFocused(command),
          newWindow: () => openWindow(),
          recent: recent.list(),
          openRecent: (path) => openWindow(path),
          runtime: {
            choice: runtimeChoice.get(),
            userNode,
            choose: (choice) => {
              runtimeChoice.set(choice);
              setMenu();
            },
          },
        }),
      ),
    );
  const recent = new RecentFilesStore(join(userData, 'recent.json'), (path) => {
    app.addRecentDocument(path);
    setMenu();
  });

  handleAppProtocol(join(packageRoot(), 'out', 'renderer'));
  registerBridgeHandlers({ sessionOf: (contents) => windows.sessionOf(contents), recentFiles: () => recent.list() });
  handlePermissions(session.defaultSession);
  setMenu();

  app.on('activate', () => {
    if (windows.count === 0) openWindow();
  });
  app.on('before-quit', () => (quitting = true));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    backups.dispose();
  });

  return (files) => {
    if (files.length === 0) openWindow();
    for (const file of files) openWindow(file);
  };
}

function showError(title: string, error: unknown): void {
  dialog.showErrorBox(title, error instanceof Error ? error.message : String(error));
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Files to open, queued until the app has started.
  const queued: string[] = notebookFilesIn(process.argv.slice(1), process.cwd());
  let open: (files: readonly string[]) => void = (files) => void queued.push(...files);
  app.on('second-instance', (_event, argv, cwd) => open(notebookFilesIn(argv, cwd)));
  // macOS hands files over this way, from before the app is ready (a double-click that starts it) on.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    open([path]);
  });
  // lockDown hands over only http(s) URLs (isExternalWebUrl).
  app.on('web-contents-created', (_event, contents) => lockDown(contents, (url) => void shell.openExternal(url))); // eng-disable OPEN_EXTERNAL_JS_CHECK: only http(s) URLs reach it, checked in security.ts
  app
    .whenReady()
    .then(start)
    .then((started) => {
      open = started;
      // Files handed over while the app started replace the new notebook of a bare launch.
      open(queued);
    })
    .catch((error: unknown) => {
      showError('Tessera could not start', error);
      app.exit(1);
    });
}
