/**
 * The `electron` module for tests on machines without an Electron binary: the build aliases
 * `electron` to this file in every test bundle, so main/ and preload/ run unchanged against it,
 * `main/index.ts` included.
 *
 * It is a fake with Electron's semantics where they have bitten before, not a recorder that
 * agrees with whatever the code does: a utility process has no pid and cannot be killed until
 * `'spawn'`, and a fatal error is an `'error'` event (which throws when nobody listens, as any
 * EventEmitter's does); `ipcRenderer.invoke` goes through the `ipcMain` handler, clones
 * arguments and results, and wraps a handler's error as Electron does; `app.quit()` runs
 * `before-quit`, closes every window and is cancelled by a window that refuses to close;
 * `window-all-closed` replaces the default quit only when someone listens to it. Every export
 * `satisfies` the part of electron.d.ts that main/ and preload/ use (tsc checks it), so its
 * shapes cannot drift from Electron's.
 *
 * Tests play the user's and the operating system's part with the `fake…` helpers and the
 * `electronFake` state at the end.
 */

import { fork as forkChild, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Electron from 'electron';

/** An Electron event: preventable, and says whether it was prevented. */
function preventableEvent<T extends object>(fields: T = {} as T): T & { preventDefault(): void; readonly defaultPrevented: boolean } {
  let prevented = false;
  return Object.defineProperties(fields, {
    preventDefault: { value: () => void (prevented = true) },
    defaultPrevented: { get: () => prevented },
  }) as T & { preventDefault(): void; readonly defaultPrevented: boolean };
}

// ---------------------------------------------------------------------------------------------
// utilityProcess

export interface ForkCall {
  readonly modulePath: string;
  readonly args: readonly string[];
  readonly options: Electron.ForkOptions;
}

/**
 * A real Node process, with a utility process's `process.parentPort` (parent-port-shim.cjs), so
 * the real runtime runs behind it. Electron's semantics: `pid` is undefined until `'spawn'` and
 * again after `'exit'`; `kill()` before `'spawn'` returns false and does nothing; a fatal error
 * (V8 aborting the process) is an `'error'` event, then `'exit'`.
 */
export class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  private readonly child: ChildProcess;

  constructor(modulePath: string, args: readonly string[], options: Electron.ForkOptions) {
    super();
    this.child = forkChild(modulePath, [...args], {
      cwd: options.cwd,
      env: (options.env as NodeJS.ProcessEnv | undefined) ?? process.env,
      serialization: 'advanced',
      execArgv: [...(options.execArgv ?? []), '--require', join(__dirname, '..', '..', '..', 'tests', 'fakes', 'parent-port-shim.cjs')],
      stdio: ['ignore', options.stdio === 'inherit' ? 'inherit' : 'ignore', 'inherit', 'ipc'],
    });
    this.child.once('spawn', () => {
      this.pid = this.child.pid;
      this.emit('spawn');
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code, signal) => {
      this.pid = undefined;
      if (signal === 'SIGABRT' || signal === 'SIGTRAP') this.emit('error', 'FatalError', 'V8 aborted the process', `ended by ${signal}`);
      this.emit('exit', code ?? 1);
    });
  }

  postMessage(message: unknown): void {
    this.child.send(message as object);
  }

  kill(): boolean {
    if (this.pid === undefined) return false;
    return this.child.kill('SIGTERM');
  }
}

export const forkCalls: ForkCall[] = [];

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Electron.ForkOptions = {}): FakeUtilityProcess {
    forkCalls.push({ modulePath, args, options });
    return new FakeUtilityProcess(modulePath, args, options);
  },
} satisfies { fork(modulePath: string, args?: string[], options?: Electron.ForkOptions): UsedUtilityProcess };

type UsedUtilityProcess = Pick<Electron.UtilityProcess, 'pid' | 'postMessage' | 'kill'>;
FakeUtilityProcess.prototype satisfies UsedUtilityProcess;

// ---------------------------------------------------------------------------------------------
// Sessions and permissions

type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];
export type Permission = Parameters<NonNullable<PermissionRequestHandler>>[1];

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}
FakeSession.prototype satisfies Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export const session = { defaultSession: new FakeSession() };

