/**
 * Which form of an output to show when it comes in several (a Jupyter MIME bundle): the richest one
 * Tessera can render, in JupyterLab's order of preference (its renderers' ranks: JSON 0, HTML 50,
 * Markdown 60, LaTeX 70, SVG 80, images 90, text 120). Types Tessera cannot render — Vega and
 * Vega-Lite until charts land, widget views, JavaScript — are never chosen: their image or text
 * form is shown instead, and the bundle keeps them.
 */

/** The types Tessera renders, best first. */
export const shownMimes: readonly string[] = [
  'application/vnd.tessera.table+json',
  'application/json',
  'text/html',
  'text/markdown',
  'text/latex',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
];

/** The type to show of those an output has; the first one when Tessera can show none, undefined for none at all. */
export function preferredMime(mimes: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestRank = Infinity;
  for (const mime of mimes) {
    const rank = shownMimes.indexOf(mime);
    if (rank !== -1 && rank < bestRank) {
      best = mime;
      bestRank = rank;
    }
  }
  return best ?? mimes[0];
}

/**
 * LaTeX as Markdown whose maths (KaTeX) shows it: text that has its own `$` delimiters as it is
 * (IPython's `Math` and `Latex` outputs), anything else as one display formula.
 */
export function latexAsMarkdown(latex: string): string {
  const text = latex.trim();
  return text.startsWith('$') ? text : `$$\n${text}\n$$`;
}
