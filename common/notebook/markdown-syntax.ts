/**
 * The line-level syntax of a notebook file, shared by the reader and the writer so that the two
 * can never disagree about which line means what. The format is line-based on purpose: the reader
 * recognises only whole lines (a `##` heading, a ```` ```ts ```` fence, a `<!-- tessera:… -->`
 * comment), never parses inline Markdown, and so can hand every other line back exactly as it was.
 *
 * Headings and fences follow CommonMark closely enough that GitHub renders a notebook the way
 * Tessera reads it: fences of three or more backticks or tildes, indented up to three spaces,
 * closed by a fence of the same character at least as long; ATX headings with an optional closing
 * sequence of `#`. Which lines stand where such structure can be is `BlockTracker`'s to say.
 */

import type { Language } from '../protocol/runtime.ts';
import type { LineEnding } from './model.ts';

// ---------------------------------------------------------------------------------------------
// Lines

/** A text cut into lines, remembering where each starts so that a run of lines can be sliced. */
export interface Lines {
  /** Each line without its line break. */
  readonly texts: readonly string[];
  /** Offset of each line in the text, and then the text's length: line i is [starts[i], starts[i+1]). */
  readonly starts: readonly number[];
}

/** Cuts at `\r\n`, `\n` and `\r`, as CommonMark does. A final line break starts no empty line. */
export function splitLines(text: string): Lines {
  if (!text.includes('\r')) return splitAtNewlines(text);
  const texts: string[] = [];
  const starts: number[] = [];
  const lineBreak = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
    texts.push(text.slice(start, match.index));
    starts.push(start);
    start = match.index + match[0].length;
  }
  if (start < text.length) {
    texts.push(text.slice(start));
    starts.push(start);
  }
  starts.push(text.length);
  return { texts, starts };
}

/** The common case, `\n` only, without a regular expression: it is most of the time spent reading. */
function splitAtNewlines(text: string): Lines {
  const texts = text.split('\n');
  if (texts[texts.length - 1] === '') texts.pop();
  const starts = new Array<number>(texts.length + 1);
  let start = 0;
  for (let index = 0; index < texts.length; index++) {
    starts[index] = start;
    start += (texts[index] ?? '').length + 1;
  }
  starts[texts.length] = text.length;
  return { texts, starts };
}

/** The line break of the first line that has one: `\r\n` files are written back with `\r\n`. */
export function detectLineEnding(text: string): LineEnding {
  const match = /\r\n|\n|\r/.exec(text);
  return match?.[0] === '\r\n' ? '\r\n' : '\n';
}

export function isBlank(line: string): boolean {
  return line === '' || /^[ \t]*$/.test(line);
}

// ---------------------------------------------------------------------------------------------
// Tessera comments

/**
 * What a `<!-- tessera:KIND {json} -->` line describes: the notebook, the section or cell that
 * follows, an output of the code cell above, or (`markdown`) that the next line is Markdown text
 * even though it looks like notebook structure.
 */
export type CommentKind = 'notebook' | 'section' | 'cell' | 'output' | 'markdown';

export interface TesseraComment {
  readonly kind: CommentKind;
  /** The JSON text between the kind and `-->`, or undefined when there is none. */
  readonly json: string | undefined;
}

const commentPattern = /^<!-- tessera:(notebook|section|cell|output|markdown)(?: (.*))? -->[ \t]*$/;

/** A whole line that is a Tessera comment of a kind this version does not know: a newer Tessera's. */
export function isUnknownComment(line: string): boolean {
  return /^<!-- tessera:[\w-]+(?: .*)? -->[ \t]*$/.test(line) && matchComment(line) === undefined;
}

/** A whole line that is a Tessera comment of a kind this version knows; anything else is Markdown. */
export function matchComment(line: string): TesseraComment | undefined {
  if (!line.startsWith('<!-- tessera:')) return undefined;
  const match = commentPattern.exec(line);
  if (match === null) return undefined;
  const json = match[2]?.trim();
  return { kind: match[1] as CommentKind, json: json === '' ? undefined : json };
}

/**
 * Writes a comment line. `-->` (and `--!>`, which ends a comment for HTML parsers) can only occur
 * inside JSON strings, where `\u003e` says the same thing without ending the comment.
 */
export function writeComment(kind: CommentKind, fields?: Readonly<Record<string, unknown>>): string {
  if (fields === undefined) return `<!-- tessera:${kind} -->`;
  const json = JSON.stringify(fields);
  const safe = json.includes('--') ? json.replace(/--(!?)>/g, '--$1\\u003e') : json;
  return `<!-- tessera:${kind} ${safe} -->`;
}

