/**
 * The glue between session data and a real runtime, for whoever owns a session (the renderer, the
 * CLI): actions become runtime requests, runtime messages become operations. A driver is then a
 * loop like this one:
 *
 *     let data = newSessionData(notebook);
 *     function dispatch(operation: Operation): void {
 *       const result = applyOperation(data, operation);
 *       if (!result.ok) return; // lost a race (see result.ts); log `result.reason` if useful
 *       data = result.data;
 *       for (const action of result.actions) {
 *         if (action.type === 'connectRuntime') startRuntime(); // then `connect`; `ready` comes back
 *         else runtime.send(toRuntimeRequest(action, notebookDir));
 *       }
 *     }
 *     runtime.onMessage((message) => {
 *       const operation = operationFromRuntimeMessage(message);
 *       if (operation !== undefined) dispatch(operation);
 *     });
 *     runtime.onExit(() => dispatch({ type: 'runtimeDown' })); // also when it fails to start
 *
 * Actions must be performed in order: a `forget` may precede the `evaluate` that follows it.
 */

import type { RuntimeMessage, RuntimeRequest } from '../protocol/runtime.ts';
import type { RuntimeAction } from './actions.ts';
import type { Operation } from './operations.ts';

/** The request that performs an action; `notebookDir` is where the notebook's files are. */
export function toRuntimeRequest(action: RuntimeAction, notebookDir: string): RuntimeRequest {
  switch (action.type) {
    case 'evaluate': {
      const { language, ...request } = action;
      return { ...request, options: { language, notebookDir } };
    }
    case 'forget':
    case 'drop':
    case 'interrupt':
      return action;
  }
}

/** The operation a runtime message reports, if it concerns the session's data. */
export function operationFromRuntimeMessage(message: RuntimeMessage): Operation | undefined {
  switch (message.type) {
    case 'ready':
      return { type: 'runtimeConnected' };
    case 'response':
      return {
        type: 'evaluationResponded',
        containerRef: message.containerRef,
        evaluationRef: message.evaluationRef,
        result: message.result,
        metadata: message.metadata,
      };
    case 'output':
      // Output no evaluation can be blamed for belongs to no cell; the owner may log it.
      if (message.evaluationRef === null) return undefined;
      return {
        type: 'outputReceived',
        containerRef: message.containerRef,
        evaluationRef: message.evaluationRef,
        outputs: message.outputs,
      };
    case 'container_down':
      return { type: 'containerDown', containerRef: message.containerRef };
    case 'memory':
    case 'pong':
    case 'settled':
      return undefined;
  }
}
