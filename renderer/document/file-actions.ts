/**
 * New, open, save, save as and export (a web page, a Jupyter notebook): the document's round trips through the host. Where the host has
 * file dialogs (the app) it asks the user itself; where it has none (`tessera serve`) the renderer
 * asks for a path. Work is never dropped silently: replacing a document with unsaved edits asks
 * first, and a save that meets a file changed on disk asks before overwriting it.
 */

import type { HostInfo, SaveResult, TesseraBridge } from '../../common/bridge/contract.ts';
import { setSaveOutputs } from '../../common/notebook/operations.ts';
import { serializeNotebookText } from './notebook-text.ts';
import type { DialogController } from '../components/Dialogs.tsx';
import type { NotebookStore } from '../session/notebook-store.ts';

const exportKinds = {
  html: { title: 'a web page', extension: '.html' },
  ipynb: { title: 'a Jupyter notebook', extension: '.ipynb' },
} as const;

export class FileActions {
  constructor(
    private readonly bridge: TesseraBridge,
    private readonly store: NotebookStore,
    private readonly dialogs: DialogController,
    private readonly host: HostInfo,
  ) {}

  async newDocument(): Promise<void> {
    if (!(await this.mayDiscard())) return;
    await this.attempt(async () => this.store.load(await this.bridge.invoke('document.new'), { dirty: false }));
  }

  async open(): Promise<void> {
    if (!(await this.mayDiscard())) return;
    let path: string | undefined;
    if (!this.host.fileDialogs) {
      const recent = await this.bridge.invoke('document.recent').catch(() => []);
      const answer = await this.dialogs.ask({ kind: 'path', title: 'Open notebook', initial: recent[0] ?? '', recent });
      if (answer === null) return;
      path = answer;
    }
    await this.attempt(async () => {
      const opened = await this.bridge.invoke('document.open', path === undefined ? {} : { path });
      if (opened !== null) this.store.load(opened, { dirty: false });
    });
  }

  async save(): Promise<void> {
    if (this.store.getState().path === null) return this.saveAs();
    await this.attempt(async () => {
      const content = this.store.serialize();
      const trusted = this.store.allOutputsMayRun();
      this.finish(await this.bridge.invoke('document.save', { content, trusted }), () => this.bridge.invoke('document.save', { content, trusted, force: true }));
    });
  }

  async saveAs(): Promise<void> {
    let path: string | undefined;
    if (!this.host.fileDialogs) {
      const current = this.store.getState().path;
      const answer = await this.dialogs.ask({ kind: 'path', title: 'Save notebook as', initial: current ?? 'notebook.tsnb', recent: [] });
      if (answer === null) return;
      path = answer;
    }
    await this.attempt(async () => {
      const content = this.store.serialize();
      const trusted = this.store.allOutputsMayRun();
      const result = await this.bridge.invoke('document.saveAs', path === undefined ? { content, trusted } : { content, path, trusted });
      this.finish(result, undefined);
    });
  }

  /**
   * Exports the notebook (the host's dialog, or a path asked for here); the document itself stays
   * where it is. The host converts it, as `tessera export` does. A Jupyter notebook takes the
   * outputs when the notebook saves outputs; a web page shows what the notebook shows, outputs included.
   */
  async export(format: 'html' | 'ipynb'): Promise<void> {
    const { title, extension } = exportKinds[format];
    let path: string | undefined;
    if (!this.host.fileDialogs) {
      const current = this.store.getState().path;
      const initial = current === null ? `notebook${extension}` : current.replace(/\.[^./\\]+$/, '') + extension;
      const answer = await this.dialogs.ask({ kind: 'path', title: `Export as ${title}`, initial, recent: [] });
      if (answer === null) return;
      path = answer;
    }
    await this.attempt(async () => {
      this.store.flushEdits();
      const notebook = this.store.getState().data.notebook;
      const content = serializeNotebookText(format === 'html' ? setSaveOutputs(notebook, true) : notebook);
      const result = await this.bridge.invoke('document.export', path === undefined ? { content, format } : { content, format, path });
      if (result.ok) this.store.setNotice(`Exported as ${title}: ${result.path}`);
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