/**
 * A page's permission request, as Chromium makes it: Electron grants it when no handler is set.
 * Resolves with the handler's answer.
 */
export function fakePermissionRequest(contents: WebContents, permission: Permission, frame: FakeFrame = contents.mainFrame): Promise<boolean> {
  const handler = session.defaultSession.permissionRequestHandler;
  if (!handler) return Promise.resolve(true);
  return new Promise((resolve) =>
    handler(contents as never, permission, resolve, { isMainFrame: frame === contents.mainFrame, requestingUrl: frame.url } as never),
  );
}

/** A page's synchronous permission check; Electron allows it when no handler is set. */
export function fakePermissionCheck(contents: WebContents | null, permission: Permission, frame?: FakeFrame): boolean {
  const handler = session.defaultSession.permissionCheckHandler;
  if (!handler) return true;
  const url = frame?.url ?? contents?.mainFrame.url ?? '';
  return handler(contents as never, permission as never, new URL(url).origin, {
    isMainFrame: frame === undefined || frame === contents?.mainFrame,
    requestingUrl: url,
  });
}

// ---------------------------------------------------------------------------------------------
// Windows, their contents and frames

export class FakeFrame {
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {}
}
FakeFrame.prototype satisfies Pick<Electron.WebFrameMain, 'url'>;

type RendererListener = (event: { sender: unknown }, ...args: unknown[]) => void;
let nextContentsId = 1;

export class WebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('');
  /** What main sent to this page, in order (each message's first argument). */
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly rendererListeners = new Map<string, Set<RendererListener>>();
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | undefined;
  webRTCIPHandlingPolicy: Parameters<Electron.WebContents['setWebRTCIPHandlingPolicy']>[0] = 'default';
  private destroyed = false;

  constructor() {
    super();
    app.emit('web-contents-created', preventableEvent(), this);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, payload: cloned[0] });
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...cloned);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }

  setWebRTCIPHandlingPolicy(policy: Parameters<Electron.WebContents['setWebRTCIPHandlingPolicy']>[0]): void {
    this.webRTCIPHandlingPolicy = policy;
  }

  async loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    this.emit('did-finish-load');
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}
WebContents.prototype satisfies Pick<Electron.WebContents, 'id' | 'send' | 'isDestroyed' | 'getURL' | 'setWindowOpenHandler' | 'setWebRTCIPHandlingPolicy'>;

/** A page's navigation, as the user or a script starts it: true when main let it go on. */
export function fakeNavigation(contents: WebContents, url: string, kind: 'will-navigate' | 'will-frame-navigate' = 'will-navigate', frame: FakeFrame = contents.mainFrame): boolean {
  const event = preventableEvent({ url, isMainFrame: frame === contents.mainFrame, frame });
  contents.emit(kind, event, url);
  return !event.defaultPrevented;
}

export class BrowserWindow extends EventEmitter {
  private static readonly windows: BrowserWindow[] = [];
  private static focused: BrowserWindow | undefined;

  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.windows];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.focused ?? null;
  }

  static fromWebContents(contents: WebContents): BrowserWindow | null {
    return BrowserWindow.windows.find((window) => window.webContents === contents) ?? null;
  }

  readonly webContents = new WebContents();
  documentEdited = false;
  private destroyed = false;

  constructor(readonly options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    BrowserWindow.windows.push(this);
    BrowserWindow.focused = this;
  }

  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }

  show(): void {
    this.focus();
  }

  focus(): void {
    BrowserWindow.focused = this;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }

  /**
   * As Electron does: `close` may be prevented, which also cancels a quit under way; otherwise the
   * window goes, `closed` fires, and the last window's going is the app's business.
   */
  close(): void {
    if (this.destroyed) return;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) {
      app.windowCloseCancelled();
      return;
    }
    this.destroy();
  }

  /** Closes without a `close` event, as Electron's `destroy()` does. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    BrowserWindow.windows.splice(BrowserWindow.windows.indexOf(this), 1);
    if (BrowserWindow.focused === this) BrowserWindow.focused = BrowserWindow.windows.at(-1);
    this.emit('closed');
    this.webContents.destroy();
    if (BrowserWindow.windows.length === 0) app.allWindowsClosed();
  }
}
BrowserWindow.prototype satisfies Pick<Electron.BrowserWindow, 'loadURL' | 'show' | 'focus' | 'close' | 'destroy' | 'isDestroyed' | 'setDocumentEdited'>;

// ---------------------------------------------------------------------------------------------
// IPC

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};
ipcMain satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;

/**
 * Electron's invoke: the handler runs in main with the sender's contents and frame; arguments and
 * the result are structured-cloned; a handler's error reaches the page as a new Error whose
 * message is "Error invoking remote method '<channel>': " followed by the error's `toString()`.
 */
