/**
 * A Markdown cell: rendered, or — after a double-click, Enter, or the Edit button — its source in an
 * editor until Escape, Shift+Enter or Ctrl/Cmd+Enter.
 */

import { memo, useEffect, useMemo, useRef } from 'react';
import type { MarkdownCell } from '../../common/notebook/model.ts';
import { CellEditor } from '../editor/CellEditor.tsx';
import { useMonaco } from '../editor/load-monaco.ts';
import type { Monaco } from '../editor/monaco.ts';
import { useNearViewport } from '../editor/near-viewport.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { useStore } from '../session/store-context.ts';
import { CellToolbar } from './CellToolbar.tsx';

const languageAliases: Readonly<Record<string, string>> = { js: 'javascript', ts: 'typescript', sh: 'shell', bash: 'shell', py: 'python' };

/** Markdown as HTML (never raw HTML: see render-markdown.ts), its code blocks coloured; Markdown outputs use it too. */
export function RenderedMarkdown({ source, onEdit }: { readonly source: string; readonly onEdit?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref, 600);
  const monaco = useMonaco();
  const html = useMemo(() => renderMarkdown(source), [source]);

  // Code blocks are coloured by Monaco once visible; its colorizer escapes the code it tokenizes.
  useEffect(() => {
    const element = ref.current;
    if (element === null || monaco === undefined || !near) return;
    for (const code of element.querySelectorAll<HTMLElement>('pre > code[class*="language-"]')) {
      const name = /language-(\S+)/.exec(code.className)?.[1] ?? '';
      const language = languageAliases[name] ?? name;
      if (!monaco.languages.getLanguages().some((known) => known.id === language)) continue;
      monaco.editor.colorize(code.textContent ?? '', language, { tabSize: 2 }).then((coloured) => {
        if (code.isConnected) code.innerHTML = coloured;
      });
    }
  }, [html, monaco, near]);

  return (
    <div
      ref={ref}
      className={`markdown-body${source.trim() === '' ? ' markdown-empty' : ''}`}
      onDoubleClick={onEdit}
      {...(source.trim() === '' ? { 'data-placeholder': 'Empty Markdown cell: double-click to write' } : {})}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

function MarkdownEditor({ monaco, cell }: { readonly monaco: Monaco; readonly cell: MarkdownCell }) {
  const store = useStore();
  // The model lives while the cell is edited: Markdown needs no cross-cell language service.
  const model = useMemo(() => monaco.editor.createModel(cell.source, 'markdown'), [monaco, cell.id]);
  useEffect(() => () => model.dispose(), [model]);
  const finish = () => store.focusCell(cell.id, false);
  return (
    <CellEditor
      monaco={monaco}
      model={model}
      onEdit={(source) => store.editCell(cell.id, source)}
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
  readonly cell: MarkdownCell;
  readonly editing: boolean;
}) {
  const store = useStore();
  const monaco = useMonaco();
  return (
    <>
      <CellToolbar cell={cell} />
      {editing && monaco !== undefined ? (
        <MarkdownEditor monaco={monaco} cell={cell} />
      ) : (
        <RenderedMarkdown source={cell.source} onEdit={() => store.focusCell(cell.id, true)} />
      )}
    </>
  );
});
