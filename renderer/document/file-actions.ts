/**
 * New, open, save, save as and export as a Jupyter notebook: the document's round trips through the host. Where the host has
 * file dialogs (the app) it asks the user itself; where it has none (`tessera serve`) the renderer
 * asks for a path. Work is never dropped silently: replacing a document with unsaved edits asks
 * first, and a save that meets a file changed on disk asks before overwriting it.
 */

import type { HostInfo, SaveResult, TesseraBridge } from '../../common/bridge/contract.ts';
import { exportIpynb } from '../../common/notebook/ipynb.ts';
import type { DialogController } from '../components/Dialogs.tsx';
import type { FolderBrowsing } from '../components/FolderBrowser.tsx';
import type { NotebookStore } from '../session/notebook-store.ts';

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
      this.finish(await this.bridge.invoke('document.save', { content }), () => this.bridge.invoke('document.save', { content, force: true }));
    });
  }

  async saveAs(): Promise<void> {
    if (this.hostLost()) return;
    let path: string | undefined;
    if (!this.host.fileDialogs) {
      const current = this.store.getState().path;
      const answer = await this.dialogs.ask({ kind: 'path', title: 'Save notebook as', initial: current ?? 'notebook.tsnb', recent: [], browsing: this.browsing(false) });
      if (answer === null) return;
      path = answer;
    }
    await this.attempt(async () => {
      const content = this.store.serialize();
      const result = await this.bridge.invoke('document.saveAs', path === undefined ? { content } : { content, path });
      this.finish(result, undefined);
    });
  }

  /**
   * Writes the notebook as a `.ipynb` beside it (the host's dialog, or a path asked for here); the
   * document itself stays where it is. Outputs go along when the notebook saves outputs.
   */
  async exportIpynb(): Promise<void> {
    if (this.hostLost()) return;
    let path: string | undefined;
    if (!this.host.fileDialogs) {
      const current = this.store.getState().path;
      const initial = current === null ? 'notebook.ipynb' : current.replace(/\.[^./\\]+$/, '') + '.ipynb';
      const answer = await this.dialogs.ask({ kind: 'path', title: 'Export as Jupyter notebook', initial, recent: [], browsing: this.browsing(false) });
      if (answer === null) return;
      path = answer;
    }
    await this.attempt(async () => {
      this.store.flushEdits();
      const content = exportIpynb(this.store.getState().data.notebook);
      const result = await this.bridge.invoke('document.exportIpynb', path === undefined ? { content } : { content, path });
      if (result.ok) this.store.setNotice(`Exported as a Jupyter notebook: ${result.path}`);
    });
  }

  private finish(result: SaveResult, force: (() => Promise<SaveResult>) | undefined): void {
    if (result.ok) {
      this.store.markSaved(result.path);
      return;
    }
    if (result.reason === 'cancelled') return;
    void this.dialogs
      .ask({ kind: 'confirm', message: `${result.message} Overwrite it with this notebook?`, confirm: 'Overwrite' })
      .then(async (overwrite) => {
        if (overwrite && force !== undefined) await this.attempt(async () => this.finish(await force(), undefined));
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

  private async mayDiscard(): Promise<boolean> {
    if (!this.store.getState().dirty) return true;
    return this.dialogs.ask({ kind: 'confirm', message: 'This notebook has unsaved changes. Discard them?', confirm: 'Discard' });
  }

  private async attempt(run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.store.setNotice((error as Error).message);
    }
  }
}
