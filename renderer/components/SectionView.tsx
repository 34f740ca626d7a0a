/**
 * A section: its heading (fold, rename, run, add a section after it, delete) and its cells with
 * insert bars between them. The setup section — the cells before the first heading — has no
 * heading of its own.
 */

import { memo, useRef, useState } from 'react';
import type { Section } from '../../common/notebook/model.ts';
import { useStore } from '../session/store-context.ts';
import { cellDragType } from './CellToolbar.tsx';
import { CellView } from './CellView.tsx';
import { InsertBar } from './InsertBar.tsx';
import { SeenContext, useDrawn } from './seen.ts';

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
      {collapsed && <span className="section-count">{section.cells.length === 1 ? '1 cell' : `${section.cells.length} cells`}</span>}
      <span className="toolbar-spacer" />
      <button type="button" className="tool-button" title="Run this section (Alt+Shift+Enter)" onClick={() => store.runSection(section.id)}>
        ▶ Run section
      </button>
      <button type="button" className="tool-button" title="Move the section up" aria-label="Move section up" onClick={() => store.moveSection(section.id, -1)}>
        ↑
      </button>
      <button type="button" className="tool-button" title="Move the section down" aria-label="Move section down" onClick={() => store.moveSection(section.id, 1)}>
        ↓
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
  readonly collapsed: boolean;
  readonly defaultLanguage: 'js' | 'ts';
  /** How many of its first cells are on screen when the notebook opens: they render in full from the first paint (seen.ts). */
  readonly cellsOnFirstScreen: number;
}

/** What a heading, a cell and an insert bar take of the page, for the space an unrendered section holds (notebook.css). */
const headingPx = 46;
const estimatedCellPx = 116;
const insertBarPx = 20;

/**
 * Renders again only when its own section changes: each cell follows the rest of the session (its
 * state, the focus) by itself (see CellView).
 */
export const SectionView = memo(function SectionView({ section, isSetup, collapsed, defaultLanguage, cellsOnFirstScreen }: SectionViewProps) {
  const sectionRef = useRef<HTMLElement>(null);
  // An empty section shows its insert bar's buttons at all times (notebook.css): render them.
  const drawn = useDrawn(sectionRef, cellsOnFirstScreen > 0 || section.cells.length === 0);
  let language = defaultLanguage;
  const items = [];
  for (const [index, cell] of section.cells.entries()) {
    items.push(<InsertBar key={`insert-${cell.id}`} sectionId={section.id} index={index} language={language} />);
    if (cell.kind === 'code') language = cell.language;
    items.push(<CellView key={cell.id} cell={cell} sectionId={section.id} index={index} onFirstScreen={index < cellsOnFirstScreen} />);
  }
  items.push(<InsertBar key="insert-end" sectionId={section.id} index={section.cells.length} language={language} />);
  const estimatedPx = (isSetup ? 0 : headingPx) + (collapsed ? 0 : section.cells.length * estimatedCellPx + insertBarPx);
  return (
    <section
      ref={sectionRef}
      className={`notebook-section${isSetup ? ' setup-section' : ''}`}
      data-section-id={section.id}
      style={{ containIntrinsicSize: `auto ${estimatedPx}px` }}
    >
      {!isSetup && <SectionHeading section={section} collapsed={collapsed} />}
      {!collapsed && (
        <div className="section-cells">
          <SeenContext value={drawn}>{items}</SeenContext>
        </div>
      )}
    </section>
  );
});
