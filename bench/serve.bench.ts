/**
 * The host's figure: evaluating `1+1` end to end through `tessera serve`'s WebSocket bridge (the
 * browser's path: WebSocket, session, runtime client, runtime, and the batched answer back) beside
 * the runtime client alone.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { forkLauncher } from '../host/fork-launcher.ts';
import { RuntimeClient } from '../host/runtime-client.ts';
import { startServe } from '../host/serve/start.ts';
import { median, percentile, report, timeIt } from './report.ts';

const rounds = 400;
const warmup = 50;

export async function serveBenchmarks(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'tessera-bench-serve-'));
  const server = await startServe({ dataDir: join(home, 'data'), scratchDir: home });
  // The browser's side runs in a process of its own, as a browser tab would.
  const viaServe = await roundTripsFromAnotherProcess(`ws://127.0.0.1:${server.port}/bridge?token=${server.token}`);
  await server.close();

  const client = await RuntimeClient.start(forkLauncher(), { cwd: home });
  const direct: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const evaluationRef = `c${i}`;
    direct.push(await timeIt(() => client.evaluateAndWait({ containerRef: 'main', evaluationRef, prevEvaluationRef: null, code: '1+1', options: { language: 'js', notebookDir: home } })));
    client.forget('main', evaluationRef);
  }
  client.dispose();

  const [a, b] = [viaServe.slice(warmup), direct.slice(warmup)];
  report({
    name: 'serve.evaluate_round_trip_over_websocket',
    unit: 'ms',
    value: median(a),
    baseline: median(b),
    baselineName: 'the same evaluation through the runtime client alone',
    maxRatio: 1.3,
    extra: { p95_ms: percentile(a, 95), baseline_p95_ms: percentile(b, 95) },
  });
}

/** Times `rounds` evaluations of `1+1` from a separate Node process speaking the wire protocol. */
function roundTripsFromAnotherProcess(url: string): Promise<number[]> {
  const tab = `
    const WebSocket = require(${JSON.stringify(require.resolve('ws'))});
    const socket = new WebSocket(${JSON.stringify(url)});
    const times = [];
    let id = 0, started = 0, current = '';
    const next = () => {
      if (times.length === ${rounds}) { console.log(JSON.stringify(times)); socket.close(); return; }
      current = 's' + times.length;
      started = performance.now();
      socket.send(JSON.stringify({ id: ++id, channel: 'runtime.evaluate', args: [{ containerRef: 'main', evaluationRef: current, prevEvaluationRef: null, code: '1+1', language: 'js' }] }));
    };
    socket.on('open', next);
    socket.on('message', (data) => {
      for (const message of JSON.parse(String(data))) {
        if (message.event !== 'runtime.messages') continue;
        if (!message.payload.some((m) => m.type === 'response' && m.evaluationRef === current)) continue;
        times.push(performance.now() - started);
        socket.send(JSON.stringify({ id: ++id, channel: 'runtime.forget', args: [{ containerRef: 'main', evaluationRef: current }] }));
        next();
      }
    });`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', tab], (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as number[])));
  });
}
