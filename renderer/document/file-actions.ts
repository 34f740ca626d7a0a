/**
 * New, open, save, save as and export (a web page, a Jupyter notebook): the document's round trips through the host. Where the host has
 * file dialogs (the app) it asks the user itself; where it has none (`tessera serve`) the renderer
 * asks for a path. Work is never dropped silently: replacing a document with unsaved edits asks
 * first, and a save that meets a file changed on disk asks before overwriting it.
 */

import type { HostInfo, SaveResult, TesseraBridge } from '../../common/bridge/contract.ts';
import { documentFormatOf, formatLosses } from '../../common/notebook/document-format.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { setSaveOutputs } from '../../common/notebook/operations.ts';
import { serializeNotebookText } from './notebook-text.ts';
import type { DialogController } from '../components/Dialogs.tsx';
import type { FolderBrowsing } from '../components/FolderBrowser.tsx';
import type { NotebookStore } from '../session/notebook-store.ts';

const exportKinds = {
  html: { title: 'a web page', extension: '.html' },
  ipynb: { title: 'a Jupyter notebook', extension: '.ipynb' },
} as const;

function extensionOf(path: string | null): '.tsnb' | '.ipynb' {
  return documentFormatOf(path) === 'ipynb' ? '.ipynb' : '.tsnb';
}

export class FileActions {
  constructor(
    private readonly bridge: TesseraBridge,
    private readonly store: NotebookStore,
    private readonly dialogs: DialogController,
    private readonly host: HostInfo,
  ) {}

  async newDocument(): Promise<void> {
    if (this.hostLost()) return;
    if (!(await this.mayDiscard())) return;
    await this.attempt(async () => this.store.load(await this.bridge.invoke('document.new'), { dirty: false }));
  }

  async open(): Promise<void> {
    if (this.hostLost()) return;
    if (!(await this.mayDiscard())) return;
    let path: string | undefined;
    if (!this.host.fileDialogs) {
      const recent = await this.bridge.invoke('document.recent').catch(() => []);
      const answer = await this.dialogs.ask({ kind: 'path', title: 'Open notebook', initial: recent[0] ?? '', recent, browsing: this.browsing(true) });
      if (answer === null) return;
      path = answer;
    }
    await this.attempt(async () => {
      const opened = await this.bridge.invoke('document.open', path === undefined ? {} : { path });
      if (opened !== null) this.store.load(opened, { dirty: false });
    });
  }

  async save(): Promise<void> {
    if (this.hostLost()) return;
    if (this.store.getState().path === null) return this.saveAs();
    await this.attempt(async () => {
      const content = this.store.serialize();
      const saved = { notebook: this.store.getState().data.notebook, content };
      const trusted = this.store.allOutputsMayRun();
      this.finish(await this.bridge.invoke('document.save', { content, trusted }), saved, () => this.bridge.invoke('document.save', { content, trusted, force: true }));
    });
  }

  /**
   * Saves under a path the user chooses; the file's format follows its extension (`.ipynb` or
   * `.tsnb`), and choosing the other format than the document's says first what it cannot keep.
   */
  async saveAs(): Promise<void> {
    if (this.hostLost()) return;
    const current = this.store.getState().path;
    const path = await this.choosePath('Save notebook as', current ?? 'notebook.tsnb', extensionOf(current));
    if (path === null || !(await this.acceptLosses(path))) return;
    await this.attempt(async () => {
      const content = this.store.serialize(path);
      const saved = { notebook: this.store.getState().data.notebook, content };
      const trusted = this.store.allOutputsMayRun();
      this.finish(await this.bridge.invoke('document.saveAs', { content, path, trusted }), saved, undefined);
    });
  }

