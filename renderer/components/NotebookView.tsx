import type { NotebookState } from '../session/notebook-store.ts';
import { useStore } from '../session/store-context.ts';
import { SectionView } from './SectionView.tsx';

/** The document: its title, the setup cells, then each section. */
export function NotebookView({ state }: { readonly state: NotebookState }) {
  const store = useStore();
  const { notebook } = state.data;
  const firstCode = [notebook.setup, ...notebook.sections].flatMap((section) => section.cells).find((cell) => cell.kind === 'code');
  const defaultLanguage = firstCode?.kind === 'code' ? firstCode.language : 'ts';
  const sectionProps = {
    data: state.data,
    focus: state.focus,
    startedAt: state.startedAt,
    errorLocations: state.errorLocations,
    defaultLanguage,
  };
  return (
    <main className="notebook" aria-label="Notebook">
      <input
        className="notebook-title"
        aria-label="Notebook title"
        value={notebook.title}
        onChange={(event) => store.setTitle(event.currentTarget.value)}
        placeholder="Untitled notebook"
      />
      <SectionView section={notebook.setup} isSetup collapsed={false} {...sectionProps} />
      {notebook.sections.map((section) => (
        <SectionView key={section.id} section={section} isSetup={false} collapsed={state.collapsed.has(section.id)} {...sectionProps} />
      ))}
      <div className="add-section">
        <button type="button" className="tool-button" onClick={() => store.addSection(notebook.sections.at(-1)?.id ?? null)}>
          + Section
        </button>
      </div>
    </main>
  );
}
