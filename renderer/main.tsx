/**
 * The renderer's entry: find the host, ask it for the host's facts, any backups and a document,
 * then show the notebook. If the host cannot be reached, say so instead of showing a notebook
 * that could never run or save.
 */

import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles/base.css';
import './styles/notebook.css';
import './styles/outputs.css';
import './styles/chrome.css';
import { connectHostBridge } from './bridge/host-bridge.ts';
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
  const { bridge, onDisconnect } = await connectHostBridge();
  const [host, backups, initial] = await Promise.all([
    bridge.invoke('host.info'),
    bridge.invoke('backup.list').catch(() => []),
    bridge.invoke('document.initial'),
  ]);
  // The file the window was opened for, or a new notebook.
  const document = initial ?? (await bridge.invoke('document.new'));
  const store = new NotebookStore(bridge, parseNotebookText(document.content, document.path), document.path);
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

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
start(root).catch((error: Error) => {
  root.replaceChildren();
  const message = document.createElement('p');
  message.className = 'boot-error';
  message.textContent = `Tessera could not reach its host: ${error.message}`;
  root.append(message);
});
