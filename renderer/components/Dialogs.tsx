/**
 * The few questions the app asks: confirm a step that loses work, and — where the host has no file
 * dialogs (`tessera serve`) — the path of a file to open or save. Each is asked through `ask`,
 * which resolves with the answer, so callers read like straight-line code.
 */

import { useEffect, useRef, useState } from 'react';
import { FolderBrowser, type FolderBrowsing } from './FolderBrowser.tsx';

export type Question =
  | { readonly kind: 'confirm'; readonly message: string; readonly confirm: string }
  /** Unsaved changes are in the way: Save (the default), Don't Save, or Cancel — as desktop apps ask. */
  | { readonly kind: 'unsaved'; readonly message: string }
  | {
      readonly kind: 'path';
      readonly title: string;
      readonly initial: string;
      readonly recent: readonly string[];
      /** Where the host can list its folders (`tessera serve`): a file browser under the field. */
      readonly browsing?: FolderBrowsing;
    };

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

type Answer<Q extends Question> = Q extends { kind: 'confirm' } ? boolean : Q extends { kind: 'unsaved' } ? UnsavedChoice : string | null;

type AnyAnswer = boolean | string | null;

/** The answer of a question closed without a choice (Escape, or another question asked). */
function dismissal(question: Question): AnyAnswer {
  return question.kind === 'confirm' ? false : question.kind === 'unsaved' ? 'cancel' : null;
}

interface Pending {
  readonly question: Question;
  readonly resolve: (answer: AnyAnswer) => void;
}

export class DialogController {
  private pending: Pending | null = null;
  private listener: (() => void) | undefined;

  ask<Q extends Question>(question: Q): Promise<Answer<Q>> {
    if (this.pending !== null) this.pending.resolve(dismissal(this.pending.question));
    return new Promise((resolve) => {
      this.pending = { question, resolve: (answer) => resolve(answer as Answer<Q>) };
      this.listener?.();
    });
  }

  current(): Pending | null {
    return this.pending;
  }

  answer(value: AnyAnswer): void {
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(value);
    this.listener?.();
  }

  listen(listener: () => void): void {
    this.listener = listener;
  }
}

function PathForm({ question, onAnswer }: { readonly question: Extract<Question, { kind: 'path' }>; readonly onAnswer: (path: string | null) => void }) {
  const [path, setPath] = useState(question.initial);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (path.trim() !== '') onAnswer(path.trim());
      }}
    >
      <h2 className="dialog-title">{question.title}</h2>
      <input className="dialog-input" aria-label="File path" value={path} autoFocus onChange={(event) => setPath(event.currentTarget.value)} />
      {question.browsing && <FolderBrowser browsing={question.browsing} path={path} onPath={setPath} onChoose={onAnswer} />}
      {question.recent.length > 0 && (
        <ul className="dialog-list" aria-label="Recent files">
          {question.recent.map((recent) => (
            <li key={recent}>
              <button type="button" className="link-button" onClick={() => setPath(recent)}>
                {recent}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-buttons">
        <button type="button" className="tool-button" onClick={() => onAnswer(null)}>
          Cancel
        </button>
        <button type="submit" className="tool-button primary">
          OK
        </button>
      </div>
    </form>
  );
}

export function DialogLayer({ controller }: { readonly controller: DialogController }) {
  const [, setVersion] = useState(0);
  useEffect(() => controller.listen(() => setVersion((version) => version + 1)), [controller]);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const pending = controller.current();
  useEffect(() => confirmButton.current?.focus(), [pending]);
  if (pending === null) return null;
  const { question } = pending;
  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && controller.answer(dismissal(question))}>
      <div className="dialog" role="dialog" aria-modal="true">
        {question.kind === 'unsaved' ? (
          <>
            <p className="dialog-message">{question.message}</p>
            <div className="dialog-buttons">
              <button type="button" className="tool-button" onClick={() => controller.answer('cancel')}>
                Cancel
              </button>
              <button type="button" className="tool-button" onClick={() => controller.answer('discard')}>
                Don’t Save
              </button>
              <button ref={confirmButton} type="button" className="tool-button primary" onClick={() => controller.answer('save')}>
                Save
              </button>
            </div>
          </>
        ) : question.kind === 'confirm' ? (
          <>
            <p className="dialog-message">{question.message}</p>
            <div className="dialog-buttons">
              <button type="button" className="tool-button" onClick={() => controller.answer(false)}>
                Cancel
              </button>
              <button ref={confirmButton} type="button" className="tool-button primary" onClick={() => controller.answer(true)}>
                {question.confirm}
              </button>
            </div>
          </>
        ) : (
          <PathForm question={question} onAnswer={(path) => controller.answer(path)} />
        )}
      </div>
    </div>
  );
}
