/**
 * A rich output by its MIME type: HTML and SVG in a sandboxed frame, images as `<img>` from a data:
 * URL, Markdown as Markdown cells render, LaTeX as their maths does, tables, and JSON trees. A
 * type this version does not know is named, not shown.
 */

import { isBinaryMime, type SavedOutput } from '../../common/notebook/model.ts';
import { RenderedMarkdown } from '../components/MarkdownCellView.tsx';
import { JsonTree } from './JsonTree.tsx';
import { OutputFrame } from './OutputFrame.tsx';
import { tableMime } from './rich.ts';
import { TableOutput } from './TableOutput.tsx';

/**
 * LaTeX as the Markdown renderer's maths (KaTeX) shows it: text that has its own `$` delimiters
 * as it is (IPython's `Math` and `Latex` outputs), anything else as one display formula.
 */
function latexAsMarkdown(latex: string): string {
  const text = latex.trim();
  return text.startsWith('$') ? text : `$$\n${text}\n$$`;
}

export function RichOutput({ output }: { readonly output: Extract<SavedOutput, { kind: 'rich' }> }) {
  const { mime, data } = output;
  if (mime === 'text/html' || mime === 'image/svg+xml') {
    return (
      <div className="output output-html" data-output={mime === 'text/html' ? 'html' : 'svg'}>
        <OutputFrame html={data} title={mime === 'text/html' ? 'HTML output' : 'SVG image'} />
      </div>
    );
  }
  if (isBinaryMime(mime)) {
    return (
      <div className="output output-image" data-output="image">
        <img src={`data:${mime};base64,${data}`} alt={`${mime} image`} />
      </div>
    );
  }
  if (mime === 'text/markdown' || mime === 'text/latex') {
    return (
      <div className="output output-markdown" data-output={mime === 'text/latex' ? 'latex' : 'markdown'}>
        <RenderedMarkdown source={mime === 'text/latex' ? latexAsMarkdown(data) : data} />
      </div>
    );
  }
  if (mime === tableMime) return <TableOutput data={data} />;
  if (mime === 'application/json') return <JsonTree data={data} />;
  if (mime === 'text/plain') return <pre className="output output-value">{data}</pre>;
  return (
    <div className="output output-unknown" data-output="unknown">
      An output of type {mime}, which this version of Tessera does not show.
    </div>
  );
}
