/**
 * What a code cell produced: printed text (stdout, stderr), its value, its error, and rich outputs
 * (HTML, images, Markdown, tables, JSON) — in the order they came. Text streams in while the cell
 * runs; long text is virtualised.
 */

import { memo, useRef, useState } from 'react';
import type { SavedOutput } from '../../common/notebook/model.ts';
import { useSeen } from '../components/seen.ts';
import { stripAnsi } from './ansi.ts';
import { AnsiText } from './AnsiText.tsx';
import { richAsText } from './rich.ts';
import { RichOutput } from './RichOutput.tsx';
import { LineSplitter } from './split-lines.ts';
import { VirtualLines } from './VirtualLines.tsx';

/** Past this many lines, text is shown virtualised in a fixed-height box. */
const virtualiseAbove = 200;

function StreamOutput({ output }: { readonly output: Extract<SavedOutput, { kind: 'text' }> }) {
  const splitter = useRef(new LineSplitter());
  const lines = splitter.current.split(output.text);
  return (
    <div className={`output output-${output.stream}`} data-output="text">
      {lines.length > virtualiseAbove ? (
        <VirtualLines lines={lines} />
      ) : (
        <pre className="output-text">
          <AnsiText text={output.text.endsWith('\n') ? output.text.slice(0, -1) : output.text} />
        </pre>
      )}
    </div>
  );
}

function ValueOutput({ text }: { readonly text: string }) {
  const lines = text.split('\n');
  const [open, setOpen] = useState(lines.length <= 30);
  if (lines.length === 1) {
    return (
      // `undefined` is what every cell ending in a declaration gives: shown, but quietly.
      <pre className={`output output-value${text === 'undefined' ? ' value-undefined' : ''}`} data-output="value">
        <AnsiText text={text} />
      </pre>
    );
  }
  return (
    <div className="output output-value" data-output="value">
      <button type="button" className="value-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} <span className="value-summary">{stripAnsi(lines[0] ?? '')}</span>
        {!open && <span className="value-more"> … {lines.length - 1} more lines</span>}
      </button>
      {open && (
        <pre className="output-text">
          <AnsiText text={lines.slice(1).join('\n')} />
        </pre>
      )}
    </div>
  );
}

function ErrorOutput({ output }: { readonly output: Extract<SavedOutput, { kind: 'error' }> }) {
  const heading = `${output.name}: ${output.message}`;
  // The stack starts with the same heading; show only the frames under it.
  const frames = output.stack.startsWith(heading) ? output.stack.slice(heading.length).replace(/^\n/, '') : output.stack;
  return (
    <div className="output output-error" data-output="error" role="alert">
      <div className="error-heading">
        <AnsiText text={heading} />
      </div>
      {frames.trim() !== '' && (
        <pre className="error-stack">
          <AnsiText text={frames} />
        </pre>
      )}
    </div>
  );
}

export function outputsAsText(outputs: readonly SavedOutput[]): string {
  return outputs
    .map((output) => {
      if (output.kind === 'error') return output.stack || `${output.name}: ${output.message}`;
      if (output.kind === 'opaque') return '';
      return output.kind === 'rich' ? richAsText(output) : stripAnsi(output.text);
    })
    .join('\n');
}

export const CellOutputs = memo(function CellOutputs({
  outputs,
  onClear,
}: {
  readonly outputs: readonly SavedOutput[];
  readonly onClear: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const seen = useSeen();
  if (outputs.length === 0) return null;
  const copy = () => {
    navigator.clipboard.writeText(outputsAsText(outputs)).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1200);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="cell-outputs">
      {/* In a margin of their own, never over the outputs; on hover only, none until the cell has been drawn (seen.ts). */}
      {seen && (
        <div className="output-actions">
          <button type="button" className="icon-button" title="Copy output" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="icon-button" title="Clear output" onClick={onClear}>
            Clear
          </button>
        </div>
      )}
      {outputs.map((output, index) => {
        switch (output.kind) {
          case 'text':
            return <StreamOutput key={index} output={output} />;
          case 'value':
            return <ValueOutput key={index} text={output.text} />;
          case 'error':
            return <ErrorOutput key={index} output={output} />;
          case 'rich':
            // A bundle whose best form is its text (a widget's, a chart's): shown as a value is.
            return output.mime === 'text/plain' ? <ValueOutput key={index} text={output.data} /> : <RichOutput key={index} output={output} />;
          case 'opaque':
            return (
              <div key={index} className="output output-unknown" data-output="unknown">
                An output of kind {String(output.fields['kind'])}, which this version of Tessera does not show (it is kept in the file).
              </div>
            );
        }
      })}
    </div>
  );
});
