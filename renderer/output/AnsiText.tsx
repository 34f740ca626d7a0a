import type { CSSProperties } from 'react';
import { parseAnsi, type AnsiSegment, type AnsiStyle } from './ansi.ts';

function segmentProps(style: AnsiStyle): { className?: string; style?: CSSProperties } {
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? (style.fg ?? 'fg') : style.bg;
  const classes: string[] = [];
  const css: CSSProperties = {};
  if (typeof fg === 'number') classes.push(`ansi-fg-${fg}`);
  else if (fg !== undefined) css.color = fg;
  if (bg === 'fg') classes.push('ansi-bg-inverse');
  else if (typeof bg === 'number') classes.push(`ansi-bg-${bg}`);
  else if (bg !== undefined) css.backgroundColor = bg;
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  if (style.strike) classes.push('ansi-strike');
  return {
    ...(classes.length > 0 ? { className: classes.join(' ') } : {}),
    ...(Object.keys(css).length > 0 ? { style: css } : {}),
  };
}

export function AnsiSegments({ segments }: { readonly segments: readonly AnsiSegment[] }) {
  return (
    <>
      {segments.map((segment, index) => {
        const props = segmentProps(segment.style);
        return props.className || props.style ? (
          <span key={index} {...props}>
            {segment.text}
          </span>
        ) : (
          segment.text
        );
      })}
    </>
  );
}

/** Text with ANSI colours, rendered as text nodes in styled spans. */
export function AnsiText({ text }: { readonly text: string }) {
  return <AnsiSegments segments={parseAnsi(text).segments} />;
}
