import { useLayoutEffect, useRef } from 'react';
import { foreignLanguage, kernelNotice } from '../../common/notebook/ipynb.ts';
import type { Notebook } from '../../common/notebook/model.ts';
import { firstCodeLanguage } from '../notebook/cell-defaults.ts';
import { useStore, useStoreState } from '../session/store-context.ts';
import { NotebookTitle } from './NotebookTitle.tsx';
import { SectionView } from './SectionView.tsx';

/** A notebook of another language (Python, R…) says, above its cells, that they do not run here. */
function ForeignKernel({ notebook }: { readonly notebook: Notebook }) {
  const language = foreignLanguage(notebook);
  if (language === undefined) return null;
  return (
    <p className="foreign-kernel" role="note">
      {kernelNotice(language)}
    </p>
  );
}

/** At most this many cells, from the top, are on screen when a notebook opens. */
const cellsOnFirstScreen = 30;

/** The document: its title, the setup cells, then each section. */
export function NotebookView() {
  const store = useStore();
  const notebook = useStoreState((state) => state.data.notebook);
  const collapsed = useStoreState((state) => state.collapsed);
  const loads = useStoreState((state) => state.loads);
  const main = useRef<HTMLElement>(null);
  // A notebook opened starts at its top, title included, wherever the one before was scrolled to.
  useLayoutEffect(() => {
    if (main.current !== null) main.current.scrollTop = 0;
  }, [loads]);
  const defaultLanguage = firstCodeLanguage(notebook);
  let cellsAbove = notebook.setup.cells.length;
  return (
    <main ref={main} className="notebook" aria-label="Notebook">
      <NotebookTitle />
      <ForeignKernel notebook={notebook} />
      <SectionView section={notebook.setup} isSetup collapsed={false} defaultLanguage={defaultLanguage} cellsOnFirstScreen={cellsOnFirstScreen} />
      {notebook.sections.map((section) => {
        const onFirstScreen = Math.max(0, cellsOnFirstScreen - cellsAbove);
        cellsAbove += section.cells.length;
        return (
          <SectionView
            key={section.id}
            section={section}
            isSetup={false}
            collapsed={collapsed.has(section.id)}
            defaultLanguage={defaultLanguage}
            cellsOnFirstScreen={onFirstScreen}
          />
        );
      })}
      <div className="add-section">
        <button type="button" className="tool-button" onClick={() => store.addSection(notebook.sections.at(-1)?.id ?? null)}>
          + Section
        </button>
      </div>
    </main>
  );
}
