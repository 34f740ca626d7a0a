/**
 * A code cell without an editor: its source coloured by Monaco's own tokenizer and theme, so that
 * when the editor replaces it nothing moves or changes colour. Until Monaco is loaded (or for a
 * source it has not coloured yet) the text shows plain.
 */

import { memo, useEffect, useState } from 'react';
import { useMonaco } from './load-monaco.ts';

const coloured = new Map<string, string>();

function key(source: string, language: string): string {
  return `${language}\u0000${source}`;
}

export const StaticCode = memo(function StaticCode({
  source,
  language,
  errorLine,
  colorize,
}: {
  readonly source: string;
  readonly language: string;
  readonly errorLine?: number | undefined;
  /** Whether to colour now: off for cells not drawn yet, which nobody sees (seen.ts). */
  readonly colorize: boolean;
}) {
  const monaco = useMonaco(colorize);
  const [html, setHtml] = useState(() => coloured.get(key(source, language)));
  useEffect(() => {
    const cached = coloured.get(key(source, language));
    if (cached !== undefined) return setHtml(cached);
    setHtml(undefined);
    if (monaco === undefined) return;
    let live = true;
    // Monaco's colorizer escapes the text it tokenizes: the HTML holds no markup from the source.
    monaco.editor.colorize(source, language, { tabSize: 2 }).then((result) => {
      if (coloured.size > 5000) coloured.clear();
      coloured.set(key(source, language), result);
      if (live) setHtml(result);
    });
    return () => {
      live = false;
    };
  }, [monaco, source, language]);

  const lines = source.split('\n');
  return (
    <div className="static-code" data-error-line={errorLine}>
      <div className="static-gutter" aria-hidden="true">
        {lines.map((_, index) => (
          <div key={index} className={index + 1 === errorLine ? 'error-line-number' : undefined}>
            {index + 1}
          </div>
        ))}
      </div>
      {html === undefined ? (
        <pre className="static-source">{source || ' '}</pre>
      ) : (
        <pre className="static-source" dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </div>
  );
});
