/**
 * What the app's IPC handlers answer: the result, or the error as its name and message. Electron
 * would turn a thrown error into "Error invoking remote method 'tessera:…': BridgeRejection: …"
 * on the page; answering with a result instead lets the preload rebuild the error the handler
 * threw, as the WebSocket bridge rebuilds it from its replies.
 */

export interface InvokeError {
  readonly name: string;
  readonly message: string;
}

export type InvokeResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: InvokeError };

export function invokeFailure(error: unknown): InvokeResult {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  return { ok: false, error: { name, message } };
}

/** The result, or the handler's error rebuilt and thrown. */
export function unwrapInvokeResult(answer: InvokeResult): unknown {
  if (answer.ok) return answer.result;
  const error = new Error(answer.error.message);
  error.name = answer.error.name;
  throw error;
}
