/**
 * A rich output by its MIME type: HTML and SVG in a sandboxed frame, images as `<img>` from a data:
 * URL, Markdown as Markdown cells render, LaTeX as their maths does, tables, and JSON trees. A
 * type this version does not know is named, not shown. One that could run script and came from a
 * file of a notebook not trusted is a placeholder that says how to show it (output-trust.ts).
 */

import { latexAsMarkdown } from '../../common/notebook/mime.ts';
import { isBinaryMime, type SavedOutput } from '../../common/notebook/model.ts';
import { RenderedMarkdown } from '../components/MarkdownCellView.tsx';
import { useStore, useStoreState } from '../session/store-context.ts';
import { JsonTree } from './JsonTree.tsx';
import { OutputFrame } from './OutputFrame.tsx';
import { runsScript } from './output-trust.ts';
import { tableMime } from './rich.ts';
import { TableOutput } from './TableOutput.tsx';

const kindNames: Readonly<Record<string, string>> = { 'text/html': 'An HTML output', 'image/svg+xml': 'An SVG image' };

/** The placeholder of an output from the file that could run script, while the notebook is not trusted. */
function InertOutput({ mime }: { readonly mime: string }) {
  const store = useStore();
  return (
    <div className="output output-inert" data-output="inert" role="note">
      <div className="inert-text">
        <strong>{kindNames[mime] ?? `An output of type ${mime}`} saved in the file is not shown</strong>
        <span>It could run scripts. Run the cell or trust this notebook to show it.</span>
      </div>
      <button type="button" className="inert-trust" onClick={() => store.askToTrust()}>
        Trust notebook…
      </button>
    </div>
  );
}

export function RichOutput({ output }: { readonly output: Extract<SavedOutput, { kind: 'rich' }> }) {
  const { mime, data } = output;
  const store = useStore();
  // Read so that trusting the notebook renders the output again.
  const trusted = useStoreState((state) => state.trusted);
  if (runsScript(output) && !trusted && !store.mayRun(output)) return <InertOutput mime={mime} />;
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
