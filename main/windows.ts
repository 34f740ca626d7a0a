/**
 * One window per notebook, each with its own session (document and runtime). The window owns its
 * session: closing the window disposes it, which stops its runtime. A dirty window asks before it
 * closes — Save, Don't Save, Cancel — and "Save" is carried out by the renderer, which owns the
 * document, before it asks to close again.
 */

import { BrowserWindow, dialog, type WebContents } from 'electron';
import { basename } from 'node:path';
import type { AppCommand } from '../common/bridge/contract.ts';
import type { NotebookSession } from '../host/session/notebook-session.ts';
import { eventPrefix } from './ipc.ts';
import { appOrigin } from './security.ts';

export interface WindowHooks {
  /** The window, for dialogs that belong to it. */
  readonly browserWindow: BrowserWindow;
  setDirty(dirty: boolean): void;
  close(): void;
}

/**
 * The app's quit, as the close prompt affects it. Electron cancels a quit when a window refuses to
 * close, and so must the app's own record of it, or the next window to close would quit the app
 * on macOS. "Save" refuses the close too, until the renderer has saved: then the quit goes on.
 */
export interface QuitControl {
  /** Whether a quit is under way (`before-quit` has fired and no window refused since). */
  readonly quitting: boolean;
  /** A window refused to close: the quit is over. */
  cancelled(): void;
  /** A window that refused to close during a quit, to save first, has saved and closed. */
  resume(): void;
}

export interface NotebookWindowsOptions {
  readonly preload: string;
  readonly createSession: (hooks: WindowHooks) => NotebookSession;
  readonly quit?: QuitControl;
}

interface OpenWindow {
  readonly window: BrowserWindow;
  readonly session: NotebookSession;
  dirty: boolean;
  /** Set once the user has answered the prompt, so the next close goes through. */
  confirmed: boolean;
  /** The user chose Save while the app was quitting: quit again once saved and closed. */
  quitAfterSave: boolean;
}

/** The answers of the close prompt, in button order. */
export const closeChoices = ['Save', "Don't Save", 'Cancel'] as const;

export class NotebookWindows {
  private readonly open = new Map<WebContents, OpenWindow>();

  constructor(private readonly options: NotebookWindowsOptions) {}

  /** Opens a window for `path` (focusing the one that has it already), or for a new notebook. */
  async openWindow(path?: string): Promise<BrowserWindow> {
    const existing = path ? [...this.open.values()].find((entry) => entry.session.documentPath === path) : undefined;
    if (existing) {
      existing.window.focus();
      return existing.window;
    }
    const window = new BrowserWindow({
      width: 1100,
      height: 800,
      show: false,
      title: path ? basename(path) : 'Untitled — Tessera',
      webPreferences: {
        preload: this.options.preload, // eng-disable PRELOAD_JS_CHECK: the preload exposes only the typed, validated bridge
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    const entry: OpenWindow = {
      window,
      session: this.options.createSession({
        browserWindow: window,
        setDirty: (dirty) => {
          entry.dirty = dirty;
          window.setDocumentEdited(dirty);
        },
        close: () => {
          entry.confirmed = true;
          window.close();
          if (entry.quitAfterSave) this.options.quit?.resume();
        },
      }),
      dirty: false,
      confirmed: false,
      quitAfterSave: false,
    };
    const contents = window.webContents;
    this.open.set(contents, entry);
    entry.session.onEvent((event, payload) => {
      if (!contents.isDestroyed()) contents.send(`${eventPrefix}${event}`, payload);
    });
    window.on('close', (event) => this.confirmClose(entry, event));
    window.on('closed', () => {
      this.open.delete(contents);
      entry.session.dispose();
    });
    window.once('ready-to-show', () => window.show());
    // A file that cannot be read is reported to the renderer when it asks for its document.
    if (path) entry.session.openInitial(path).catch(() => undefined);
    await window.loadURL(`${appOrigin}/index.html`);
    return window;
  }

  sessionOf(contents: WebContents): NotebookSession | undefined {
    return this.open.get(contents)?.session;
  }

  /** Sends a menu command to the focused notebook window. */
  sendToFocused(command: AppCommand): void {
    const focused = BrowserWindow.getFocusedWindow();
    const entry = focused ? this.open.get(focused.webContents) : undefined;
    entry?.session.emit('app.command', command);
  }

  get count(): number {
    return this.open.size;
  }

  private confirmClose(entry: OpenWindow, event: { preventDefault(): void }): void {
    if (!entry.dirty || entry.confirmed) return;
    const title = entry.session.documentPath ? basename(entry.session.documentPath) : 'this new notebook';
    const choice = dialog.showMessageBoxSync(entry.window, {
      type: 'warning',
      buttons: [...closeChoices],
      defaultId: 0,
      cancelId: 2,
      message: `Do you want to save the changes you made to ${title}?`,
      detail: "Your changes will be lost if you don't save them.",
    });
    if (closeChoices[choice] === "Don't Save") {
      entry.confirmed = true;
      return;
    }
    event.preventDefault();
    entry.quitAfterSave = closeChoices[choice] === 'Save' && (this.options.quit?.quitting ?? false);
    this.options.quit?.cancelled();
    if (closeChoices[choice] === 'Save') entry.session.emit('app.command', 'file.saveAndClose');
  }
}
