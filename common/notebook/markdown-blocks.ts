/**
 * Which lines of Markdown stand at the top level of the document, read as CommonMark reads them.
 * The notebook reader takes only such lines for structure (a `##` heading, a js/ts fence, a Tessera
 * comment), and the writer marks only such lines in a Markdown cell's text, so that the two agree
 * with each other and with GitHub: nothing inside a fenced block, an HTML block (an HTML comment,
 * a `<div>`…) or a list item is ever a section or a code cell.
 *
 * This follows CommonMark's block structure as far as it decides that question: fences (indented
 * up to three spaces, and inside list items), the seven kinds of HTML blocks, list items and the
 * lazy continuation of their paragraphs, block quotes (read by a tracker of their own), indented
 * code. It parses nothing inline.
 */

import { isBlank, matchFence, type Fence } from './markdown-syntax.ts';

/** An HTML block, by how it ends (CommonMark's seven start conditions). */
interface HtmlBlock {
  readonly kind: 'html';
  /** The line that ends it, or undefined for the kinds that a blank line ends (6 and 7). */
  readonly end: RegExp | undefined;
  /** A line that ends it, for the writer to add when a cell leaves it open. */
  readonly closer: string | undefined;
  /** How many list items it lives in: it ends when they do. */
  readonly depth: number;
}

interface FenceBlock {
  readonly kind: 'fence';
  readonly fence: Fence;
  readonly depth: number;
}

/** What a cell's text leaves open at its end, so that the writer can close it. */
export interface OpenBlock {
  /** The line that closes it. */
  readonly closer: string;
  /** Which comment flag records that the writer added that line. */
  readonly flag: 'openFence' | 'openHtml';
}

const blockTags =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|' +
  'menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';

const attribute = `\\s+[A-Za-z_:][\\w.:-]*(?:\\s*=\\s*(?:[^"'=<>\`\\s]+|'[^']*'|"[^"]*"))?`;

/** Start conditions 1 to 7, each with its end; 7 alone cannot interrupt a paragraph. */
const htmlStarts: readonly { readonly start: RegExp; readonly end: RegExp | undefined; readonly closer?: string }[] = [
  { start: /^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i, closer: '</pre>' },
  { start: /^<!--/, end: /-->/, closer: '-->' },
  { start: /^<\?/, end: /\?>/, closer: '?>' },
  { start: /^<![A-Za-z]/, end: />/, closer: '>' },
  { start: /^<!\[CDATA\[/, end: /\]\]>/, closer: ']]>' },
  { start: new RegExp(`^</?(?:${blockTags})(?:[ \\t]|/?>|$)`, 'i'), end: undefined },
];
const completeTag = new RegExp(`^(?:<[A-Za-z][A-Za-z0-9-]*(?:${attribute})*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)[ \\t]*$`);

const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const listMarker = /^(?:[-+*]|(\d{1,9})[.)])(?=[ \t]|$)/;
const atxHeading = /^#{1,6}(?:[ \t]|$)/;

/** The column a line's text starts at (tabs to the next multiple of four) and where that text starts. */
function indentation(line: string, from = 0, column = 0): { readonly column: number; readonly offset: number } {
  let offset = from;
  let at = column;
  for (; offset < line.length; offset++) {
    const char = line[offset];
    if (char === ' ') at++;
    else if (char === '\t') at += 4 - (at % 4);
    else break;
  }
  return { column: at, offset };
}

function htmlStart(text: string, inParagraph: boolean): { end: RegExp | undefined; closer: string | undefined } | undefined {
  if (!text.startsWith('<')) return undefined;
  for (const kind of htmlStarts) {
    if (kind.start.test(text)) return { end: kind.end, closer: kind.closer };
  }
  return !inParagraph && completeTag.test(text) ? { end: undefined, closer: undefined } : undefined;
}

/**
 * Whether a line's text (after its indentation) that does not reach into the open list items
 * starts a block rather than continue their paragraph lazily. The paragraph is not in the
 * container the line would start its block in, so any list item starts one; a lone HTML tag
 * (CommonMark's seventh kind of HTML block) still does not.
 */
function startsBlock(text: string): boolean {
  return (
    thematicBreak.test(text) ||
    atxHeading.test(text) ||
    text.startsWith('>') ||
    matchFence(text) !== undefined ||
    htmlStart(text, true) !== undefined ||
    listMarker.test(text)
  );
}

/** A list item that may interrupt a paragraph: not empty, and an ordered one only when it starts at 1. */
function interruptingListItem(text: string): boolean {
  const marker = listMarker.exec(text);
  if (marker === null) return false;
  if (marker[1] !== undefined && marker[1] !== '1') return false;
  return !isBlank(text.slice(marker[0].length));
}

/**
 * Reads Markdown one line at a time and says, of each line, whether it starts at the top level:
 * outside every list item, block quote, fenced block and HTML block. Feed it every line of a cell's text in order.
 */
export class BlockTracker {
  /** The content column of each open list item, outermost first. */
  private readonly items: number[] = [];
  private paragraph = false;
  private block: FenceBlock | HtmlBlock | undefined;
  /** Whether the line before opened a list item with nothing on it: a blank line then ends the item. */
  private emptyItem = false;
  /** An open block quote: what is inside it, read without its `>` marks, and how many list items it is in. */
  private quote: { readonly inside: BlockTracker; readonly depth: number } | undefined;

