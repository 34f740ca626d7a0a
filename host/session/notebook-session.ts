/**
 * What a window (in the app) or a browser tab (in `tessera serve`) talks to: one document and its
 * runtime. It implements every bridge handler once, for both hosts; what differs between them —
 * file dialogs, where recent files and backups live — comes in as parameters.
 */

import { randomUUID } from 'node:crypto';
import { dirname, extname } from 'node:path';
import type {
  BackupInfo,
  BridgeEventChannel,
  BridgeEvents,
  BridgeImplementation,
  BridgeSession,
  DocumentText,
  ExportFormat,
  HostInfo,
  OpenedDocument,
  SaveResult,
} from '../../common/bridge/contract.ts';
import { DisposableStore, Emitter, type Disposable } from '../../common/events.ts';
import { documentFormatOf, readDocument } from '../../common/notebook/document-format.ts';
import type { RuntimeOptions } from '../../common/protocol/runtime.ts';
import type { RuntimeLauncher } from '../../common/runtime-process.ts';
import { exportExtensions, exportNotebook } from '../export/export-notebook.ts';
import { listFolder } from './folder-listing.ts';
import { RuntimeSession } from './runtime-session.ts';

/** Where documents are read and written, with the safety the host gives saving. */
export interface DocumentFiles {
  /** Reads a document and remembers what was on disk, to notice later changes. */
  open(path: string): Promise<string>;
  /** Writes atomically; refuses with a conflict if the file changed on disk since, unless forced. */
  save(path: string, content: string, options: { readonly force: boolean }): Promise<SaveResult>;
  /** Writes a file that is not the session's document (an export). */
  write(path: string, content: string): Promise<void>;
}

/** The system's file dialogs, where the host has them; they resolve undefined when cancelled. */
export interface FileDialogs {
  chooseFileToOpen(): Promise<string | undefined>;
  chooseFileToSave(suggestion: { readonly defaultPath?: string; readonly extension: string }): Promise<string | undefined>;
}

export interface RecentFiles {
  list(): readonly string[];
  add(path: string): void;
}

/** This session's backups, and the ones earlier sessions left behind (after a crash). */
export interface Backups {
  /** Backs the document up soon (debounced); `path` is null while it was never saved. */
  schedule(path: string | null, content: string): void;
  /** The document was saved: its backups are no longer needed. */
  discard(path: string | null): void;
  /** The session ends with the document unsaved: its backup is offered to the next window or tab. */
  release(path: string | null): void;
  list(): Promise<readonly BackupInfo[]>;
  read(id: string): Promise<DocumentText>;
  remove(id: string): Promise<void>;
}

/** The notebooks the user trusted, by content (host/session/trusted-notebooks.ts). */
export interface NotebookTrust {
  isTrusted(content: string): boolean;
  trust(content: string): void;
}

export interface NotebookSessionOptions {
  readonly host: HostInfo;
  readonly launcher: RuntimeLauncher;
  /** Where an unsaved notebook's cells run: a folder the user can see. */
  readonly scratchDir: string;
  readonly files: DocumentFiles;
  readonly dialogs?: FileDialogs;
  readonly recent: RecentFiles;
  readonly backups: Backups;
  readonly trust: NotebookTrust;
  readonly newDocument: () => string;
  readonly runtime?: Partial<RuntimeOptions>;
  /**
   * A tab closed with unsaved work gets its backup offered on the next page (`tessera serve`, where
   * closing a tab cannot ask Save / Don't Save); the app asks when its window closes instead.
   */
  readonly offerBackupOnClose?: boolean;
  /** The folder the file browser shows, and nothing above it; none where the host has file dialogs. */
  readonly browseRoot?: string;
  /** The window or tab: whether its document is dirty, and how it closes. */
  readonly window?: { setDirty(dirty: boolean): void; close(): void };
}


export class NotebookSession implements BridgeSession, Disposable {
  private readonly disposables = new DisposableStore();
  private readonly _onEvent = this.disposables.add(
    new Emitter<{ event: BridgeEventChannel; payload: BridgeEvents[BridgeEventChannel] }>(),
  );
  private readonly runtime: RuntimeSession;
  private path: string | null = null;
  /** The document's text as last opened, restored or saved: what `document.trust` trusts. */
  private content: string | null = null;
  /** What `document.initial` gives the renderer: the file this window was opened for, as it loads. */
  private initial: Promise<OpenedDocument | null> | null = null;

  readonly handlers: BridgeImplementation;

