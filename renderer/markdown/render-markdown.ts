/**
 * Markdown cells as HTML: GitHub-flavoured (tables, strikethrough, autolinks), with KaTeX maths
 * (`$…$`, `$$…$$`). Raw HTML in the source is escaped, never passed through — a notebook is a
 * file from anywhere, and this HTML goes into the page that holds the bridge. Code blocks come out
 * plain and are coloured afterwards by Monaco (see MarkdownView), so prose and code cells share one
 * highlighter and one theme.
 */

import MarkdownIt from 'markdown-it';
import katex from '@vscode/markdown-it-katex';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
markdown.use(katex, { throwOnError: false });

// Links leave the notebook: a new browser window, never this page (the host denies navigation).
const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  token?.attrSet('target', '_blank');
  token?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, index, options, env, self);
};

const cache = new Map<string, string>();

/** The HTML of a Markdown source; safe to put into the page. Cached, since cells re-render often. */
export function renderMarkdown(source: string): string {
  let html = cache.get(source);
  if (html === undefined) {
    html = markdown.render(source);
    if (cache.size > 2000) cache.clear();
    cache.set(source, html);
  }
  return html;
}