  /** Takes the next line; true when it starts at the top level of the document. */
  next(line: string): boolean {
    // Most lines of prose: at the top level, a line that starts with a letter only continues or starts a paragraph.
    if (this.block === undefined && this.items.length === 0 && this.quote === undefined && startsWithLetter(line)) {
      this.paragraph = true;
      return true;
    }
    const afterEmptyItem = this.emptyItem;
    this.emptyItem = false;
    if (isBlank(line)) {
      this.paragraph = false;
      this.quote = undefined;
      // A list item can start with at most one blank line.
      if (afterEmptyItem) this.items.pop();
      if (this.block?.kind === 'html' && this.block.end === undefined) this.block = undefined;
      return false;
    }
    const { column, offset } = indentation(line);
    if (this.block !== undefined) {
      const depth = this.block.depth;
      if (depth === 0 || column >= (this.items[depth - 1] ?? 0)) {
        this.continueBlock(line, column, offset, depth);
        return false;
      }
      // A list item ends at a line indented less than its content: so does what is open inside it.
      this.block = undefined;
    }
    const kept = this.items.filter((content) => column >= content).length;
    if (kept < this.items.length) {
      if (this.paragraph && !startsBlock(line.slice(offset))) return false;
      this.items.length = kept;
      this.paragraph = false;
      if (this.quote !== undefined && this.quote.depth > kept) this.quote = undefined;
    }
    return this.startBlocks(line, column, offset);
  }

  /** What the text leaves open that would swallow the lines after it; undefined when nothing would. */
  openAtEnd(): OpenBlock | undefined {
    const block = this.block;
    // Inside a list item, the next part's comment (at the start of a line) ends the item and the block.
    if (block === undefined || block.depth > 0) return undefined;
    if (block.kind === 'fence') return { closer: block.fence.char.repeat(block.fence.length), flag: 'openFence' };
    return block.closer === undefined ? undefined : { closer: block.closer, flag: 'openHtml' };
  }

  private continueBlock(line: string, column: number, offset: number, depth: number): void {
    const block = this.block;
    if (block?.kind === 'fence') {
      const base = this.items[depth - 1] ?? 0;
      if (column - base <= 3 && closesFenceText(line.slice(offset), block.fence)) this.block = undefined;
    } else if (block?.end?.test(line) === true) {
      this.block = undefined;
    }
  }

  /** The blocks a line opens, from its first character on: list items, then one leaf block. */
  private startBlocks(line: string, lineColumn: number, lineOffset: number): boolean {
    let column = lineColumn;
    let offset = lineOffset;
    for (;;) {
      const top = this.items.length === 0;
      const base = this.items[this.items.length - 1] ?? 0;
      const text = line.slice(offset);
      if (column - base >= 4) {
        // Indented code, or a paragraph's continuation: neither starts anything.
        if (!this.paragraph) this.quote = undefined;
        return top;
      }
      if (text.startsWith('>')) {
        const depth = this.items.length;
        if (this.quote?.depth !== depth) this.quote = { inside: new BlockTracker(), depth };
        this.quote.inside.next(text.slice(text.startsWith('> ') ? 2 : 1));
        this.paragraph = this.quote.inside.paragraph;
        return top;
      }
      if (this.quote !== undefined) {
        // A line without `>` continues the quote's paragraph lazily, or ends the quote.
        if (this.paragraph && !startsBlock(text)) return top;
        this.quote = undefined;
        this.paragraph = false;
      }
      // A setext underline under a paragraph, or a thematic break: either ends what came before.
      if ((this.paragraph && /^(?:=+|-+)[ \t]*$/.test(text)) || thematicBreak.test(text)) {
        this.paragraph = false;
        return top;
      }
      const marker = listMarker.exec(text);
      if (marker !== null && (!this.paragraph || interruptingListItem(text))) {
        const after = offset + marker[0].length;
        const markerEnd = column + marker[0].length;
        const content = indentation(line, after, markerEnd);
        const empty = content.offset >= line.length;
        const width = content.column - markerEnd;
        const contentColumn = empty || width > 4 ? markerEnd + 1 : content.column;
        this.items.push(contentColumn);
        this.paragraph = false;
        this.emptyItem = empty;
        if (empty) return false;
        // Past five spaces the item starts with indented code; the spaces beyond one belong to it.
        column = width > 4 ? content.column : contentColumn;
        offset = content.offset;
        if (width > 4) return false;
        continue;
      }
      const depth = this.items.length;
      const fence = matchFence(text);
      if (fence !== undefined) {
        this.block = { kind: 'fence', fence, depth };
        this.paragraph = false;
        return top;
      }
      const html = htmlStart(text, this.paragraph);
      if (html !== undefined) {
        const endsHere = html.end !== undefined && html.end.test(text);
        if (!endsHere) this.block = { kind: 'html', end: html.end, closer: html.closer, depth };
        this.paragraph = false;
        return top;
      }
      this.paragraph = !atxHeading.test(text);
      return top;
    }
  }
}

/** A letter, or any character past ASCII: none starts a block of its own. */
function startsWithLetter(line: string): boolean {
  const code = line.charCodeAt(0);
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code > 0x7f;
}

/** A fence's closing line, its indentation taken off. */
function closesFenceText(text: string, fence: Fence): boolean {
  const match = /^(`+|~+)[ \t]*$/.exec(text);
  const marks = match?.[1];
  return marks !== undefined && marks[0] === fence.char && marks.length >= fence.length;
}
