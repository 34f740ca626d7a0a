/**
 * The window: a toolbar, the notebook, the runtime's status bar, and the dialogs over them. It
 * wires the store to what lives outside React — the window's keys, the page title, the host's
 * backups. Each part reads the store's state it shows by itself, so that a change re-renders what
 * shows it and nothing else.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppCommand, BackupInfo, TesseraBridge } from '../../common/bridge/contract.ts';
import { buildCommands, matches } from '../commands/commands.ts';
import { RuntimeActions } from '../commands/runtime-actions.ts';
import { FileActions } from '../document/file-actions.ts';
import { useUnsavedGuard } from '../document/unsaved-guard.ts';
import type { CellModels } from '../editor/cell-models.ts';
import { binOf, type NotebookStore } from '../session/notebook-store.ts';
import { CellModelsContext, sameFields, StoreContext, useSelectedState } from '../session/store-context.ts';
import { BinPanel } from './BinPanel.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { DialogController, DialogLayer } from './Dialogs.tsx';
import { NotebookView } from './NotebookView.tsx';
import { RecoveryPrompt } from './RecoveryPrompt.tsx';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';

/** How long after an edit the host is sent the document for its backup… */
const backupDelayMs = 300;
/**
 * …unless someone is typing: then it waits for a pause, up to this long. Writing out a big notebook
 * and sending it takes a few milliseconds that would land between keys; the host keeps only the
 * latest copy anyway.
 */
const backupMaxDelayMs = 5000;

/** The palette's command for each command the host's menus send. */
const appCommandIds: Partial<Record<AppCommand, string>> = {
  'file.new': 'file.new',
  'file.open': 'file.open',
  'file.save': 'file.save',
  'file.saveAs': 'file.saveAs',
  'file.exportIpynb': 'file.exportIpynb',
  'file.exportHtml': 'file.exportHtml',
  'cell.run': 'cell.run',
  'cell.runAndAdvance': 'cell.runAdvance',
  'cell.runAll': 'run.all',
  'cell.insertCodeBelow': 'cell.insertBelow',
  'cell.insertMarkdownBelow': 'cell.insertMarkdown',
  'cell.delete': 'cell.delete',
  'cell.moveUp': 'cell.moveUp',
  'cell.moveDown': 'cell.moveDown',
  'runtime.interrupt': 'run.stop',
  'runtime.restart': 'runtime.restart',
  'runtime.restartAndRunAll': 'runtime.restartAndRunAll',
  'runtime.clearAllOutputs': 'outputs.clearAll',
  'runtime.disconnect': 'runtime.disconnect',
  'view.commandPalette': 'palette',
};

function fromTextInput(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('.monaco-editor, input, textarea, select') !== null;
}

function useDocumentBackups(bridge: TesseraBridge, store: NotebookStore): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstChange = 0;
    const send = () => {
      timer = undefined;
      if (store.hasPendingEdits() && Date.now() - firstChange < backupMaxDelayMs) {
        timer = setTimeout(send, backupDelayMs);
        return;
      }
      // A backup refused (a notebook too large to send) is said: the user is not backed up.
      bridge.invoke('document.changed', { content: store.serialize() }).catch((error: Error) => store.setNotice(`Not backed up: ${error.message}`));
    };
    const off = store.onDocumentChanged(() => {
      if (timer !== undefined) return;
      firstChange = Date.now();
      timer = setTimeout(send, backupDelayMs);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [bridge, store]);
}

/** Asks whether to trust the notebook when the user asked to (an inert output's button). */
function useTrustPrompt(store: NotebookStore, dialogs: DialogController): void {
  const asked = useSelectedState(store, (state) => state.trustAsked);
  useEffect(() => {
    if (!asked) return;
    void dialogs
      .ask({
        kind: 'confirm',
        message:
          'Trust this notebook? Its saved HTML and SVG outputs will render live, scripts and all, now and whenever this file opens unchanged. ' +
          'Trust only a notebook you wrote or whose author you trust.',
        confirm: 'Trust notebook',
      })
      .then((trust) => store.answerTrust(trust));
  }, [asked, dialogs, store]);
}

