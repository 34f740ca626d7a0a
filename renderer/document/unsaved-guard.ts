/**
 * A page with unsaved changes is not left without a word: closing or reloading the tab asks first
 * (`beforeunload`, the browser's own question), and the latest content goes to the host's backup
 * as the page goes, so that the next page offers it back even if the user left anyway.
 */

import { useEffect } from 'react';
import type { TesseraBridge } from '../../common/bridge/contract.ts';
import type { NotebookStore } from '../session/notebook-store.ts';

export function useUnsavedGuard(bridge: TesseraBridge, store: NotebookStore): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!store.getState().dirty) return;
      event.preventDefault();
      // Older Chromium asks only when `returnValue` is set.
      event.returnValue = '';
    };
    const onPageHide = () => {
      if (store.getState().dirty) bridge.invoke('document.changed', { content: store.serialize() }).catch(() => {});
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [bridge, store]);
}