// ---------------------------------------------------------------------------------------------
// Headings

/** A `#` heading, indented up to three spaces as CommonMark allows. */
export function isTitleLine(line: string): boolean {
  return /^ {0,3}#(?:[ \t]|$)/.test(line);
}

/** A `##` heading, indented up to three spaces as CommonMark allows. */
export function isSectionLine(line: string): boolean {
  return /^ {0,3}##(?:[ \t]|$)/.test(line);
}

/** A closing sequence: `#`s at the end, after a space or alone. */
const closingSequence = /(?:^|[ \t])#+$/;

/** The text of an ATX heading line whose marks are `level` long. */
export function headingText(line: string, level: 1 | 2): string {
  const text = line.trimStart().slice(level).trim();
  const closing = closingSequence.exec(text);
  return closing === null ? text : text.slice(0, closing.index).trimEnd();
}

/**
 * Writes a heading whose text reads back as `title`: a title that itself ends like a closing
 * sequence (`C #`, `#`) gets a real closing `#` after it, which the reader then removes.
 */
export function writeHeading(level: 1 | 2, title: string): string {
  const marks = '#'.repeat(level);
  if (title === '') return marks;
  return closingSequence.test(title) ? `${marks} ${title} #` : `${marks} ${title}`;
}

// ---------------------------------------------------------------------------------------------
// Fences

export interface Fence {
  readonly char: '`' | '~';
  readonly length: number;
  /** The info string, trimmed: `ts`, `python title="x"`, or empty. */
  readonly info: string;
}

/** Whether the line's first character after up to three spaces is a backtick or a tilde: a cheap test first. */
function mayBeFence(line: string): boolean {
  for (let index = 0; index < 4; index++) {
    const char = line[index];
    if (char === '`' || char === '~') return true;
    if (char !== ' ') return false;
  }
  return false;
}

/** An opening fence, indented by up to three spaces. Backtick fences cannot have backticks in their info. */
export function matchFence(line: string): Fence | undefined {
  if (!mayBeFence(line)) return undefined;
  const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (match === null) return undefined;
  const marks = match[1] ?? '';
  const info = (match[2] ?? '').trim();
  const char = marks[0] === '~' ? '~' : '`';
  if (char === '`' && info.includes('`')) return undefined;
  return { char, length: marks.length, info };
}

/** A line that closes `fence`: the same character, at least as many, nothing after but spaces. */
export function closesFence(line: string, fence: Fence): boolean {
  if (!mayBeFence(line)) return false;
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  const marks = match?.[1];
  return marks !== undefined && marks[0] === fence.char && marks.length >= fence.length;
}

/** The language a fence's info string names first: `js`, `javascript`, `ts` or `typescript`, in any case. */
export function infoLanguage(info: string): Language | undefined {
  const word = info.split(/[ \t]/, 1)[0]?.toLowerCase();
  if (word === 'js' || word === 'javascript') return 'js';
  if (word === 'ts' || word === 'typescript') return 'ts';
  return undefined;
}

/** The language of a code cell's fence: a fence indented up to three spaces, with a js/ts info string. */
export function codeFenceLanguage(line: string): Language | undefined {
  const fence = matchFence(line);
  return fence === undefined ? undefined : infoLanguage(fence.info);
}

/** How many spaces a fence line is indented by: CommonMark takes as many off each line inside it. */
export function fenceIndent(line: string): number {
  let indent = 0;
  while (line[indent] === ' ') indent++;
  return indent;
}

/** A fence of `char` longer than any line of `lines` that could close it. */
export function fenceFor(lines: readonly string[], char: '`' | '~' = '`'): string {
  const closing = char === '`' ? /^ {0,3}(`{3,})[ \t]*$/ : /^ {0,3}(~{3,})[ \t]*$/;
  let length = 3;
  for (const line of lines) {
    const marks = closing.exec(line)?.[1];
    if (marks !== undefined && marks.length >= length) length = marks.length + 1;
  }
  return char.repeat(length);
}

// ---------------------------------------------------------------------------------------------
// Markdown text

/**
 * A line of Markdown text that the reader would take for notebook structure if it stood at the
 * top level of the document (see `BlockTracker`): a `##` heading, a Tessera comment, a js/ts fence.
 * Inside a cell's Markdown such a line is written after a `<!-- tessera:markdown -->` line, which
 * tells the reader to take it as text.
 */
export function looksLikeStructure(line: string): boolean {
  return isSectionLine(line) || matchComment(line) !== undefined || codeFenceLanguage(line) !== undefined;
}
