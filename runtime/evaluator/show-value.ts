/**
 * A cell's value as the user sees it: `util.inspect` with colours, Node's default depth.
 *
 * A Promise is shown as a Promise, with the state it has when the cell finishes — the cell's value
 * is never awaited for the user, since awaiting is something the cell says (`await p`). It is shown
 * through its state rather than inspected directly because the async-context bookkeeping that
 * attributes output puts internal symbols on every promise, which `inspect` would list.
 */

import { inspect, types } from 'node:util';

const options = { colors: true } as const;

export async function showValue(value: unknown): Promise<string> {
  if (!types.isPromise(value)) return inspect(value, options);
  const pending = Symbol('pending');
  const state = await Promise.race([
    value.then(
      (result) => ({ fulfilled: true, result }),
      (reason: unknown) => ({ fulfilled: false, result: reason }),
    ),
    Promise.resolve().then(() => pending),
  ]);
  if (typeof state === 'symbol') return 'Promise { <pending> }';
  const shown = inspect(state.result, options);
  return state.fulfilled ? `Promise { ${shown} }` : `Promise { <rejected> ${shown} }`;
}
