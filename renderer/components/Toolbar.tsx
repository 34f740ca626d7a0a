import { shortcutLabel } from '../commands/commands.ts';
import type { FileActions } from '../document/file-actions.ts';
import { binOf, type NotebookState } from '../session/notebook-store.ts';
import { sameFields, useStore, useStoreState } from '../session/store-context.ts';
import { ToolbarMoreMenu, ToolbarWideActions } from './ToolbarMore.tsx';

function fileName(path: string | null): string {
  if (path === null) return 'Unsaved notebook';
  return path.split(/[\\/]/).at(-1) ?? path;
}

/** What the toolbar shows of the session. */
function toolbarFacts(state: NotebookState) {
  return {
    path: state.path,
    dirty: state.dirty,
    binCount: binOf(state).length,
    busy: [...state.data.containers.values()].some((activity) => activity.kind === 'evaluating') || [...state.data.cells.values()].some((info) => info.queued),
  };
}

/** The top of the window: the file and its saved state, file actions, whether outputs are saved, running, and the palette. */
export function Toolbar({
  files,
  onPalette,
  onBin,
}: {
  readonly files: FileActions;
  readonly onPalette: () => void;
  readonly onBin: () => void;
}) {
  const store = useStore();
  const { path, dirty, binCount, busy } = useStoreState(toolbarFacts, sameFields);
  return (
    <header className="toolbar">
      <span className="brand">Tessera</span>
      <span className="file-name" title={path ?? 'Not saved yet'} data-dirty={dirty}>
        {dirty && (
          <span className="dirty-mark" aria-label="Unsaved changes">
            •{' '}
          </span>
        )}
        {fileName(path)}
      </span>
      <span className="toolbar-spacer" />
      <button type="button" className="tool-button" title={`New (${shortcutLabel({ key: 'n', mod: true, alt: true })})`} onClick={() => void files.newDocument()}>
        New
      </button>
      <button type="button" className="tool-button" title={`Open (${shortcutLabel({ key: 'o', mod: true })})`} onClick={() => void files.open()}>
        Open
      </button>
      <button type="button" className="tool-button" title={`Save (${shortcutLabel({ key: 's', mod: true })})`} onClick={() => void files.save()}>
        Save
      </button>
      <ToolbarWideActions files={files} />
      <ToolbarMoreMenu files={files} />
      <span className="toolbar-divider" />
      <button type="button" className="tool-button primary" title={`Run all (${shortcutLabel({ key: 'Enter', mod: true, shift: true })})`} onClick={() => store.runAll()}>
        ▶ Run all
      </button>
      <button type="button" className="tool-button" disabled={!busy} title={`Stop (${shortcutLabel({ key: 'c', mod: true, alt: true })})`} onClick={() => store.stop()}>
        ■ Stop
      </button>
      <span className="toolbar-divider" />
      <button type="button" className="tool-button" onClick={onBin} title="Deleted cells and sections">
        Bin{binCount > 0 ? ` (${binCount})` : ''}
      </button>
      <button type="button" className="tool-button" onClick={onPalette} title={`Commands (${shortcutLabel({ key: 'p', mod: true, shift: true })})`}>
        Commands
      </button>
    </header>
  );
}