  /**
   * Exports the notebook (the host's dialog, or a path asked for here); the document itself stays
   * where it is. The host converts it, as `tessera export` does. A Jupyter notebook takes the
   * outputs when the notebook saves outputs; a web page shows what the notebook shows, outputs included.
   */
  async export(format: 'html' | 'ipynb'): Promise<void> {
    if (this.hostLost()) return;
    const { title, extension } = exportKinds[format];
    let path: string | undefined;
    if (!this.host.fileDialogs) {
      const current = this.store.getState().path;
      const initial = current === null ? `notebook${extension}` : current.replace(/\.[^./\\]+$/, '') + extension;
      const answer = await this.dialogs.ask({ kind: 'path', title: `Export as ${title}`, initial, recent: [], browsing: this.browsing(false) });
      if (answer === null) return;
      path = answer;
    }
    await this.attempt(async () => {
      this.store.flushEdits();
      const notebook = this.store.getState().data.notebook;
      // In the document's own format: the host reads it as the file would be read.
      const content = serializeNotebookText(format === 'html' ? setSaveOutputs(notebook, true) : notebook, this.store.getState().path);
      const result = await this.bridge.invoke('document.export', path === undefined ? { content, format } : { content, format, path });
      if (result.ok) this.store.setNotice(`Exported as ${title}: ${result.path}`);
    });
  }

  /** A path to write to: from the host's dialog where it has one, else asked for here; null when cancelled. */
  private async choosePath(title: string, initial: string, extension: '.tsnb' | '.ipynb'): Promise<string | null> {
    if (this.host.fileDialogs) return this.bridge.invoke('document.chooseSavePath', { extension });
    return this.dialogs.ask({ kind: 'path', title, initial, recent: [], browsing: this.browsing(false) });
  }

  /** Before the document changes format: what the new format cannot keep, and whether to go on. */
  private async acceptLosses(path: string): Promise<boolean> {
    const target = documentFormatOf(path);
    if (target === documentFormatOf(this.store.getState().path)) return true;
    this.store.flushEdits();
    const losses = formatLosses(this.store.getState().data.notebook, target);
    if (losses.length === 0) return true;
    const format = target === 'ipynb' ? 'A Jupyter notebook (.ipynb)' : 'A Tessera notebook (.tsnb)';
    return this.dialogs.ask({ kind: 'confirm', message: `${format} cannot keep ${losses.join(', nor ')}. Save as ${path} anyway?`, confirm: 'Save' });
  }

  /** `saved`: the notebook that was written, and its text, so that what changed meanwhile stays unsaved. */
  private finish(result: SaveResult, saved: { readonly notebook: Notebook; readonly content: string }, force: (() => Promise<SaveResult>) | undefined): void {
    if (result.ok) {
      this.store.markSaved(result.path, saved.notebook, saved.content);
      return;
    }
    if (result.reason === 'cancelled') return;
    void this.dialogs
      .ask({ kind: 'confirm', message: `${result.message} Overwrite it with this notebook?`, confirm: 'Overwrite' })
      .then(async (overwrite) => {
        if (overwrite && force !== undefined) await this.attempt(async () => this.finish(await force(), saved, undefined));
      });
  }

  /** The host's folders, for the path dialog's file browser. */
  private browsing(opens: boolean): FolderBrowsing {
    return { list: (path) => this.bridge.invoke('files.list', path === undefined ? {} : { path }), opens };
  }

  /**
   * Whether the host is gone: then nothing can be opened or saved, and the page says so at once,
   * before asking for a path that could never be used.
   */
  private hostLost(): boolean {
    if (!this.store.getState().hostLost) return false;
    this.store.setHostLost();
    return true;
  }

  /** Whether the document may be replaced: it has no unsaved changes, or the user saved or dropped them. */
  private async mayDiscard(): Promise<boolean> {
    if (!this.store.getState().dirty) return true;
    const choice = await this.dialogs.ask({ kind: 'unsaved', message: 'Save the changes to this notebook first?' });
    if (choice !== 'save') return choice === 'discard';
    await this.save();
    // A save cancelled, or one waiting for an answer about a file changed on disk, keeps the document.
    return !this.store.getState().dirty;
  }

  private async attempt(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.store.setNotice((error as Error).message);
    }
  }
}
