/**
 * Loads Monaco on first need, once. Components render plain text until it is there, so the first
 * paint of a notebook never waits for the editor.
 */

import { useEffect, useState } from 'react';
import type { Monaco } from './monaco.ts';

export type MonacoModule = typeof import('./monaco.ts');

let loading: Promise<MonacoModule> | undefined;
let loaded: Monaco | undefined;

/** Monaco's module: the editor and the TypeScript service's settings. */
export function loadMonacoModule(): Promise<MonacoModule> {
  loading ??= import('./monaco.ts').then((module) => {
    loaded = module.monaco;
    return module;
  });
  return loading;
}

export function loadMonaco(): Promise<Monaco> {
  return loadMonacoModule().then((module) => module.monaco);
}

/**
 * Monaco once loaded, if `wanted`; undefined until then (and the component renders again when it
 * is). A component that does not want it yet is not rendered again when it loads: with a thousand
 * cells on the page, only those near the viewport do.
 */
export function useMonaco(wanted = true): Monaco | undefined {
  const [monaco, setMonaco] = useState(loaded);
  useEffect(() => {
    if (!wanted || monaco !== undefined) return;
    let live = true;
    loadMonaco().then((module) => live && setMonaco(module));
    return () => {
      live = false;
    };
  }, [wanted, monaco]);
  return wanted ? (monaco ?? loaded) : undefined;
}
