/**
 * A notebook as one standalone HTML file, to share: the title, sections, Markdown rendered (maths
 * as MathML, which browsers draw without fonts or scripts from anywhere), code, and outputs with
 * their images inline. It needs no network to view. Light and dark follow the reader's
 * `prefers-color-scheme`.
 *
 * HTML outputs stay sandboxed, as in the app: each in an `<iframe sandbox="allow-scripts"
 * srcdoc>`, whose scripts run but cannot reach the page, its storage or its cookies, and (by the
 * page's Content-Security-Policy, which such frames inherit) nothing reaches the network. The
 * page's one script sizes those frames from the height they post. SVG goes in an `<img>`, where its
 * scripts never run. Raw HTML in Markdown is escaped, as the app's renderer does.
 *
 * Every output is rendered by `renderOutput`, by kind and then by MIME type: the one place to
 * teach a new output type.
 */

import katex from '@vscode/markdown-it-katex';
import MarkdownIt from 'markdown-it';
import { stripAnsi } from '../../common/notebook/ansi.ts';
import { escapeHtml, tableHtml } from '../../common/notebook/ipynb.ts';
import { latexAsMarkdown } from '../../common/notebook/mime.ts';
import { allSections, isBinaryMime, type Cell, type Notebook, type SavedOutput } from '../../common/notebook/model.ts';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.use(katex, { throwOnError: false, output: 'mathml' });

/** The HTML of one output. */
export function renderOutput(output: SavedOutput): string {
  switch (output.kind) {
    case 'text':
      return `<pre class="output ${output.stream}">${escapeHtml(stripAnsi(output.text))}</pre>`;
    case 'value':
      return `<pre class="output value">${escapeHtml(stripAnsi(output.text))}</pre>`;
    case 'error':
      return `<pre class="output error">${escapeHtml(stripAnsi(output.stack || `${output.name}: ${output.message}`))}</pre>`;
    case 'rich':
      return renderRich(output.mime, output.data);
    case 'opaque':
      return `<pre class="output value">[an output of a kind this version of Tessera does not know]</pre>`;
  }
}

function renderRich(mime: string, data: string): string {
  if (isBinaryMime(mime)) return `<img class="output image" alt="" src="data:${mime};base64,${data.replace(/\s+/g, '')}">`;
  switch (mime) {
    case 'image/svg+xml':
      return `<img class="output image" alt="" src="data:image/svg+xml;base64,${Buffer.from(data, 'utf8').toString('base64')}">`;
    case 'text/html':
      return `<iframe class="output frame" sandbox="allow-scripts" title="HTML output" srcdoc="${escapeHtml(framed(data))}"></iframe>`;
    case 'text/markdown':
      return `<div class="output markdown">${markdown.render(data)}</div>`;
    case 'text/latex':
      return `<div class="output markdown">${markdown.render(latexAsMarkdown(data))}</div>`;
    case 'application/vnd.tessera.table+json': {
      const table = tableHtml(data);
      return table === undefined ? plain(data) : `<div class="output table">${table}${rowsNotSent(data)}</div>`;
    }
    case 'application/json':
      return plain(prettyJson(data));
    default:
      return mime.startsWith('text/') || /[/+]json$/.test(mime) ? plain(data) : `<pre class="output value">[${escapeHtml(mime)} output]</pre>`;
  }
}

function plain(text: string): string {
  return `<pre class="output value">${escapeHtml(text)}</pre>`;
}

/** The note under a table that the runtime sent only the first rows of, as the app shows it. */
function rowsNotSent(data: string): string {
  const { rows, totalRows } = JSON.parse(data) as { rows: unknown[]; totalRows?: unknown };
  if (typeof totalRows !== 'number' || totalRows <= rows.length) return '';
  const notSent = totalRows - rows.length;
  const count = (n: number) => n.toLocaleString('en');
  return `<p class="note">${count(notSent)} more ${notSent === 1 ? 'row' : 'rows'} not shown: the runtime sent the first ${count(rows.length)} of ${count(totalRows)}</p>`;
}

function prettyJson(data: string): string {
  try {
    return JSON.stringify(JSON.parse(data), null, 2);
  } catch {
    return data;
  }
}

/**
 * An HTML output's document, as the app's output frame writes it, with a script that tells the
 * page its height. The frame starts low, so that its scroll height is the content's.
 */
