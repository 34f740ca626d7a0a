/**
 * A section: its heading (fold, rename, run, add a section after it, delete) and its cells with
 * insert bars between them. The setup section — the cells before the first heading — has no
 * heading of its own.
 */

import { memo, useState } from 'react';
import type { CellId, Section } from '../../common/notebook/model.ts';
import { cellState, sourceChanged, type SessionData } from '../../common/session/data.ts';
import type { CellFocus, ErrorLocation } from '../session/notebook-store.ts';
import { useStore } from '../session/store-context.ts';
import { cellDragType } from './CellToolbar.tsx';
import { CellView } from './CellView.tsx';
import { InsertBar } from './InsertBar.tsx';

const SectionHeading = memo(function SectionHeading({ section, collapsed }: { readonly section: Section; readonly collapsed: boolean }) {
  const store = useStore();
  const [renaming, setRenaming] = useState(false);
  const [dropTarget, setDropTarget] = useState(false);
  return (
    <div
      className={`section-heading${dropTarget ? ' drop-target' : ''}`}
      // A cell dropped on the heading goes first in the section: the way into an empty one.
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(cellDragType)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(event) => {
        setDropTarget(false);
        const moved = event.dataTransfer.getData(cellDragType);
        if (moved === '') return;
        event.preventDefault();
        store.moveCellToSection(moved, section.id);
      }}
    >
      <button
        type="button"
        className="fold-button"
        aria-expanded={!collapsed}
        title={collapsed ? 'Expand section' : 'Collapse section'}
        onClick={() => store.toggleCollapsed(section.id)}
      >
        {collapsed ? '▸' : '▾'}
      </button>
      {renaming ? (
        <input
          className="section-title-input"
          aria-label="Section title"
          defaultValue={section.title}
          autoFocus
          onBlur={(event) => {
            store.renameSection(section.id, event.currentTarget.value.trim() || section.title);
            setRenaming(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.currentTarget.blur();
            if (event.key === 'Escape') setRenaming(false);
          }}
        />
      ) : (
        <h2 className="section-title" title="Double-click to rename" onDoubleClick={() => setRenaming(true)}>
          {section.title}
        </h2>
      )}
      {collapsed && <span className="section-count">{section.cells.length} cells</span>}
      <span className="toolbar-spacer" />
      <button type="button" className="tool-button" title="Run this section (Alt+Shift+Enter)" onClick={() => store.runSection(section.id)}>
        ▶ Run section
      </button>
      <button type="button" className="tool-button" title="Rename section" onClick={() => setRenaming(true)}>
        Rename
      </button>
      <button type="button" className="tool-button" title="Add a section after this one" onClick={() => store.addSection(section.id)}>
        + Section
      </button>
      <button type="button" className="tool-button danger" title="Delete the section and its cells (restore from the bin)" onClick={() => store.deleteSection(section.id)}>
        Delete
      </button>
    </div>
  );
});

export interface SectionViewProps {
  readonly section: Section;
  /** The setup cells: no heading. */
  readonly isSetup: boolean;
  readonly data: SessionData;
  readonly focus: CellFocus;
  readonly collapsed: boolean;
  readonly startedAt: ReadonlyMap<CellId, number>;
  readonly errorLocations: ReadonlyMap<CellId, ErrorLocation>;
  readonly defaultLanguage: 'js' | 'ts';
}

export const SectionView = memo(function SectionView(props: SectionViewProps) {
  const { section, isSetup, data, focus, collapsed } = props;
  let language = props.defaultLanguage;
  const items = [];
  for (const [index, cell] of section.cells.entries()) {
    items.push(<InsertBar key={`insert-${cell.id}`} sectionId={section.id} index={index} language={language} />);
    if (cell.kind === 'code') language = cell.language;
    const info = data.cells.get(cell.id);
    const focused = focus.cellId === cell.id;
    items.push(
      <CellView
        key={cell.id}
        cell={cell}
        sectionId={section.id}
        index={index}
        state={cellState(data, cell.id) ?? 'fresh'}
        durationMs={info?.evaluation?.durationMs}
        startedAt={props.startedAt.get(cell.id)}
        changed={info !== undefined && sourceChanged(info)}
        errorLocation={props.errorLocations.get(cell.id)}
        focused={focused}
        editing={focused && focus.editing}
        focusRequest={focused ? focus.request : 0}
      />,
    );
  }
  items.push(<InsertBar key="insert-end" sectionId={section.id} index={section.cells.length} language={language} />);
  return (
    <section className={`notebook-section${isSetup ? ' setup-section' : ''}`} data-section-id={section.id}>
      {!isSetup && <SectionHeading section={section} collapsed={collapsed} />}
      {!collapsed && <div className="section-cells">{items}</div>}
    </section>
  );
});
