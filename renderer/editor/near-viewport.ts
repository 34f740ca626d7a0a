/**
 * Whether an element is in or near the viewport: what decides that a cell gets a live Monaco
 * editor (a few dozen at most) instead of its static rendering. One IntersectionObserver serves
 * every cell watched at a margin.
 */

import { useEffect, useState, type RefObject } from 'react';

type Callback = (near: boolean) => void;

/** One observer per margin, each with the callbacks of the elements it watches. */
const observers = new Map<number, { observer: IntersectionObserver; callbacks: WeakMap<Element, Callback> }>();

function sharedObserver(marginPx: number) {
  let shared = observers.get(marginPx);
  if (shared === undefined) {
    const callbacks = new WeakMap<Element, Callback>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
      },
      { rootMargin: `${marginPx}px 0px` },
    );
    shared = { observer, callbacks };
    observers.set(marginPx, shared);
  }
  return shared;
}

/** Whether the element is within `marginPx` of the viewport, above or below; always false, and unobserved, unless `enabled`. */
export function useNearViewport(ref: RefObject<Element | null>, marginPx: number, enabled = true): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (element === null || !enabled) return;
    const { observer, callbacks } = sharedObserver(marginPx);
    callbacks.set(element, setNear);
    observer.observe(element);
    return () => {
      observer.unobserve(element);
      callbacks.delete(element);
    };
  }, [ref, marginPx, enabled]);
  return enabled && near;
}