export async function fakeInvoke(contents: WebContents, frame: FakeFrame, channel: string, args: readonly unknown[]): Promise<unknown> {
  const handler = ipcMain.handlers.get(channel);
  const fail = (error: unknown) => new Error(`Error invoking remote method '${channel}': ${String(error)}`);
  if (!handler) throw fail(new Error(`No handler registered for '${channel}'`));
  const event = preventableEvent({ sender: contents, senderFrame: frame, frameId: 1, processId: contents.id, type: 'frame' as const });
  let result: unknown;
  try {
    result = await handler(event as never, ...structuredClone(args));
  } catch (error) {
    throw fail(error);
  }
  return structuredClone(result);
}

/** The page a preload runs in: `ipcRenderer` and `contextBridge` act for it. */
let renderer: { contents: WebContents; frame: FakeFrame } | undefined;

/** Makes the next preload (and `ipcRenderer`) run in `contents`' page, in `frame` (the main one by default). */
export function fakeRendererOf(contents: WebContents, frame: FakeFrame = contents.mainFrame): void {
  renderer = { contents, frame };
}

function currentRenderer(): { contents: WebContents; frame: FakeFrame } {
  if (!renderer) throw new Error('the fake ipcRenderer runs in no page: call fakeRendererOf(contents) first');
  return renderer;
}

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const { contents, frame } = currentRenderer();
    return fakeInvoke(contents, frame, channel, args);
  },
  on(channel: string, listener: RendererListener) {
    const listeners = currentRenderer().contents.rendererListeners;
    listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    return ipcRenderer;
  },
  removeListener(channel: string, listener: RendererListener) {
    currentRenderer().contents.rendererListeners.get(channel)?.delete(listener);
    return ipcRenderer;
  },
};
ipcRenderer satisfies Pick<Electron.IpcRenderer, 'invoke'>;

/**
 * What the page's own world sees of an exposed API. Functions are proxied; a rejection crosses
 * as a plain Error with the message only (contextBridge drops an error's other properties).
 */
function acrossWorlds(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      const result = (value as (...args: unknown[]) => unknown)(...args);
      return result instanceof Promise ? result.then(acrossWorlds, (error: unknown) => Promise.reject(new Error(error instanceof Error ? error.message : String(error)))) : acrossWorlds(result);
    };
  }
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, acrossWorlds(item)]));
  return value;
}

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(key, acrossWorlds(api));
  },
};
contextBridge satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>;

// ---------------------------------------------------------------------------------------------
// Dialogs, the shell, menus, the protocol

type MessageBoxOptions = Electron.MessageBoxSyncOptions;

export const dialog = {
  /** The button indexes the next message boxes answer with, in order; then the default button. */
  answers: [] as number[],
  messageBoxes: [] as MessageBoxOptions[],
  errorBoxes: [] as { title: string; content: string }[],
  /** The paths the next open and save dialogs answer with; undefined is Cancel. */
  openAnswers: [] as (string | undefined)[],
  saveAnswers: [] as (string | undefined)[],
  /** As Electron's: with the window the box belongs to, or without one. */
  showMessageBoxSync(windowOrOptions: unknown, windowOptions?: MessageBoxOptions): number {
    const options = windowOptions ?? (windowOrOptions as MessageBoxOptions);
    this.messageBoxes.push(options);
    return this.answers.shift() ?? options.defaultId ?? 0;
  },
  async showOpenDialog(_windowOrOptions: unknown, _options?: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> {
    const path = this.openAnswers.shift();
    return path === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] };
  },
  async showSaveDialog(_windowOrOptions: unknown, _options?: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue> {
    const path = this.saveAnswers.shift();
    return path === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: path };
  },
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  },
};
dialog satisfies Pick<Electron.Dialog, 'showMessageBoxSync' | 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'>;

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};
shell satisfies Pick<Electron.Shell, 'openExternal'>;

