/**
 * Whether a part of the notebook has been drawn yet. Off-screen sections and cells are skipped by
 * the browser (`content-visibility: auto`, notebook.css), so until the browser first draws one,
 * nobody sees it, and it keeps to what it needs to be found and to hold its place: no controls that
 * only show on hover or focus, no viewport observers, Markdown as its source, code uncoloured. A
 * notebook of a thousand cells then opens at the cost of the few on screen. What is on screen when
 * a notebook opens is seen from the start, so that nothing there changes after the first paint.
 *
 * The browser says when it starts drawing an element (`contentvisibilityautostatechange`, with a
 * margin around the viewport): one listener for the whole page, and nothing to compute per frame.
 */

import { createContext, useContext, useLayoutEffect, useState, type RefObject } from 'react';

/** Whether the controls and renderings of the part around are wanted (see above). */
export const SeenContext = createContext(true);

export function useSeen(): boolean {
  return useContext(SeenContext);
}

const whenDrawn = new WeakMap<Element, () => void>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  // The event does not bubble: caught on its way down instead.
  document.addEventListener(
    'contentvisibilityautostatechange',
    (event) => {
      const { skipped, target } = event as ContentVisibilityAutoStateChangeEvent;
      if (!skipped && target instanceof Element) whenDrawn.get(target)?.();
    },
    true,
  );
}

/**
 * A browser without the event (an older one, in `tessera serve`) gets every
 * part drawn from the start: slower to open, never stuck showing Markdown as source.
 */
const browserSays = typeof ContentVisibilityAutoStateChangeEvent !== 'undefined';

/** Whether the element (one with `content-visibility: auto`) has been drawn; it stays so. */
export function useDrawn(ref: RefObject<Element | null>, initially: boolean): boolean {
  const [drawn, setDrawn] = useState(initially || !browserSays);
  // Before the browser's next rendering, which decides (and says) whether it draws the element.
  useLayoutEffect(() => {
    const element = ref.current;
    if (drawn || element === null) return;
    listen();
    whenDrawn.set(element, () => setDrawn(true));
    return () => {
      whenDrawn.delete(element);
    };
  }, [ref, drawn]);
  return drawn;
}
