import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { CellModels } from '../editor/cell-models.ts';
import type { NotebookState, NotebookStore } from './notebook-store.ts';

export const StoreContext = createContext<NotebookStore | null>(null);

/** The code cells' Monaco models (they wait for Monaco; the object itself is there from the start). */
export const CellModelsContext = createContext<CellModels | null>(null);

export function useStore(): NotebookStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useStore outside a StoreContext');
  return store;
}

export function useCellModels(): CellModels {
  const models = useContext(CellModelsContext);
  if (models === null) throw new Error('useCellModels outside a CellModelsContext');
  return models;
}

/** Whether two flat objects hold the same values (`Object.is` on each property). */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/**
 * The part of the store's state a component shows: it re-renders when that part changes (by
 * `equal`), not on every change of the notebook. A keystroke or an output in one cell then renders
 * that cell alone, not the thousand others.
 */
export function useStoreState<T>(select: (state: NotebookState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  return useSelectedState(useStore(), select, equal);
}

/** `useStoreState` for the component that provides the store. */
export function useSelectedState<T>(store: NotebookStore, select: (state: NotebookState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const last = useRef<{ readonly value: T } | null>(null);
  const getSnapshot = () => {
    const value = select(store.getState());
    // An equal value keeps its identity: React compares snapshots with Object.is.
    if (last.current !== null && equal(last.current.value, value)) return last.current.value;
    last.current = { value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
