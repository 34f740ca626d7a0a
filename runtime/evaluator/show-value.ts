/**
 * A cell's value as the user sees it: `util.inspect` with colours, Node's default depth.
 *
 * A Promise is shown as a Promise, with the state it has when the cell finishes — the cell's value
 * is never awaited for the user, since awaiting is something the cell says (`await p`). It is shown
 * through its state rather than inspected directly because the async-context bookkeeping that
 * attributes output puts internal symbols on every promise, which `inspect` would list.
 *
 * Inspecting runs user code (`[util.inspect.custom]`, proxies, getters of errors), which may
 * throw: showing a value then says so in the value's place, and the cell keeps its result.
 */

import { inspect, types } from 'node:util';

const options = { colors: true } as const;

export async function showValue(value: unknown): Promise<string> {
  if (!types.isPromise(value)) return inspectSafely(value, options);
  const pending = Symbol('pending');
  const state = await Promise.race([
    value.then(
      (result) => ({ fulfilled: true, result }),
      (reason: unknown) => ({ fulfilled: false, result: reason }),
    ),
    Promise.resolve().then(() => pending),
  ]);
  if (typeof state === 'symbol') return 'Promise { <pending> }';
  const shown = inspectSafely(state.result, options);
  return state.fulfilled ? `Promise { ${shown} }` : `Promise { <rejected> ${shown} }`;
}

/**
 * `util.inspect` of a value that user code made, which may throw (a custom inspect method, a
 * proxy's trap): the failure is then shown in the value's place — the display failed, not the
 * cell — or, with `fallback`, replaced by what it returns.
 */
export function inspectSafely(value: unknown, inspectOptions: { readonly colors?: boolean } = {}, fallback?: () => string): string {
  try {
    return inspect(value, inspectOptions);
  } catch (failure) {
    if (fallback) return fallback();
    return `[the value could not be shown: inspecting it threw ${describeFailure(failure)}]`;
  }
}

function describeFailure(failure: unknown): string {
  try {
    return failure instanceof Error || types.isNativeError(failure) ? String(failure.stack) : String(failure);
  } catch {
    return 'a value that cannot be shown either';
  }
}