export function App({
  bridge,
  store,
  models,
  files,
  dialogs,
  backups,
}: {
  readonly bridge: TesseraBridge;
  readonly store: NotebookStore;
  readonly models: CellModels;
  readonly files: FileActions;
  readonly dialogs: DialogController;
  readonly backups: readonly BackupInfo[];
}) {
  const { dirty, title } = useSelectedState(store, (state) => ({ dirty: state.dirty, title: state.data.notebook.title }), sameFields);
  const bin = useSelectedState(store, binOf);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [binOpen, setBinOpen] = useState(false);
  const [pendingBackups, setPendingBackups] = useState(backups);

  const runtime = useMemo(() => new RuntimeActions(store, dialogs), [store, dialogs]);
  const commands = useMemo(
    () => buildCommands(store, files, runtime, () => setPaletteOpen(true), () => setBinOpen((open) => !open)),
    [store, files, runtime],
  );

  const latestCommands = useRef(commands);
  latestCommands.current = commands;

  useDocumentBackups(bridge, store);
  useTrustPrompt(store, dialogs);
  useUnsavedGuard(bridge, store);
  useEffect(() => store.attach(), [store]);

  // The host asks before closing a window with unsaved changes.
  useEffect(() => {
    bridge.invoke('document.dirty', { dirty }).catch(() => {});
  }, [bridge, dirty]);

  // Commands from the host's menus run as the palette would run them.
  useEffect(
    () =>
      bridge.on('app.command', (command) => {
        if (command === 'file.saveAndClose') {
          void files.save().then(() => {
            if (!store.getState().dirty) bridge.invoke('window.close').catch(() => {});
          });
          return;
        }
        const id = appCommandIds[command];
        const found = id === undefined ? undefined : latestCommands.current.find((candidate) => candidate.id === id);
        if (found !== undefined) found.run();
        else store.setNotice(`“${command}” is not available in this window yet`);
      }),
    [bridge, files, store],
  );

  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${title || 'Untitled notebook'} — Tessera`;
  }, [title, dirty]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      for (const command of latestCommands.current) {
        if (command.shortcut === undefined || !matches(command.shortcut, event)) continue;
        if (command.scope === 'anywhere' || (command.scope === 'commandMode' && !fromTextInput(event.target))) {
          event.preventDefault();
          event.stopPropagation();
          command.run();
          return;
        }
      }
    };
    // Capture: the notebook's shortcuts win over an editor's own bindings for the same keys.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const restoreBackup = async (backup: BackupInfo) => {
    setPendingBackups((list) => list.filter((item) => item.id !== backup.id));
    try {
      store.load(await bridge.invoke('backup.restore', { id: backup.id }), { dirty: true });
      // This session backs the restored work up under its own key before the old copy goes.
      await bridge.invoke('document.changed', { content: store.serialize() });
      await bridge.invoke('backup.discard', { id: backup.id });
      setPendingBackups([]);
    } catch (error) {
      store.setNotice(`Could not restore the backup: ${(error as Error).message}`);
    }
  };

  return (
    <StoreContext.Provider value={store}>
      <CellModelsContext.Provider value={models}>
        <div className="app">
          <Toolbar files={files} onPalette={() => setPaletteOpen(true)} onBin={() => setBinOpen((open) => !open)} />
          <div className="workspace">
            <NotebookView />
            {binOpen && <BinPanel bin={bin} onClose={() => setBinOpen(false)} />}
          </div>
          <StatusBar runtime={runtime} />
        </div>
        {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
        {pendingBackups.length > 0 && (
          <RecoveryPrompt
            backups={pendingBackups}
            onRestore={(backup) => void restoreBackup(backup)}
            onDiscard={(backup) => {
              setPendingBackups((list) => list.filter((item) => item.id !== backup.id));
              bridge.invoke('backup.discard', { id: backup.id }).catch((error: Error) => store.setNotice(error.message));
            }}
            onLater={() => setPendingBackups([])}
          />
        )}
        <DialogLayer controller={dialogs} />
      </CellModelsContext.Provider>
    </StoreContext.Provider>
  );
}
