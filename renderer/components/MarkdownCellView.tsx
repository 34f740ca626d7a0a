/**
 * A Markdown cell: rendered, or — after a double-click, Enter, or the Edit button — its source in an
 * editor until Escape, Shift+Enter or Ctrl/Cmd+Enter. A raw cell (Jupyter's) edits the same way and
 * shows its text as it is.
 */

import { memo, useEffect, useRef } from 'react';
import { withAttachments } from '../../common/notebook/ipynb.ts';
import type { MarkdownCell, RawCell } from '../../common/notebook/model.ts';
import { CellEditor } from '../editor/CellEditor.tsx';
import { useMonaco } from '../editor/load-monaco.ts';
import type { Monaco } from '../editor/monaco.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { useStore } from '../session/store-context.ts';
import { CellToolbar } from './CellToolbar.tsx';
import { useSeen } from './seen.ts';

const languageAliases: Readonly<Record<string, string>> = { js: 'javascript', ts: 'typescript', sh: 'shell', bash: 'shell', py: 'python' };

/**
 * Markdown as HTML (never raw HTML: see render-markdown.ts), its code blocks coloured; Markdown
 * outputs use it too. Rendering a thousand cells of Markdown would hold the notebook's first paint
 * back: until the cell is drawn (seen.ts) nobody sees it, and its source stands in, as text.
 */
export function RenderedMarkdown({ source, onEdit }: { readonly source: string; readonly onEdit?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const seen = useSeen();
  const monaco = useMonaco(seen);
  const html = seen ? renderMarkdown(source) : undefined;

  // Code blocks are coloured by Monaco (once the cell is drawn); its colorizer escapes the code it tokenizes.
  useEffect(() => {
    const element = ref.current;
    if (element === null || monaco === undefined) return;
    for (const code of element.querySelectorAll<HTMLElement>('pre > code[class*="language-"]')) {
      const name = /language-(\S+)/.exec(code.className)?.[1] ?? '';
      const language = languageAliases[name] ?? name;
      if (!monaco.languages.getLanguages().some((known) => known.id === language)) continue;
      monaco.editor.colorize(code.textContent ?? '', language, { tabSize: 2 }).then((coloured) => {
        if (code.isConnected) code.innerHTML = coloured;
      });
    }
  }, [html, monaco]);

  const empty = source.trim() === '';
  return (
    <div
      ref={ref}
      className={`markdown-body${empty ? ' markdown-empty' : ''}${html === undefined ? ' markdown-unrendered' : ''}`}
      onDoubleClick={onEdit}
      {...(empty ? { 'data-placeholder': 'Empty Markdown cell: double-click to write' } : {})}
      {...(html === undefined ? { children: source } : { dangerouslySetInnerHTML: { __html: html } })}
    />
  );
}

function MarkdownEditor({ monaco, cell }: { readonly monaco: Monaco; readonly cell: MarkdownCell | RawCell }) {
  const store = useStore();
  const finish = () => store.focusCell(cell.id, false);
  return (
    <CellEditor
      monaco={monaco}
      // The model lives while the cell is edited: Markdown needs no cross-cell language service.
      model={{
        open: () => {
          const model = monaco.editor.createModel(cell.source, cell.kind === 'raw' ? 'plaintext' : 'markdown');
          model.onDidChangeContent(() => store.editCell(cell.id, model.getValue()));
          return model;
        },
        close: (model) => model.dispose(),
      }}
      keys={{ runAndAdvance: () => store.runAndAdvance(cell.id), run: finish, leave: finish }}
      errorLocation={undefined}
      focusRequest={1}
    />
  );
}

export const MarkdownCellView = memo(function MarkdownCellView({
  cell,
  editing,
}: {
  readonly cell: MarkdownCell | RawCell;
  readonly editing: boolean;
}) {
  const store = useStore();
  const monaco = useMonaco(editing);
  return (
    <>
      <CellToolbar cell={cell} />
      {editing && monaco !== undefined ? (
        <MarkdownEditor monaco={monaco} cell={cell} />
      ) : cell.kind === 'raw' ? (
        <pre className="raw-cell" title="A raw cell: text that is neither run nor rendered" onDoubleClick={() => store.focusCell(cell.id, true)}>
          {cell.source}
        </pre>
      ) : (
        <RenderedMarkdown source={withAttachments(cell.source, cell.metadata)} onEdit={() => store.focusCell(cell.id, true)} />
      )}
    </>
  );
});
