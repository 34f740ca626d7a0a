import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import type { BridgeEvents, OpenedDocument, SaveResult } from '../../common/bridge/contract.ts';
import type { WireFrame, WireReply } from '../../common/bridge/wire.ts';
import type { RuntimeMessage } from '../../common/protocol/runtime.ts';
import type { RunningServer } from '../../host/serve/server.ts';
import { startServe } from '../../host/serve/start.ts';
import { isAlive, until } from '../support.ts';

let server: RunningServer;
let home: string;

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'tessera-serve-'));
  server = await startServe({ dataDir: join(home, 'data'), scratchDir: join(home, 'scratch') });
});
after(() => server.close());

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A browser tab's side of the bridge, over a real WebSocket. */
class Tab {
  private nextId = 1;
  readonly events: { event: string; payload: unknown }[] = [];
  private readonly pending = new Map<number, (reply: WireReply) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      for (const message of JSON.parse(String(data)) as WireFrame) {
        if ('event' in message) this.events.push(message);
        else this.pending.get(message.id)?.(message);
      }
    });
  }

  static open(query = `?token=${server.token}`, headers: Record<string, string> = {}): Promise<Tab> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/bridge${query}`, { headers });
      socket.once('open', () => resolve(new Tab(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  call<T = unknown>(channel: string, ...args: unknown[]): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => (reply.ok ? resolve(reply.result as T) : reject(new Error(reply.error.message))));
      this.socket.send(JSON.stringify([{ id, channel, args }]));
    });
  }

  /** Sends the requests as one frame, as the renderer does with those of one turn; resolves with their replies. */
  callInOneFrame(requests: readonly (readonly [string, ...unknown[]])[]): Promise<WireReply[]> {
    const frame = requests.map(([channel, ...args]) => ({ id: this.nextId++, channel, args }));
    const replies = frame.map(({ id }) => new Promise<WireReply>((resolve) => this.pending.set(id, resolve)));
    this.socket.send(JSON.stringify(frame));
    return Promise.all(replies);
  }

  /** Sends `text` as it is; resolves with the close code when the host closes the socket. */
  sendRaw(text: string): Promise<number> {
    return new Promise((resolve) => {
      this.socket.once('close', (code) => resolve(code));
      this.socket.send(text);
    });
  }

  runtimeMessages(): RuntimeMessage[] {
    return this.events.filter((e) => e.event === 'runtime.messages').flatMap((e) => e.payload as BridgeEvents['runtime.messages']);
  }

  until(predicate: () => boolean): Promise<void> {
    return until(predicate);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

describe('tessera serve', () => {
  test('listens on 127.0.0.1 and prints a URL with its token in the fragment, which no browser sends', () => {
    assert.match(server.url, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=${server.token}$`));
    assert.ok(server.token.length >= 32);
  });

  test('serves the renderer, with no cookie and framed by nothing but its own pages', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.body, /<div id="root">/);
    assert.equal(page.headers['set-cookie'], undefined);
    assert.equal(page.headers['content-security-policy'], "frame-ancestors 'self'");
    assert.equal(page.headers['x-frame-options'], 'SAMEORIGIN');
    const frame = await get('/output-frame.html');
    assert.equal(frame.status, 200);
    assert.equal(frame.headers['content-security-policy'], "frame-ancestors 'self'");
  });

  test('refuses a path outside the renderer', async () => {
    assert.equal((await get('/..%2f..%2fpackage.json')).status, 404);
    assert.equal((await get('/../../package.json')).status, 404);
  });

  test('refuses a WebSocket without the token, or from another origin', async () => {
    await assert.rejects(Tab.open(''), /401/);
    await assert.rejects(Tab.open(`?token=${server.token}`, { origin: 'https://evil.example' }), /403/);
  });

  test('a WebSocket bridge round trip evaluates a cell and streams its output', async () => {
    const tab = await Tab.open();
    await tab.call('runtime.evaluate', {
      containerRef: 'main',
      evaluationRef: 'e1',
      prevEvaluationRef: null,
      code: 'for (const i of [1, 2, 3]) { console.log("line", i); await new Promise((r) => setTimeout(r, 60)) }\n6 * 7',
      language: 'js',
    });
    await tab.until(() => tab.runtimeMessages().some((m) => m.type === 'response'));
    const messages = tab.runtimeMessages();
    const outputs = messages.filter((m) => m.type === 'output');
    assert.ok(outputs.length >= 2, 'output streamed in several messages while the cell ran');
    const response = messages.find((m) => m.type === 'response');
    assert.ok(response?.type === 'response' && response.result.ok && response.result.value.text.includes('42'));
    assert.ok(tab.events.some((e) => e.event === 'runtime.status' && (e.payload as { state: string }).state === 'busy'));
    await tab.close();
  });

  test('handles the requests of one frame in their order, and answers each', async () => {
    const tab = await Tab.open();
    const evaluate = (evaluationRef: string, prevEvaluationRef: string | null, code: string) => ({ containerRef: 'main', evaluationRef, prevEvaluationRef, code, language: 'js' });
    const answer = async (evaluationRef: string) => {
      await tab.until(() => tab.runtimeMessages().some((m) => m.type === 'response' && m.evaluationRef === evaluationRef));
      const response = tab.runtimeMessages().find((m) => m.type === 'response' && m.evaluationRef === evaluationRef);
      assert.ok(response?.type === 'response');
      return response.result.ok ? response.result.value.text : `error: ${response.result.error.message}`;
    };
    await tab.call('runtime.evaluate', evaluate('first', null, 'const x = 20'));
    await answer('first');
    // Starting from "first" works only if it is not forgotten yet: the frame's order must hold.
    const replies = await tab.callInOneFrame([
      ['runtime.evaluate', evaluate('second', 'first', 'x + 1')],
      ['runtime.forget', { containerRef: 'main', evaluationRef: 'first' }],
      ['runtime.evaluate', evaluate('third', 'first', 'x + 2')],
    ]);
    assert.deepEqual(replies.map((reply) => reply.ok), [true, true, true]);
    assert.match(await answer('second'), /21/);
    assert.match(await answer('third'), /error: Unknown evaluation "first".*forgotten/);
    await tab.close();
  });

  test('closes a WebSocket that sends something other than a frame of requests', async () => {
    for (const sent of ['not json', JSON.stringify({ id: 1, channel: 'runtime.status', args: [] })]) {
      const tab = await Tab.open();
      assert.equal(await tab.sendRaw(sent), 1003);
    }
  });

  test('refuses a request whose arguments break the contract', async () => {
    const tab = await Tab.open();
    await assert.rejects(tab.call('runtime.evaluate', { code: 1 }), /argument 1/);
    await assert.rejects(tab.call('fs.readFile', '/etc/passwd'), /unknown channel/);
    await tab.close();
  });

  test('gives each tab its own session and runtime, stopped when the tab closes', async () => {
    const first = await Tab.open();
    const second = await Tab.open();
    await first.call('runtime.evaluate', { containerRef: 'main', evaluationRef: 'a', prevEvaluationRef: null, code: 'globalThis.mine = 1; process.pid', language: 'js' });
    await second.call('runtime.evaluate', { containerRef: 'main', evaluationRef: 'a', prevEvaluationRef: null, code: '[typeof globalThis.mine, process.pid]', language: 'js' });
    await first.until(() => first.runtimeMessages().some((m) => m.type === 'response'));
    await second.until(() => second.runtimeMessages().some((m) => m.type === 'response'));
    const text = (tab: Tab) => {
      const response = tab.runtimeMessages().find((m) => m.type === 'response');
      return response?.type === 'response' && response.result.ok ? response.result.value.text : '';
    };
    const firstPid = Number(text(first).replace(/\D/g, ''));
    assert.ok(text(second).includes("'undefined'"));
    assert.ok(!text(second).includes(String(firstPid)));
    const count = server.sessionCount();
    await first.close();
    await first.until(() => server.sessionCount() === count - 1);
    await until(() => !isAlive(firstPid));
    await second.close();
  });

  test('opens, saves and refuses to overwrite a file changed on disk', async () => {
    const file = join(home, 'doc.tsnb');
    writeFileSync(file, '# Doc\n');
    const tab = await Tab.open();
    const opened = await tab.call<OpenedDocument>('document.open', { path: file });
    assert.deepEqual(opened, { path: file, content: '# Doc\n', trusted: false });
    assert.deepEqual(await tab.call<SaveResult>('document.save', { content: '# Doc\n\nMore.\n' }), { ok: true, path: file });
    assert.equal(readFileSync(file, 'utf8'), '# Doc\n\nMore.\n');
    writeFileSync(file, '# Changed elsewhere\n');
    const conflict = await tab.call<SaveResult>('document.save', { content: '# Mine\n' });
    assert.ok(!conflict.ok && conflict.reason === 'conflict');
    assert.equal(readFileSync(file, 'utf8'), '# Changed elsewhere\n');
    assert.deepEqual(await tab.call<SaveResult>('document.save', { content: '# Mine\n', force: true }), { ok: true, path: file });
    assert.ok((await tab.call<string[]>('document.recent')).includes(file));
    await tab.close();
  });

  test('opens plain Markdown, and refuses a notebook that does not parse with its line, keeping the document it had', async () => {
    const plain = join(home, 'plain.md');
    writeFileSync(plain, '# Plain\n\nProse.\n\n```js\n1\n```\n\n## Part\n\nMore prose.\n');
    const broken = join(home, 'broken.tsnb');
    writeFileSync(broken, '# Broken\n\n<!-- tessera:cell {"id": -->\n');
    const tab = await Tab.open();
    assert.equal((await tab.call<OpenedDocument>('document.open', { path: plain })).path, plain);
    await assert.rejects(tab.call('document.open', { path: broken }), /Cannot open .*broken\.tsnb: line 3: The tessera:cell comment does not hold valid JSON/);
    assert.deepEqual(await tab.call<SaveResult>('document.save', { content: '# Plain\n' }), { ok: true, path: plain });
    assert.equal(readFileSync(broken, 'utf8'), '# Broken\n\n<!-- tessera:cell {"id": -->\n');
    await tab.close();
  });

  test('open without a path says this host has no dialogs', async () => {
    const tab = await Tab.open();
    await assert.rejects(tab.call('document.open', {}), /no file dialogs/);
    await tab.close();
  });

  test('backs a changed document up about a second later, for the next start to offer', async () => {
    const tab = await Tab.open();
    await tab.call('document.new');
    await tab.call('document.changed', { content: '# Unsaved work\n' });
    await server.close();
    // A new server over the same data folder: what the last one backed up is offered.
    server = await startServe({ dataDir: join(home, 'data'), scratchDir: join(home, 'scratch') });
    const next = await Tab.open();
    const backups = await next.call<{ id: string; path: string | null }[]>('backup.list');
    const restored = await Promise.all(backups.map((backup) => next.call<OpenedDocument>('backup.restore', { id: backup.id })));
    assert.ok(restored.some((document) => document.content === '# Unsaved work\n' && document.path === null));
    await next.close();
  });
});