function framed(html: string): string {
  const report =
    '<script>(()=>{const post=()=>parent.postMessage({tesseraFrameHeight:Math.max(document.documentElement.scrollHeight,document.body.scrollHeight)},"*");' +
    'addEventListener("load",post);const observer=new ResizeObserver(post);observer.observe(document.documentElement);observer.observe(document.body);})()</script>';
  return (
    '<!doctype html><meta charset="utf-8"><meta name="color-scheme" content="light dark">' +
    '<style>html,body{margin:0;padding:0}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;overflow-wrap:anywhere}img,svg{max-width:100%;height:auto}</style>' +
    `${html}${report}`
  );
}

function renderCell(cell: Cell): string {
  if (cell.kind === 'markdown') return `<div class="cell markdown">${markdown.render(cell.source)}</div>`;
  if (cell.kind === 'raw') return `<pre class="cell raw">${escapeHtml(cell.source)}</pre>`;
  const outputs = cell.outputs.map(renderOutput).join('\n');
  return [
    `<div class="cell code">`,
    `<pre class="source"><code class="language-${cell.language}">${escapeHtml(cell.source)}</code></pre>`,
    outputs === '' ? '' : `<div class="outputs">\n${outputs}\n</div>`,
    `</div>`,
  ].join('\n');
}

export function exportHtml(notebook: Notebook): string {
  const title = notebook.title === '' ? 'Notebook' : notebook.title;
  const body = allSections(notebook)
    .map((section) => {
      const heading = section === notebook.setup ? '' : `<h2 class="section">${markdown.renderInline(section.title)}</h2>\n`;
      return `<section>\n${heading}${section.cells.map(renderCell).join('\n')}\n</section>`;
    })
    .join('\n');
  const heading = notebook.title === '' ? '' : `<h1 class="title">${markdown.renderInline(notebook.title)}</h1>\n`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Tessera">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
${heading}${body}
</main>
<script>${frameSizer}</script>
</body>
</html>
`;
}

/**
 * Nothing on the page, nor in the output frames (a srcdoc frame inherits this policy), reaches
 * the network: images, fonts and media come from data: URLs; scripts and styles are inline.
 */
const contentSecurityPolicy =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

/** Sets each output frame's height to what it posts: only frames of this page, only numbers. */
const frameSizer = `addEventListener('message', (event) => {
  const height = event.data && event.data.tesseraFrameHeight;
  if (typeof height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe.frame')) {
    if (frame.contentWindow === event.source) frame.style.height = Math.min(Math.max(height, 24), 4000) + 'px';
  }
});`;

const styles = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --code-bg: #f6f8fa; --border: #d1d9e0;
  --error: #b42318; --stderr-bg: #fff8e6; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --code-bg: #161b22; --border: #3d444d;
    --error: #ff7b72; --stderr-bg: #2b2111; --link: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 880px; margin: 0 auto; padding: 32px 24px 64px; }
a { color: var(--link); }
h1.title { font-size: 2em; margin: 0 0 16px; padding-bottom: 8px; border-bottom: 1px solid var(--border); }
h2.section { font-size: 1.5em; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
.cell { margin: 12px 0; }
pre, code { font: 13.5px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.cell.markdown pre, pre.source { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 12px 14px; overflow-x: auto; margin: 0; }
.cell.markdown code { background: var(--code-bg); border-radius: 4px; padding: 0.1em 0.3em; }
.cell.markdown pre code { background: none; padding: 0; }
.cell.markdown table, .output.table table { border-collapse: collapse; }
.cell.markdown th, .cell.markdown td, .output.table th, .output.table td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; }
.outputs { border-left: 3px solid var(--border); margin: 6px 0 0; padding: 4px 0 4px 12px; }
pre.output { margin: 4px 0; white-space: pre-wrap; word-break: break-word; }
pre.output.stderr { background: var(--stderr-bg); padding: 2px 6px; border-radius: 4px; }
pre.output.error { color: var(--error); }
img.output { display: block; max-width: 100%; margin: 4px 0; }
iframe.frame { display: block; width: 100%; height: 32px; border: 0; margin: 4px 0; color-scheme: light dark; }
.output.table { overflow-x: auto; }
.output.table .note { color: var(--muted); font-size: 0.85em; margin: 4px 0; }
`;