  constructor(private readonly options: NotebookSessionOptions) {
    this.runtime = this.disposables.add(
      new RuntimeSession({
        launcher: options.launcher,
        notebookDir: () => (this.path ? dirname(this.path) : options.scratchDir),
        notebookFile: () => this.path ?? undefined,
        ...(options.runtime ? { runtime: options.runtime } : {}),
      }),
    );
    this.disposables.add(this.runtime.onStatus((status) => this.emit('runtime.status', status)));
    this.disposables.add(this.runtime.onMessages((batch) => this.emit('runtime.messages', batch)));
    const runtime = this.runtime;
    this.handlers = {
      'host.info': () => options.host,
      'runtime.connect': () => runtime.connect(),
      'runtime.disconnect': () => runtime.disconnect(),
      'runtime.restart': () => runtime.restart(),
      'runtime.evaluate': (request) => runtime.evaluate(request),
      'runtime.forget': ({ containerRef, evaluationRef }) => runtime.forget(containerRef, evaluationRef),
      'runtime.drop': ({ containerRef }) => runtime.drop(containerRef),
      'runtime.interrupt': ({ containerRef }) => runtime.interrupt(containerRef),
      'runtime.status': () => runtime.status,
      'document.initial': () => this.initial ?? null,
      'document.new': () => this.newDocument(),
      'document.open': ({ path }) => this.open(path),
      'document.save': ({ content, force, trusted }) => this.save(content, force ?? false, trusted ?? false),
      'document.chooseSavePath': async ({ extension }) => (await this.chooseSavePath(extension)) ?? null,
      'document.saveAs': ({ content, path, trusted }) => this.saveAs(content, path, trusted ?? false),
      'document.trust': () => {
        if (this.content !== null) options.trust.trust(this.content);
      },
      'document.recent': () => options.recent.list(),
      'document.export': ({ content, format, path }) => this.export(content, format, path),
      'files.list': ({ path }) => {
        if (options.browseRoot === undefined) throw new Error('This host has file dialogs: it lists no folders');
        return listFolder(options.browseRoot, path);
      },
      'document.changed': ({ content }) => options.backups.schedule(this.path, content),
      'document.dirty': ({ dirty }) => options.window?.setDirty(dirty),
      'window.close': () => options.window?.close(),
      'backup.list': () => options.backups.list(),
      'backup.restore': ({ id }) => this.restore(id),
      'backup.discard': ({ id }) => options.backups.remove(id),
    };
  }

  /** The document's path; null while it was never saved. */
  get documentPath(): string | null {
    return this.path;
  }

  onEvent(listener: <E extends BridgeEventChannel>(event: E, payload: BridgeEvents[E]) => void): Disposable {
    return this._onEvent.event(({ event, payload }) => listener(event, payload as never));
  }

  dispose(): void {
    if (this.options.offerBackupOnClose) this.options.backups.release(this.path);
    this.disposables.dispose();
  }

  emit<E extends BridgeEventChannel>(event: E, payload: BridgeEvents[E]): void {
    this._onEvent.fire({ event, payload });
  }

  private newDocument(): OpenedDocument {
    this.path = null;
    this.content = null;
    // A new notebook has no outputs yet: whatever it shows, the user's runs made.
    return { path: null, content: this.options.newDocument(), trusted: true };
  }

  /** The document as the renderer gets it, with whether its saved outputs may run. */
  private opened({ path, content }: DocumentText): OpenedDocument {
    this.path = path;
    this.content = content;
    return { path, content, trusted: this.options.trust.isTrusted(content) };
  }

  /**
   * Opens the file this session's window or tab was started for. The renderer may ask before the
   * file is read: it gets the same promise, and the error if the file cannot be read.
   */
  openInitial(path: string): Promise<OpenedDocument | null> {
    this.initial = this.open(path);
    return this.initial;
  }

  async open(requested?: string): Promise<OpenedDocument | null> {
    const path = requested ?? (await this.requireDialogs().chooseFileToOpen());
    if (!path) return null;
    const content = await this.options.files.open(path);
    // Refused before it becomes this session's document: a later save must not write over a file
    // the renderer could not show.
    refuseUnreadable(path, content);
    this.options.recent.add(path);
    return this.opened({ path, content });
  }

  private async save(content: string, force: boolean, trusted: boolean): Promise<SaveResult> {
    // The content's format follows a path: without one, the renderer must choose it (save as).
    if (!this.path) throw new Error('This notebook was never saved: save it as a file first');
    return this.finishSave(await this.options.files.save(this.path, content, { force }), content, trusted);
  }

  private async saveAs(content: string, path: string, trusted: boolean): Promise<SaveResult> {
    return this.finishSave(await this.options.files.save(path, content, { force: true }), content, trusted);
  }

  private finishSave(result: SaveResult, content: string, trusted: boolean): SaveResult {
    if (result.ok) {
      this.options.backups.discard(this.path);
      this.path = result.path;
      this.content = content;
      if (trusted) this.options.trust.trust(content);
      this.options.recent.add(result.path);
      this.options.backups.discard(this.path);
    }
    return result;
  }

  /** Converts the document's text as `tessera export` does, and writes it; the document stays where it is. */
  private async export(content: string, format: ExportFormat, requested: string | undefined): Promise<SaveResult> {
    const read = readDocument(content, documentFormatOf(this.path), freshId);
    if (!read.ok) throw new Error(`The notebook cannot be exported: ${read.line === undefined ? '' : `line ${read.line}: `}${read.message}`);
    const path = requested ?? (await this.chooseSavePath(exportExtensions[format]));
    if (!path) return { ok: false, reason: 'cancelled' };
    await this.options.files.write(path, exportNotebook(read.notebook, format));
    return { ok: true, path };
  }

  private async restore(id: string): Promise<OpenedDocument> {
    return this.opened(await this.options.backups.read(id));
  }

  private chooseSavePath(extension: string): Promise<string | undefined> {
    const base = this.path?.replace(/\.[^./\\]+$/, '');
    return this.requireDialogs().chooseFileToSave({ ...(base ? { defaultPath: base + extension } : {}), extension });
  }

  private requireDialogs(): FileDialogs {
    if (!this.options.dialogs) throw new Error('This host has no file dialogs: give the file’s path');
    return this.options.dialogs;
  }
}

/** Ids for the parts of a file that has none (a plain Markdown file), while the host reads it. */
const freshId = (): string => randomUUID().slice(0, 8);

/** Throws, with the line, when a Tessera Markdown file does not parse (Jupyter files are read elsewhere). */
function refuseUnreadable(path: string, content: string): void {
  const read = readDocument(content, documentFormatOf(path), freshId);
  if (!read.ok) throw new Error(`Cannot open ${path}: ${read.line === undefined ? '' : `line ${read.line}: `}${read.message}`);
}
