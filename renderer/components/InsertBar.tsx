import { memo } from 'react';
import type { SectionId } from '../../common/notebook/model.ts';
import { useStore } from '../session/store-context.ts';
import { useSeen } from './seen.ts';

/**
 * Between cells: add a code or Markdown cell at this place. Memoised: a notebook has one per cell,
 * and an edit anywhere must not re-render them all. Its buttons show on hover only: a bar whose
 * section has not been drawn yet has none (see seen.ts).
 */
export const InsertBar = memo(function InsertBar({
  sectionId,
  index,
  language,
}: {
  readonly sectionId: SectionId;
  readonly index: number;
  readonly language: 'js' | 'ts';
}) {
  const store = useStore();
  const seen = useSeen();
  const add = (kind: 'code' | 'markdown') => store.focusCell(store.insertCell(sectionId, index, kind, language), true);
  return (
    <div className="insert-bar" data-insert-index={index}>
      {seen && (
        <>
          <span className="insert-line" aria-hidden="true" />
          <button type="button" className="insert-button" onClick={() => add('code')}>
            + Code
          </button>
          <button type="button" className="insert-button" onClick={() => add('markdown')}>
            + Markdown
          </button>
          <span className="insert-line" aria-hidden="true" />
        </>
      )}
    </div>
  );
});
