/**
 * The bridge: everything the renderer may ask of its host, and everything the host tells it. One
 * typed contract with two carriers — Electron IPC through the preload in the app, a WebSocket in
 * `tessera serve` — so the renderer cannot tell them apart, and both hosts implement the same
 * `BridgeHandlers`.
 *
 * A window (or a browser tab) has one session: one document and its runtime. Requests therefore
 * name no session; the host knows whose they are. The host, not the renderer, decides the folder a
 * cell runs in (the document's), so a renderer cannot point the runtime elsewhere.
 */

import type { ContainerRef, EvaluationRef, Language, MemoryMessage, RuntimeMessage } from '../protocol/runtime.ts';

/** An evaluation as the renderer asks for it: the host adds the notebook's folder. */
export interface BridgeEvaluateRequest {
  readonly containerRef: ContainerRef;
  readonly evaluationRef: EvaluationRef;
  readonly prevEvaluationRef: EvaluationRef | null;
  readonly code: string;
  readonly language: Language;
  readonly label?: string;
}

export type RuntimeStatus =
  /** No runtime yet: the first evaluation (or connect) starts one. */
  | { readonly state: 'disconnected' }
  | { readonly state: 'starting' }
  | {
      readonly state: 'ready' | 'busy';
      readonly pid: number | undefined;
      /** Which Node runs it: "Node v22.20.0 (Electron's)". */
      readonly node?: string;
      readonly memory?: MemoryMessage;
    }
  | { readonly state: 'down'; readonly message: string; readonly exitCode: number | null; readonly signal: string | null };

/** A document's text and where it belongs. */
export interface DocumentText {
  /** Null for a new, never saved notebook. */
  readonly path: string | null;
  readonly content: string;
}

/** A document as the host hands it over: the file's text, which the renderer parses. */
export interface OpenedDocument extends DocumentText {
  /**
   * Whether the outputs saved in it may run their scripts (HTML, SVG, JavaScript): the user
   * trusted this very content, or it is a new notebook. Otherwise they render inert until their
   * cell runs again or the user trusts the notebook.
   */
  readonly trusted: boolean;
}

export type SaveResult =
  | { readonly ok: true; readonly path: string }
  /** The user closed the save dialog. */
  | { readonly ok: false; readonly reason: 'cancelled' }
  /** The file changed on disk since it was opened or saved: ask the user, then save with `force`. */
  | { readonly ok: false; readonly reason: 'conflict'; readonly message: string };

/** What a notebook exports to: a standalone HTML page, a Jupyter notebook, Tessera's own file. */
export type ExportFormat = 'html' | 'ipynb' | 'tsnb';

export const exportFormats: readonly ExportFormat[] = ['html', 'ipynb', 'tsnb'];

export interface BackupInfo {
  readonly id: string;
  /** The document the backup belongs to; null for one never saved. */
  readonly path: string | null;
  readonly savedAt: number;
}

export interface HostInfo {
  readonly kind: 'electron' | 'serve';
  /** Whether open and save can show the system's file dialogs; otherwise they need a path. */
  readonly fileDialogs: boolean;
  readonly platform: string;
}

/** A folder as `tessera serve`'s file browser shows it: its folders, then its notebooks. */
export interface FolderListing {
  /** The folder serve was started in: nothing above it is listed. */
  readonly root: string;
  readonly path: string;
  /** The folder above, or null at the root. */
  readonly parent: string | null;
  readonly entries: readonly { readonly name: string; readonly path: string; readonly kind: 'folder' | 'notebook' }[];
  /** Whether the folder held more entries than are listed. */
  readonly truncated: boolean;
}

