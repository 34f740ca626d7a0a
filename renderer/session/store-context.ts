import { createContext, useContext } from 'react';
import type { CellModels } from '../editor/cell-models.ts';
import type { NotebookStore } from './notebook-store.ts';

export const StoreContext = createContext<NotebookStore | null>(null);

/** The code cells' Monaco models, once Monaco is loaded. */
export const CellModelsContext = createContext<CellModels | undefined>(undefined);

export function useStore(): NotebookStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useStore outside a StoreContext');
  return store;
}

