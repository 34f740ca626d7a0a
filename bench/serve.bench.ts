/**
 * The host's figure: evaluating `1+1` end to end through `tessera serve`'s WebSocket bridge (the
 * browser's path: WebSocket, session, runtime client, runtime, and the answer back) beside the
 * runtime client alone.
 *
 * The browser's side is a Node process of its own speaking the wire protocol, as a tab would be.
 * Both paths run in alternating blocks, so that a slow patch of a shared machine touches both.
 *
 * Beside it, for scale: a bare relay — a WebSocket server that hands each request straight to a
 * runtime client of its own and sends the answer back, with no validation, session, status or
 * batching. It is what a WebSocket in front of the runtime client costs on this machine before
 * any of Tessera's host code runs, so `relay_floor_ratio` is the best ratio this machine allows,
 * and `value - relay_ms` is what the host itself adds.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forkLauncher } from '../host/fork-launcher.ts';
import { RuntimeClient } from '../host/runtime-client.ts';
import { startServe } from '../host/serve/start.ts';
import { median, percentile, report, timeIt } from './report.ts';

const blocks = 20;
const roundsPerBlock = 25;
const warmupRounds = 50;

export async function serveBenchmarks(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'tessera-bench-serve-'));
  const server = await startServe({ dataDir: join(home, 'data'), scratchDir: home });
  const url = `ws://127.0.0.1:${server.port}/bridge?token=${server.token}`;
  const tab = await Tab.open(bridgeTab(url));
  const asking = await Tab.open(statusTab(url));
  const relay = await startRelay(home);
  const relayed = await Tab.open(bridgeTab(relay.url));
  const client = await RuntimeClient.start(forkLauncher(), { cwd: home });
  let direct = 0;
  const directRounds = async (rounds: number) => {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const evaluationRef = `c${direct++}`;
      times.push(await timeIt(() => client.evaluateAndWait({ containerRef: 'main', evaluationRef, prevEvaluationRef: null, code: '1+1', options: { language: 'js', notebookDir: home } })));
      client.forget('main', evaluationRef);
    }
    return times;
  };

  try {
    await tab.rounds(warmupRounds);
    await relayed.rounds(warmupRounds);
    await asking.rounds(warmupRounds);
    await directRounds(warmupRounds);
    const [viaServe, alone, viaRelay, requests]: [number[], number[], number[], number[]] = [[], [], [], []];
    for (let block = 0; block < blocks; block++) {
      viaServe.push(...(await tab.rounds(roundsPerBlock)));
      alone.push(...(await directRounds(roundsPerBlock)));
      viaRelay.push(...(await relayed.rounds(roundsPerBlock)));
      requests.push(...(await asking.rounds(roundsPerBlock)));
    }
    const [value, baseline, floor] = [median(viaServe), median(alone), median(viaRelay)];
    report({
      name: 'serve.evaluate_round_trip_over_websocket',
      unit: 'ms',
      value,
      baseline,
      baselineName: 'the same evaluation through the runtime client alone',
      maxRatio: 1.3,
      extra: {
        rounds: viaServe.length,
        p95_ms: percentile(viaServe, 95),
        baseline_p95_ms: percentile(alone, 95),
        relay_ms: floor,
        relay_floor_ratio: Math.round((floor / baseline) * 1000) / 1000,
        bridge_request_ms: median(requests),
      },
    });
  } finally {
    tab.close();
    relayed.close();
    await relay.close();
    asking.close();
    client.dispose();
    await server.close();
  }
}

/**
 * A process that times round trips when asked: the parent sends `{ rounds }`, it answers with the
 * times in ms. Its script defines `roundTrip(done)`, which starts one and calls `done()` when it
 * is back.
 */
class Tab {
  private constructor(private readonly child: ChildProcess) {}

  static open(script: string): Promise<Tab> {
    const child = spawn(process.execPath, ['-e', `${timer}\n${script}`], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve(new Tab(child)));
      child.once('exit', (code) => reject(new Error(`a bench tab ended before it was ready (exit ${code})`)));
    });
  }

  rounds(rounds: number): Promise<number[]> {
    return new Promise((resolve) => {
      this.child.once('message', (times) => resolve(times as number[]));
      this.child.send({ rounds });
    });
  }

  close(): void {
    this.child.kill();
  }
}

/** The part every tab shares: answering `{ rounds }` with timed calls of its `roundTrip`. */
const timer = `
  const timeRounds = (left, times) => {
    if (left === 0) return process.send(times);
    const started = performance.now();
    roundTrip(() => {
      times.push(performance.now() - started);
      timeRounds(left - 1, times);
    });
  };
  process.on('message', ({ rounds }) => timeRounds(rounds, []));
  process.on('disconnect', () => process.exit(0));`;

/** A browser tab's part: one frame per evaluation, the way the renderer sends it. */
function bridgeTab(url: string): string {
  return `
    const WebSocket = require(${JSON.stringify(require.resolve('ws'))});
    const socket = new WebSocket(${JSON.stringify(url)});
    let id = 0, count = 0, current, done;
    // Like the renderer, which sends the requests of one turn as one frame: forgetting the last
    // evaluation goes with asking for the next.
    const roundTrip = (then) => {
      done = then;
      const frame = current === undefined ? [] : [{ id: ++id, channel: 'runtime.forget', args: [{ containerRef: 'main', evaluationRef: current }] }];
      current = 's' + count++;
      frame.push({ id: ++id, channel: 'runtime.evaluate', args: [{ containerRef: 'main', evaluationRef: current, prevEvaluationRef: null, code: '1+1', language: 'js' }] });
      socket.send(JSON.stringify(frame));
    };
    socket.on('message', (data) => {
      for (const message of JSON.parse(String(data))) {
        if (message.event === 'runtime.messages' && message.payload.some((m) => m.type === 'response' && m.evaluationRef === current)) done();
      }
    });
    socket.on('open', () => process.send('ready'));`;
}

/** A request the host answers without its runtime: what the bridge alone costs. */
function statusTab(url: string): string {
  return `
    const socket = new (require(${JSON.stringify(require.resolve('ws'))}))(${JSON.stringify(url)});
    let id = 0, done;
    const roundTrip = (then) => { done = then; socket.send(JSON.stringify([{ id: ++id, channel: 'runtime.status', args: [] }])); };
    socket.on('message', (data) => { if (JSON.parse(String(data)).some((m) => m.id === id)) done(); });
    socket.on('open', () => process.send('ready'));`;
}

/** The floor: a WebSocket server that relays evaluations to a runtime client and nothing more. */
async function startRelay(home: string): Promise<{ url: string; close(): Promise<void> }> {
  const client = await RuntimeClient.start(forkLauncher(), { cwd: home });
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => {
    const events = client.onResponse((response) => socket.send(JSON.stringify([{ event: 'runtime.messages', payload: [response] }])));
    socket.on('close', () => events.dispose());
    socket.on('message', (data) => {
      for (const { channel, args } of JSON.parse(String(data)) as { channel: string; args: [{ containerRef: string; evaluationRef: string; prevEvaluationRef: null; code: string }] }[]) {
        const { containerRef, evaluationRef, prevEvaluationRef, code } = args[0];
        if (channel === 'runtime.forget') client.forget(containerRef, evaluationRef);
        else client.evaluate({ containerRef, evaluationRef, prevEvaluationRef, code, options: { language: 'js', notebookDir: home } });
      }
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      client.dispose();
      for (const socket of server.clients) socket.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
