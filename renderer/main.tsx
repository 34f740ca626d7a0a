/**
 * The renderer's entry: find the host, ask it for the host's facts, any backups and a document,
 * then show the notebook. If the host cannot be reached, say so instead of showing a notebook
 * that could never run or save; if the file cannot be opened, say what is wrong with the file.
 */

import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles/base.css';
import './styles/notebook.css';
import './styles/outputs.css';
import './styles/chrome.css';
import type { OpenedDocument, TesseraBridge } from '../common/bridge/contract.ts';
import type { Notebook } from '../common/notebook/model.ts';
import { connectHostBridge, type HostBridge } from './bridge/host-bridge.ts';
import { BridgeDisconnectedError } from './bridge/websocket-bridge.ts';
import { App } from './components/App.tsx';
import { DialogController } from './components/Dialogs.tsx';
import { FileActions } from './document/file-actions.ts';
import { parseNotebookText } from './document/notebook-text.ts';
import { CellModels } from './editor/cell-models.ts';
import { openCellsFromEditors } from './editor/cell-opener.ts';
import { loadMonacoModule } from './editor/load-monaco.ts';
import { NotebookStore } from './session/notebook-store.ts';

async function start(root: HTMLElement): Promise<void> {
  // Monaco loads while the host answers: the first editor is ready sooner.
  const monaco = loadMonacoModule();
  let connected: HostBridge;
  try {
    connected = await connectHostBridge();
  } catch (error) {
    showBootError(root, `Tessera could not reach its host: ${(error as Error).message}`);
    return;
  }
  const { bridge, onDisconnect } = connected;
  const [host, backups, opened] = await Promise.all([
    bridge.invoke('host.info'),
    bridge.invoke('backup.list').catch(() => []),
    openInitialDocument(bridge),
  ]);
  const store = new NotebookStore(bridge, opened.notebook, opened.document.path, opened.document.trusted);
  if (opened.problem !== null) store.setNotice(opened.problem);
  const models = new CellModels(store);
  // Before any component hears that Monaco is there (they ask later), so that an editor finds its model.
  void monaco.then((module) => {
    models.connect(module);
    openCellsFromEditors(module, store, models);
  });
  onDisconnect(() => store.setHostLost());
  const dialogs = new DialogController();
  const files = new FileActions(bridge, store, dialogs, host);
  createRoot(root).render(<App bridge={bridge} store={store} models={models} files={files} dialogs={dialogs} backups={backups} />);
}

/**
 * The file the window was opened for, or a new notebook. A file that cannot be opened (not UTF-8,
 * not a notebook) says what is wrong with it, over a new notebook that cannot overwrite it.
 */
async function openInitialDocument(bridge: TesseraBridge): Promise<{ document: OpenedDocument; notebook: Notebook; problem: string | null }> {
  let problem: string | null = null;
  try {
    const initial = await bridge.invoke('document.initial');
    if (initial !== null) return { document: initial, notebook: parseNotebookText(initial.content, initial.path), problem };
  } catch (error) {
    if (error instanceof BridgeDisconnectedError) throw error;
    problem = (error as Error).message;
  }
  const document = await bridge.invoke('document.new');
  return { document, notebook: parseNotebookText(document.content, null), problem };
}

function showBootError(root: HTMLElement, text: string): void {
  root.replaceChildren();
  const message = document.createElement('p');
  message.className = 'boot-error';
  message.textContent = text;
  root.append(message);
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
start(root).catch((error: Error) => {
  const lost = error instanceof BridgeDisconnectedError;
  showBootError(root, lost ? `Tessera lost its host while starting: ${error.message}` : `Tessera could not start: ${error.message}`);
});