/** Requests: channel → the handler's signature. Every handler returns a promise on the wire. */
export interface BridgeHandlers {
  'host.info': () => HostInfo;
  'runtime.connect': () => void;
  'runtime.disconnect': () => void;
  'runtime.restart': () => void;
  'runtime.evaluate': (request: BridgeEvaluateRequest) => void;
  'runtime.forget': (request: { readonly containerRef: ContainerRef; readonly evaluationRef: EvaluationRef }) => void;
  'runtime.drop': (request: { readonly containerRef: ContainerRef }) => void;
  'runtime.interrupt': (request: { readonly containerRef: ContainerRef }) => void;
  'runtime.status': () => RuntimeStatus;
  /** The document this window was opened for (a file given at start), or null for a new one. */
  'document.initial': () => OpenedDocument | null;
  'document.new': () => OpenedDocument;
  /** Opens `path`, or asks the user with a dialog when there is none; null when cancelled. */
  'document.open': (request: { readonly path?: string }) => OpenedDocument | null;
  /** `trusted`: every output in `content` may run (the user's own, or the notebook is trusted): remember the file as trusted. */
  'document.save': (request: { readonly content: string; readonly force?: boolean; readonly trusted?: boolean }) => SaveResult;
  /**
   * Asks the user where to save, with the host's dialog (offering `.tsnb` and `.ipynb`, `extension`
   * first); null when cancelled. The renderer asks before it writes the content, whose format
   * follows the path's extension. Hosts without dialogs refuse: the renderer asks for a path itself.
   */
  'document.chooseSavePath': (request: { readonly extension: string }) => string | null;
  'document.saveAs': (request: { readonly content: string; readonly path: string; readonly trusted?: boolean }) => SaveResult;
  /** The user trusts the document as it was last opened or saved: its outputs run, now and when it opens again. */
  'document.trust': () => void;
  'document.recent': () => readonly string[];
  /**
   * Exports the document (its file text, `content`) as `format` to `path`, or where the user
   * chooses: the host converts and writes, as `tessera export` does. The document stays where it is.
   */
  'document.export': (request: { readonly content: string; readonly format: ExportFormat; readonly path?: string }) => SaveResult;
  /**
   * Lists a folder for the file browser of a host without file dialogs (`tessera serve`): the
   * folder it was started in when `path` is absent, never one outside it.
   */
  'files.list': (request: { readonly path?: string }) => FolderListing;
  /** The document changed: the host backs it up about a second later. */
  'document.changed': (request: { readonly content: string }) => void;
  /** Whether the document has unsaved changes: the host asks before closing a dirty window. */
  'document.dirty': (request: { readonly dirty: boolean }) => void;
  /** Closes the window (or tab's session) without asking again: after a save the host asked for. */
  'window.close': () => void;
  'backup.list': () => readonly BackupInfo[];
  'backup.restore': (request: { readonly id: string }) => OpenedDocument;
  'backup.discard': (request: { readonly id: string }) => void;
}

export type BridgeChannel = keyof BridgeHandlers;

/** Events: channel → payload. Runtime messages come batched, at most about one batch per frame. */
export interface BridgeEvents {
  'runtime.messages': readonly RuntimeMessage[];
  'runtime.status': RuntimeStatus;
  /** A command chosen in the host's menu, or asked by the host (save before closing). */
  'app.command': AppCommand;
}

/** Commands the host's menus send to the renderer, which owns the document and performs them. */
export type AppCommand =
  | 'file.new'
  | 'file.open'
  | 'file.save'
  | 'file.saveAs'
  | 'file.exportIpynb'
  | 'file.exportHtml'
  /** Save, then invoke `window.close`: the user chose "Save" when closing a dirty window. */
  | 'file.saveAndClose'
  | 'cell.run'
  | 'cell.runAndAdvance'
  | 'cell.runAll'
  | 'cell.insertCodeBelow'
  | 'cell.insertMarkdownBelow'
  | 'cell.delete'
  | 'cell.moveUp'
  | 'cell.moveDown'
  | 'runtime.interrupt'
  | 'runtime.restart'
  | 'runtime.restartAndRunAll'
  | 'runtime.clearAllOutputs'
  | 'runtime.disconnect'
  | 'view.commandPalette';

export type BridgeEventChannel = keyof BridgeEvents;

/** What `window.tessera` is in the renderer, whichever host serves it. */
export interface TesseraBridge {
  invoke<C extends BridgeChannel>(
    channel: C,
    ...args: Parameters<BridgeHandlers[C]>
  ): Promise<Awaited<ReturnType<BridgeHandlers[C]>>>;
  /** Subscribes to an event; call the result to unsubscribe. */
  on<E extends BridgeEventChannel>(event: E, listener: (payload: BridgeEvents[E]) => void): () => void;
}

/** Host-side implementations: each may be async. */
export type BridgeImplementation = {
  readonly [C in BridgeChannel]: (
    ...args: Parameters<BridgeHandlers[C]>
  ) => ReturnType<BridgeHandlers[C]> | Promise<ReturnType<BridgeHandlers[C]>>;
};

/**
 * One window's or tab's side of a host: the handlers for its requests, the events it is sent,
 * and an end. Electron main and `tessera serve` both carry exactly this over their transports.
 */
export interface BridgeSession {
  readonly handlers: BridgeImplementation;
  onEvent(listener: <E extends BridgeEventChannel>(event: E, payload: BridgeEvents[E]) => void): { dispose(): void };
  dispose(): void;
}
