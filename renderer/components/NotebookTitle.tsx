/**
 * The notebook's title, edited in place. The document keeps a title trimmed to one line, so the
 * field shows what is typed (a space before the next word included) and the document gets the
 * trimmed title at each key; when the field is left it shows the document's title again.
 */

import { useState } from 'react';
import { useStore, useStoreState } from '../session/store-context.ts';

export function NotebookTitle() {
  const store = useStore();
  const title = useStoreState((state) => state.data.notebook.title);
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <input
      className="notebook-title"
      aria-label="Notebook title"
      value={typed ?? title}
      onChange={(event) => {
        setTyped(event.currentTarget.value);
        store.setTitle(event.currentTarget.value);
      }}
      onBlur={() => setTyped(null)}
      placeholder="Untitled notebook"
    />
  );
}
