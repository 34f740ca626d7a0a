import { useEffect, useRef } from 'react';

/**
 * Escape closes a panel, wherever the focus is — except in an editor or a field, whose own Escape
 * comes first (an editor's leaves it for command mode; the next Escape closes the panel).
 */
export function useEscapeToClose(onClose: () => void): void {
  const latest = useRef(onClose);
  latest.current = onClose;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (event.target instanceof HTMLElement && event.target.closest('.monaco-editor, input, textarea, select') !== null) return;
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
