/**
 * The baseline for the evaluation round trip: a forked process that hands every message to a
 * worker thread and every answer back, over the same channels the runtime uses (structured-clone
 * IPC, then worker postMessage), doing nothing else.
 */

import { Worker } from 'node:worker_threads';

const worker = new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m))", {
  eval: true,
});
worker.on('message', (message) => process.send?.(message));
process.on('message', (message) => worker.postMessage(message));
process.on('disconnect', () => process.exit(0));
worker.once('online', () => process.send?.({ type: 'ready' }));
