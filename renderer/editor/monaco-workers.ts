/**
 * Monaco's `createWebWorker` for its language services, without the module it comes in. That module
 * (monaco-editor/esm/vs/internal/common/workers.js) also imports every editor contribution Monaco
 * has, so that using any language service would load, evaluate and instantiate them all in every
 * editor; the build puts this one in its place (vite.config.mts), and monaco.ts imports the
 * contributions a notebook cell uses.
 *
 * It does what Monaco's own does, for the setup monaco.ts makes: the worker comes from
 * `MonacoEnvironment.getWorker`.
 */

import { editor } from 'monaco-editor/editor';

interface LanguageWorkerOptions {
  readonly label?: string;
  readonly createData?: unknown;
  readonly host?: Record<string, (...args: never[]) => unknown>;
  readonly keepIdleModels?: boolean;
}

export function createWebWorker(options: LanguageWorkerOptions) {
  const getWorker = self.MonacoEnvironment?.getWorker;
  if (getWorker === undefined) throw new Error('MonacoEnvironment.getWorker is not set up (see monaco.ts)');
  const worker = Promise.resolve(getWorker('workerMain.js', options.label ?? 'monaco-editor-worker')).then((started) => {
    // As Monaco's own: the worker's bootstrap ignores the first message; the second sets it up.
    started.postMessage('ignore');
    started.postMessage(options.createData);
    return started;
  });
  return editor.createWebWorker({
    worker,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.keepIdleModels !== undefined ? { keepIdleModels: options.keepIdleModels } : {}),
  });
}
