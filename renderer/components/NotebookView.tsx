import { foreignLanguage, kernelNotice } from '../../common/notebook/ipynb.ts';
import { allSections, type Notebook } from '../../common/notebook/model.ts';
import { useStore, useStoreState } from '../session/store-context.ts';
import { SectionView } from './SectionView.tsx';

/** The language a new cell takes before any code cell: the first code cell's, else TypeScript. */
function firstCodeLanguage(notebook: Notebook): 'js' | 'ts' {
  for (const section of allSections(notebook)) {
    for (const cell of section.cells) if (cell.kind === 'code') return cell.language;
  }
  return 'ts';
}

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
  const defaultLanguage = firstCodeLanguage(notebook);
  let cellsAbove = notebook.setup.cells.length;
  return (
    <main className="notebook" aria-label="Notebook">
      <input
        className="notebook-title"
        aria-label="Notebook title"
        value={notebook.title}
        onChange={(event) => store.setTitle(event.currentTarget.value)}
        placeholder="Untitled notebook"
      />
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
