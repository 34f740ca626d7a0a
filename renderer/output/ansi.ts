/**
 * ANSI escape sequences in program output, turned into styled segments for React to render as
 * text: no HTML is ever built from output, so output can never inject markup. SGR sequences
 * (colours, bold, italic, underline, inverse) are kept; every other escape (cursor movement,
 * clearing, hyperlinks) is dropped.
 */

export interface AnsiStyle {
  /** A palette index 0–15 as a class, or a CSS colour for 256-colour and true-colour codes. */
  readonly fg?: number | string;
  readonly bg?: number | string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
}

export interface AnsiSegment {
  readonly text: string;
  readonly style: AnsiStyle;
}

// CSI sequences (ESC [ params final), OSC sequences (ESC ] … BEL or ESC \), and two-character escapes.
const escape = /\u001b(?:\[([0-9;?]*)([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

const cube = [0, 95, 135, 175, 215, 255];

function color256(index: number): number | string {
  if (index < 16) return index;
  if (index < 232) {
    const value = index - 16;
    const [r, g, b] = [cube[Math.floor(value / 36)], cube[Math.floor(value / 6) % 6], cube[value % 6]];
    return `rgb(${r}, ${g}, ${b})`;
  }
  const grey = 8 + (index - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}

function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(';').map((code) => Number(code) || 0);
  let next: { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] } = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 22) next.bold = next.dim = undefined;
    else if (code === 23) next.italic = undefined;
    else if (code === 24) next.underline = undefined;
    else if (code === 27) next.inverse = undefined;
    else if (code === 29) next.strike = undefined;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code === 39) next.fg = undefined;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code === 49) next.bg = undefined;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 38 || code === 48) {
      const mode = codes[i + 1];
      let value: number | string | undefined;
      if (mode === 5) {
        value = color256(codes[i + 2] ?? 0);
        i += 2;
      } else if (mode === 2) {
        value = `rgb(${codes[i + 2] ?? 0}, ${codes[i + 3] ?? 0}, ${codes[i + 4] ?? 0})`;
        i += 4;
      }
      if (code === 38) next.fg = value;
      else next.bg = value;
    }
  }
  return next;
}

/** Splits text into runs of one style. `initial` carries the style across calls (line by line). */
export function parseAnsi(text: string, initial: AnsiStyle = {}): { segments: AnsiSegment[]; style: AnsiStyle } {
  const segments: AnsiSegment[] = [];
  let style = initial;
  let last = 0;
  escape.lastIndex = 0;
  for (let match = escape.exec(text); match !== null; match = escape.exec(text)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), style });
    if (match[2] === 'm') style = applySgr(style, match[1] ?? '');
    last = escape.lastIndex;
  }
  if (last < text.length) segments.push({ text: text.slice(last), style });
  return { segments, style };
}

/** The text without any escape sequence: what copying an output gives. */
export function stripAnsi(text: string): string {
  return text.replace(escape, '');
}
