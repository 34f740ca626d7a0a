/**
 * The slice of the `electron` module that main/ and preload/ use, for tests on machines without
 * an Electron binary. It records what the code under test asks of Electron, so tests can assert on
 * it, and lets tests play Electron's part (fire a window's `close`, call an IPC handler as a
 * renderer would). `utilityProcess.fork` starts a real Node process whose `process.parentPort`
 * behaves like a utility process's, so the real runtime runs behind it.
 */

import { fork as forkChild } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

// ---------------------------------------------------------------------------------------------
// utilityProcess

export interface ForkCall {
  readonly modulePath: string;
  readonly args: readonly string[];
  readonly options: Record<string, unknown>;
}

export const forkCalls: ForkCall[] = [];

class FakeUtilityProcess extends EventEmitter {
  private readonly child;

  constructor(modulePath: string, options: { cwd?: string }) {
    super();
    this.child = forkChild(modulePath, [], {
      cwd: options.cwd,
      serialization: 'advanced',
      execArgv: ['--require', join(__dirname, '..', '..', '..', 'tests', 'fakes', 'parent-port-shim.cjs')],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: unknown): void {
    this.child.send(message as object);
  }

  kill(): boolean {
    return this.child.kill('SIGKILL');
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) {
    forkCalls.push({ modulePath, args, options });
    return new FakeUtilityProcess(modulePath, options);
  },
};

// ---------------------------------------------------------------------------------------------
// Windows and their contents

export class FakeFrame {
  constructor(public url: string) {}
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeFrame('');
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return false;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static focused: BrowserWindow | undefined;
  static getFocusedWindow(): BrowserWindow | undefined {
    return BrowserWindow.focused;
  }

  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  documentEdited = false;
  closed = false;

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }

  show(): void {}
  focus(): void {
    BrowserWindow.focused = this;
  }

  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }

  /** As Electron does: `close` may be prevented; otherwise the window goes and `closed` fires. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.closed = true;
    this.emit('closed');
  }
}

// ---------------------------------------------------------------------------------------------
// IPC

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler): void {
    this.handlers.set(channel, handler);
  },
};

/** Calls a registered handler as a renderer of `contents` would, from `frame` (its main frame by default). */
export function invokeAs(contents: FakeWebContents, channel: string, args: unknown[], frame: FakeFrame = contents.mainFrame) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender: contents, senderFrame: frame }, ...args);
}

export const ipcRenderer = {
  invoked: [] as { channel: string; args: unknown[] }[],
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args });
    return undefined;
  },
  on: () => undefined,
  removeListener: () => undefined,
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

// ---------------------------------------------------------------------------------------------
// Dialogs, menus, the app: recorders

export const dialog = {
  /** The button index the next message box answers with. */
  nextAnswer: 0,
  messageBoxes: [] as Record<string, unknown>[],
  showMessageBoxSync(_window: unknown, options: Record<string, unknown>): number {
    this.messageBoxes.push(options);
    return this.nextAnswer;
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog() {
    return { canceled: true, filePath: undefined };
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string) {
    this.opened.push(url);
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: () => undefined,
};

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged: () => undefined,
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

export const session = { defaultSession: { setPermissionRequestHandler: () => undefined } };

export const app = new EventEmitter();
