/** Deleted cells and sections, newest first, each restorable to where it was. */

import { binnedId } from '../../common/notebook/operations.ts';
import type { BinEntry } from '../session/notebook-store.ts';
import { useStore } from '../session/store-context.ts';
import { useEscapeToClose } from './escape-to-close.ts';

function describe(entry: BinEntry): string {
  if (entry.kind === 'section') return `Section “${entry.section.title}” (${entry.section.cells.length} cells)`;
  const firstLine = entry.cell.source.split('\n').find((line) => line.trim() !== '') ?? '(empty)';
  return `${entry.cell.kind === 'code' ? 'Code' : 'Markdown'}: ${firstLine.slice(0, 80)}`;
}

export function BinPanel({ bin, onClose }: { readonly bin: readonly BinEntry[]; readonly onClose: () => void }) {
  const store = useStore();
  useEscapeToClose(onClose);
  return (
    <aside className="bin-panel" aria-label="Bin">
      <div className="bin-heading">
        <h2>Bin</h2>
        <span className="toolbar-spacer" />
        {bin.length > 0 && (
          <button type="button" className="tool-button" onClick={() => store.emptyBin()}>
            Empty
          </button>
        )}
        <button type="button" className="tool-button" onClick={onClose} aria-label="Close the bin">
          ✕
        </button>
      </div>
      {bin.length === 0 ? (
        <p className="bin-empty">Nothing deleted.</p>
      ) : (
        <ul className="bin-list">
          {bin.map((entry) => (
            <li key={binnedId(entry)}>
              <code className="bin-entry">{describe(entry)}</code>
              <button type="button" className="tool-button" onClick={() => store.restore(binnedId(entry))}>
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
