/**
 * A long text output, one line per row at a fixed height, rendering only the rows in view: a cell
 * that printed 100 000 lines scrolls as smoothly as one that printed ten. While the user stays at
 * the bottom it follows new output, as a terminal does; scrolling up stops following.
 */

import { useLayoutEffect, useRef, useState } from 'react';
import { parseAnsi } from './ansi.ts';
import { AnsiSegments } from './AnsiText.tsx';

const lineHeight = 18;
const visibleRows = 24;
const overscan = 20;

export function VirtualLines({ lines }: { readonly lines: readonly string[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [scrollTop, setScrollTop] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null && following.current) element.scrollTop = element.scrollHeight;
  }, [lines.length]);

  const first = Math.max(0, Math.floor(scrollTop / lineHeight) - overscan);
  const last = Math.min(lines.length, Math.ceil(scrollTop / lineHeight) + visibleRows + overscan);
  const rows = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <div key={index} className="virtual-line" style={{ top: index * lineHeight }}>
        <AnsiSegments segments={parseAnsi(lines[index] ?? '').segments} />
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="virtual-lines"
      style={{ height: visibleRows * lineHeight }}
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - lineHeight;
        setScrollTop(element.scrollTop);
      }}
    >
      <div className="virtual-lines-content" style={{ height: lines.length * lineHeight }}>
        {rows}
      </div>
    </div>
  );
}