export const Menu = {
  applicationMenu: null as Electron.MenuItemConstructorOptions[] | null,
  buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]) => template,
  setApplicationMenu(menu: Electron.MenuItemConstructorOptions[] | null): void {
    this.applicationMenu = menu;
  },
};

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  privileged: [] as Electron.CustomScheme[],
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};
protocol satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged'>;

// ---------------------------------------------------------------------------------------------
// The app

type PathName = Parameters<Electron.App['getPath']>[0];

class FakeApp extends EventEmitter {
  /** Set by `quit()`, `exit()` or the default quit when the last window closes. */
  exitCode: number | undefined;
  readonly recentDocuments: string[] = [];
  private ready = false;
  private readonly readyWaiters: (() => void)[] = [];
  private quitting = false;
  private readonly paths = new Map<string, string>();

  whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  isReady(): boolean {
    return this.ready;
  }

  requestSingleInstanceLock(): boolean {
    return electronFake.singleInstanceLock;
  }

  getPath(name: PathName): string {
    const known = this.paths.get(name);
    if (known) return known;
    const path = join(electronFake.home, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  setPath(name: PathName, path: string): void {
    this.paths.set(name, path);
  }

  addRecentDocument(path: string): void {
    this.recentDocuments.push(path);
  }

  /**
   * `before-quit` (preventable), then every window is asked to close; one that refuses cancels
   * the quit (the others are still asked). When the last has gone: `will-quit`, `quit`.
   */
  quit(): void {
    if (this.quitting || this.exitCode !== undefined) return;
    const event = preventableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitting = true;
    const windows = BrowserWindow.getAllWindows();
    if (windows.length === 0) return this.shutDown();
    for (const window of windows) window.close();
  }

  exit(code = 0): void {
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    this.exitCode = code;
  }

  /** @internal BrowserWindow tells the app that a window refused to close. */
  windowCloseCancelled(): void {
    this.quitting = false;
  }

  /** @internal BrowserWindow tells the app that its last window has gone. */
  allWindowsClosed(): void {
    if (this.quitting) this.shutDown();
    else if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  private shutDown(): void {
    const event = preventableEvent();
    this.emit('will-quit', event);
    this.quitting = false;
    if (event.defaultPrevented) return;
    this.exitCode = 0;
    this.emit('quit', preventableEvent(), 0);
  }

  /** @internal The test's part: Electron's start-up. */
  becomeReady(): void {
    this.emit('will-finish-launching');
    this.ready = true;
    this.emit('ready', preventableEvent(), {});
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}
FakeApp.prototype satisfies Pick<
  Electron.App,
  'whenReady' | 'isReady' | 'requestSingleInstanceLock' | 'getPath' | 'setPath' | 'addRecentDocument' | 'quit' | 'exit'
>;

export const app = new FakeApp();

/** What a test sets before main starts, and the operating system's side of the app's life. */
export const electronFake = {
  /** Whether this instance gets the single-instance lock (false: another instance runs). */
  singleInstanceLock: true,
  /** The folder `app.getPath` hands out folders under, unless `setPath` named one. */
  home: mkdtempSync(join(tmpdir(), 'tessera-electron-home-')),
  /** Electron finishes starting: `will-finish-launching`, `ready`, `whenReady()` resolves. */
  becomeReady: () => app.becomeReady(),
  /** A second launch of the app, with its command line and folder, handed to this instance. */
  secondInstance: (argv: readonly string[], cwd: string) => app.emit('second-instance', preventableEvent(), [...argv], cwd, {}),
  /** macOS hands a file over (Finder, the Dock, `open -a`). */
  openFile: (path: string) => {
    const event = preventableEvent();
    app.emit('open-file', event, path);
    return event;
  },
};
