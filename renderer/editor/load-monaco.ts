/**
 * Loads Monaco on first need, once. Components render plain text until it is there, so the first
 * paint of a notebook never waits for the editor.
 */

import { useEffect, useState } from 'react';
import type { Monaco } from './monaco.ts';

let loading: Promise<Monaco> | undefined;
let loaded: Monaco | undefined;

export function loadMonaco(): Promise<Monaco> {
  loading ??= import('./monaco.ts').then((module) => (loaded = module.monaco));
  return loading;
}

/** Monaco once loaded; undefined until then (and the component renders again when it is). */
export function useMonaco(): Monaco | undefined {
  const [monaco, setMonaco] = useState(loaded);
  useEffect(() => {
    if (monaco !== undefined) return;
    let live = true;
    loadMonaco().then((module) => live && setMonaco(module));
    return () => {
      live = false;
    };
  }, [monaco]);
  return monaco;
}
