/**
 * Suggestions follow a new word typed while the last ones are still being computed. Monaco asks
 * the TypeScript worker when typing begins and, until the answer comes, ignores a new word; the
 * answer then is for the first word, and filtered by the new one it shows nothing ("No
 * suggestions") until the user starts yet another word. The worker's first answer can take seconds
 * (it reads the whole program then), so typing `const r = planetR` in a new cell missed
 * `planetRadius`. Here a new word started while suggestions are pending or showing asks again, as
 * Monaco's own quick suggestions would have.
 */

import type { Monaco } from './monaco.ts';

type Editor = ReturnType<Monaco['editor']['create']>;

/** The part of Monaco's suggestion controller (untyped in its API) this needs: whether a session is on. */
interface SuggestController {
  readonly model: { readonly state: number };
}

const wordCharacter = /[\w$]/;

export function suggestAgainForNewWords(editor: Editor): () => void {
  const listener = editor.onDidChangeModelContent((event) => {
    const change = event.changes.length === 1 ? event.changes[0] : undefined;
    const model = editor.getModel();
    if (change === undefined || model === null || change.text.length !== 1 || !wordCharacter.test(change.text)) return;
    const before = change.rangeOffset === 0 ? '' : model.getValue().charAt(change.rangeOffset - 1);
    if (wordCharacter.test(before)) return;
    const controller = editor.getContribution<SuggestController & { dispose(): void }>('editor.contrib.suggestController');
    // 0: idle. Otherwise suggestions were asked for, by typing or by the user, and are stale now.
    if (controller === null || controller.model.state === 0) return;
    editor.trigger('tessera', 'editor.action.triggerSuggest', { auto: true });
  });
  return () => listener.dispose();
}
