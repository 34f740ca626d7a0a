/**
 * A code cell's state at a glance: what its last evaluation is worth (or that it waits or runs),
 * how long it took, and whether its source changed since it ran.
 */

import { useEffect, useState } from 'react';
import type { CellState } from '../../common/session/data.ts';
import { formatDuration } from './format.ts';

const labels: Readonly<Record<CellState, string>> = {
  fresh: 'Not run',
  queued: 'Queued',
  evaluating: 'Evaluating',
  evaluated: 'Evaluated',
  stale: 'Stale',
  errored: 'Error',
  aborted: 'Not run since restart',
};

const explanations: Readonly<Record<CellState, string>> = {
  fresh: 'This cell has not run in this runtime',
  queued: 'Waiting for the cells before it',
  evaluating: 'Running now',
  evaluated: 'Up to date',
  stale: 'A cell it takes names from changed or ran again: run it to bring it up to date',
  errored: 'Its last evaluation failed',
  aborted: 'Its evaluation was lost when its runtime or container ended: run it again',
};

function LiveTimer({ since }: { readonly since: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <span className="cell-time">{formatDuration(now - since)}</span>;
}

export function CellStatus({
  number,
  state,
  durationMs,
  startedAt,
  changed,
  willRerun,
}: {
  /** The cell's number among the code cells: stack traces name it "cell 3". */
  readonly number: number | undefined;
  readonly state: CellState;
  readonly durationMs: number | undefined;
  readonly startedAt: number | undefined;
  readonly changed: boolean;
  /** Not up to date: it runs again on Run all, or before a cell below it. */
  readonly willRerun: boolean;
}) {
  return (
    <span className={`cell-status state-${state}`} data-state={state} title={explanations[state]}>
      {number !== undefined && (
        <span className="cell-number" title={`Stack traces name this cell “cell ${number}”`}>
          {`cell ${number}`}
        </span>
      )}
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{labels[state]}</span>
      {state === 'evaluating' && startedAt !== undefined && <LiveTimer since={startedAt} />}
      {(state === 'evaluated' || state === 'stale' || state === 'errored') && durationMs !== undefined && (
        <span className="cell-time">{formatDuration(durationMs)}</span>
      )}
      {changed && (
        <span className="source-changed" data-changed="true" title="Edited since it last ran">
          edited
        </span>
      )}
      {willRerun && !changed && (
        <span className="will-rerun" data-will-rerun="true" title="Not up to date: it runs again on Run all, or before a cell below it runs">
          will re-run
        </span>
      )}
    </span>
  );
}
