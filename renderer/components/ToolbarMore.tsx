/**
 * The toolbar's less frequent file actions (Save as, the exports, Save outputs): in the toolbar
 * in a wide window, in a "More" menu in a narrow one, so that the toolbar fits from 800 px up
 * without scrolling sideways. Which of the two shows is the stylesheet's choice (chrome.css); both
 * are the same actions.
 */

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { shortcutLabel } from '../commands/commands.ts';
import type { FileActions } from '../document/file-actions.ts';
import { useStore, useStoreState } from '../session/store-context.ts';
import { useEscapeToClose } from './escape-to-close.ts';

interface MoreAction {
  readonly label: string;
  readonly title: string;
  readonly run: () => void;
}

function moreActions(files: FileActions): readonly MoreAction[] {
  return [
    { label: 'Save as', title: `Save as (${shortcutLabel({ key: 's', mod: true, shift: true })})`, run: () => void files.saveAs() },
    { label: 'Export .html', title: 'Export as a standalone web page (.html)', run: () => void files.export('html') },
    { label: 'Export .ipynb', title: 'Export as a Jupyter notebook (.ipynb)', run: () => void files.export('ipynb') },
  ];
}

const saveOutputsTitle = "Write the cells' outputs into the file when saving (and exporting)";

/** The actions as toolbar buttons, for a wide window. */
export function ToolbarWideActions({ files }: { readonly files: FileActions }) {
  const store = useStore();
  const saveOutputs = useStoreState((state) => state.data.notebook.saveOutputs);
  return (
    <span className="toolbar-wide">
      {moreActions(files).map((action) => (
        <button key={action.label} type="button" className="tool-button" title={action.title} onClick={action.run}>
          {action.label}
        </button>
      ))}
      <label className="toolbar-toggle" title={saveOutputsTitle}>
        <input type="checkbox" checked={saveOutputs} onChange={(event) => store.setSaveOutputs(event.currentTarget.checked)} />
        Save outputs
      </label>
    </span>
  );
}

/** The same actions in a menu, for a narrow window. */
export function ToolbarMoreMenu({ files }: { readonly files: FileActions }) {
  const store = useStore();
  const saveOutputs = useStoreState((state) => state.data.notebook.saveOutputs);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointerDown);
    return () => window.removeEventListener('pointerdown', onPointerDown);
  }, [open]);
  const choose = (run: () => void) => () => {
    setOpen(false);
    run();
  };
  return (
    <span className="toolbar-more" ref={root}>
      <button type="button" className="tool-button" aria-haspopup="menu" aria-expanded={open} title="More file actions" onClick={() => setOpen((was) => !was)}>
        More ▾
      </button>
      {open && (
        <MoreMenu onClose={() => setOpen(false)}>
          {moreActions(files).map((action) => (
            <button key={action.label} type="button" role="menuitem" className="menu-item" title={action.title} onClick={choose(action.run)}>
              <span className="menu-check" />
              {action.label}
            </button>
          ))}
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={saveOutputs}
            className="menu-item"
            title={saveOutputsTitle}
            onClick={choose(() => store.setSaveOutputs(!saveOutputs))}
          >
            <span className="menu-check">{saveOutputs ? '✓' : ''}</span>Save outputs
          </button>
        </MoreMenu>
      )}
    </span>
  );
}

function MoreMenu({ onClose, children }: { readonly onClose: () => void; readonly children: ReactNode }) {
  useEscapeToClose(onClose);
  return (
    <div className="menu" role="menu" aria-label="More file actions">
      {children}
    </div>
  );
}
