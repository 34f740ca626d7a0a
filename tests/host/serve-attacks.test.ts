/**
 * Attacks on `tessera serve` over raw sockets (node:net), against the real command in a process of
 * its own: a request that killed the server would fail its test here, and would have killed the
 * user's server. Every loop is bounded and talks to 127.0.0.1 only.
 */

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import type { WireFrame, WireReply } from '../../common/bridge/wire.ts';
import { packageRoot } from '../../host/paths.ts';
import { serve } from '../../host/serve/server.ts';

interface Served {
  readonly port: number;
  readonly token: string;
  readonly process: ChildProcess;
  /** Whether the process has ended. */
  exited(): boolean;
  stop(): Promise<void>;
}

/** `tessera serve` as a user starts it, with a home folder of its own. */
async function startServeProcess(...options: string[]): Promise<Served> {
  const home = mkdtempSync(join(tmpdir(), 'tessera-attacks-'));
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'tessera.cjs'), 'serve', '--port', '0', ...options], {
    env: { ...process.env, HOME: home, USERPROFILE: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  const ended = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const printed = await new Promise<RegExpExecArray>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const found = /serving at http:\/\/127\.0\.0\.1:(\d+)\/[?#]token=(\S+)/.exec(text);
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`tessera serve exited (${code}) before it served: ${text}`)));
  });
  return {
    port: Number(printed[1]),
    token: printed[2]!,
    process: child,
    exited: () => exited,
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await ended;
    },
  };
}

/** Sends `bytes` on a new connection; resolves with everything the server answered until it closed. */
function exchange(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<string> {
  return exchange(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
}

/** The server still answers a page: it is alive and responsive. */
async function assertAlive(served: Served): Promise<void> {
  assert.equal(served.exited(), false, 'the server process ended');
  assert.equal(statusOf(await get(served.port, '/')), 200);
}

/** A WebSocket handshake by hand; resolves with the status and, on 101, the open socket. */
function upgrade(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: ${headers.host ?? `127.0.0.1:${port}`}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers)
        .filter(([name]) => name !== 'host')
        .map(([name, value]) => `${name}: ${value}`),
    ];
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      resolve({ status: statusOf(head), socket });
    };
    socket.on('data', onData);
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: statusOf(head), socket }));
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

/** A client's WebSocket frame, masked as clients must; `claimed` overrides the length it states. */
function clientFrame(opcode: number, payload: Buffer, claimed = payload.length): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  let length: Buffer;
  if (claimed < 126) length = Buffer.from([0x80 | claimed]);
  else if (claimed < 65536) length = Buffer.from([0x80 | 126, claimed >> 8, claimed & 255]);
  else {
    length = Buffer.alloc(9);
    length[0] = 0x80 | 127;
    length.writeBigUInt64BE(BigInt(claimed), 1);
  }
  const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([Buffer.from([0x80 | opcode]), length, mask, masked]);
}

/** Waits for the server's close frame on `socket` and gives its code (0 when the socket just closed). */
function closeCode(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    let bytes = Buffer.alloc(0);
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      const at = bytes.indexOf(0x88);
      if (at < 0 || bytes.length < at + 4) return;
      resolve(bytes.readUInt16BE(at + 2));
      socket.destroy();
    });
    socket.on('close', () => resolve(0));
  });
}

/** A tab of the bridge through the `ws` client: it must keep working while other connections are attacked. */
class Tab {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: WireReply) => void>();
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      for (const message of JSON.parse(String(data)) as WireFrame) if (!('event' in message)) this.pending.get(message.id)?.(message);
    });
  }
  static open(port: number, token: string): Promise<Tab> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/bridge?token=${token}`);
      socket.once('open', () => resolve(new Tab(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }
  /** Sends the frame's text as it is; resolves with the reply to request 1 of it. */
  sendRaw(text: string, id: number): Promise<WireReply> {
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(text);
    });
  }
  call(channel: string, ...args: unknown[]): Promise<WireReply> {
    const id = this.nextId++ + 1000;
    return this.sendRaw(JSON.stringify([{ id, channel, args }]), id);
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === this.socket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

describe('attacks on tessera serve over raw sockets', () => {
  let served: Served;
  before(async () => {
    served = await startServeProcess();
  });
  after(() => served.stop());

  test('attack: `GET //` is answered, and the server lives on', async () => {
    // With the token too: the old server fell over before it looked at it.
    const answer = await get(served.port, `//?token=${served.token}`);
    assert.ok([400, 404].includes(statusOf(answer)), answer);
    assert.equal(statusOf(await get(served.port, '//')), 404);
    await assertAlive(served);
  });

  test('attack: a bad percent-escape in the path gets 400, and the server lives on', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/index.html%ZZ', '/%C0%AF..%C0%AFpackage.json']) {
      const answer = await get(served.port, `${path}?token=${served.token}`);
      assert.ok([400, 404].includes(statusOf(answer)), `${path}: ${answer}`);
    }
    assert.equal(statusOf(await get(served.port, '/%E0%A4%A')), 400);
    await assertAlive(served);
  });

  test('attack: a request line that is not HTTP, or no request at all, is that connection’s end only', async () => {
    assert.equal(statusOf(await exchange(served.port, 'NOT HTTP AT ALL\r\n\r\n')), 400);
    assert.equal(statusOf(await exchange(served.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nContent-Length: x\r\n\r\n`)), 400);
    assert.equal(statusOf(await exchange(served.port, Buffer.from([0xff, 0x00, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a]))), 400);
    await assertAlive(served);
  });

  test('attack: an invalid-UTF-8 text frame, with the token, closes that connection (1007) and no other', async () => {
    const bystander = await Tab.open(served.port, served.token);
    const { status, socket } = await upgrade(served.port, `/bridge?token=${served.token}`);
    assert.equal(status, 101);
    const closed = closeCode(socket);
    socket.write(clientFrame(0x1, Buffer.from([0x5b, 0xff, 0xfe, 0xfd, 0x5d])));
    assert.equal(await closed, 1007);
    await assertAlive(served);
    assert.equal((await bystander.call('host.info')).ok, true);
    await bystander.close();
  });

  test('attack: a frame larger than the bridge accepts, with the token, closes that connection (1009) and no other', async () => {
    const bystander = await Tab.open(served.port, served.token);
    const { status, socket } = await upgrade(served.port, `/bridge?token=${served.token}`);
    assert.equal(status, 101);
    const closed = closeCode(socket);
    // Only the header, which claims 200 MiB: the server must refuse on the claim, without waiting.
    socket.write(clientFrame(0x1, Buffer.alloc(0), 200 * 1024 * 1024).subarray(0, 14));
    assert.equal(await closed, 1009);
    await assertAlive(served);
    assert.equal((await bystander.call('host.info')).ok, true);
    await bystander.close();
  });

  test('attack: DNS rebinding — a Host that is not the server’s own gets 421, for pages and for the WebSocket', async () => {
    for (const host of [`evil.example:${served.port}`, 'evil.example', `127.0.0.1:${served.port + 1}`, `localhost.evil.example:${served.port}`]) {
      assert.equal(statusOf(await get(served.port, '/', host)), 421, host);
      const { status } = await upgrade(served.port, `/bridge?token=${served.token}`, { host, origin: `http://${host}` });
      assert.equal(status, 421, host);
    }
    for (const host of [`127.0.0.1:${served.port}`, `localhost:${served.port}`, `[::1]:${served.port}`]) {
      assert.equal(statusOf(await get(served.port, '/', host)), 200, host);
      const { status, socket } = await upgrade(served.port, `/bridge?token=${served.token}`, { host, origin: `http://${host}` });
      assert.equal(status, 101, host);
      socket.destroy();
    }
  });

  test('attack: a WebSocket from another origin, even with the token, gets 403', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${served.port + 1}`, `https://127.0.0.1:${served.port}`, 'null']) {
      const { status } = await upgrade(served.port, `/bridge?token=${served.token}`, { origin });
      assert.equal(status, 403, origin);
    }
    assert.equal((await upgrade(served.port, '/bridge?token=wrong', { origin: `http://127.0.0.1:${served.port}` })).status, 401);
    assert.equal((await upgrade(served.port, '/bridge', {})).status, 401);
  });

  test('attack: argument records with `__proto__`, `constructor` or other keys they do not declare are refused', async () => {
    const tab = await Tab.open(served.port, served.token);
    const sent = [
      '[{"id":1,"channel":"document.open","args":[{"__proto__":{"path":"/etc/passwd"}}]}]',
      '[{"id":2,"channel":"document.open","args":[{"constructor":"/etc/passwd"}]}]',
      '[{"id":3,"channel":"backup.restore","args":[{"id":"x","toString":"y"}]}]',
      '[{"id":4,"channel":"constructor","args":[]}]',
      '[{"id":5,"channel":"__proto__","args":[]}]',
    ];
    for (const [index, text] of sent.entries()) {
      const reply = await tab.sendRaw(text, index + 1);
      assert.ok(!reply.ok, text);
      assert.match(reply.error.message, /unknown (field|channel)/, text);
    }
    await tab.close();
  });
});

describe('limits of tessera serve', () => {
  let served: Served;
  before(async () => {
    served = await startServeProcess('--max-runtimes', '1', '--max-connections', '4');
  });
  after(() => served.stop());

  test('attack: a flood of connections meets the limit with 503, and the server stays responsive', async () => {
    const tabs = await Promise.all(Array.from({ length: 4 }, () => Tab.open(served.port, served.token)));
    await assert.rejects(Tab.open(served.port, served.token), /HTTP 503/);
    // A bounded flood of pages, handshakes without the token and half-sent requests, all at once.
    const flood = await Promise.all(
      Array.from({ length: 150 }, (_, index) =>
        index % 3 === 0
          ? get(served.port, '/').then(statusOf)
          : index % 3 === 1
            ? upgrade(served.port, '/bridge').then(({ status, socket }) => (socket.destroy(), status))
            : exchange(served.port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n').then(statusOf),
      ),
    );
    assert.deepEqual(new Set(flood), new Set([200, 401, 421]));
    await assertAlive(served);
    assert.equal((await tabs[0]!.call('host.info')).ok, true);
    await tabs[0]!.close();
    // A place freed is a place to take.
    const deadline = Date.now() + 10_000;
    let next: Tab | undefined;
    while (next === undefined && Date.now() < deadline) next = await Tab.open(served.port, served.token).catch(() => undefined);
    assert.ok(next, 'a connection could be made once one closed');
    await Promise.all([next, ...tabs.slice(1)].map((tab) => tab.close()));
  });

  test('attack: runtimes beyond --max-runtimes are refused with a message that says so', async () => {
    const first = await Tab.open(served.port, served.token);
    const second = await Tab.open(served.port, served.token);
    assert.equal((await first.call('runtime.connect')).ok, true);
    const refused = await second.call('runtime.connect');
    assert.ok(!refused.ok);
    assert.match(refused.error.message, /already runs 1 runtime, its limit \(tessera serve --max-runtimes\)/);
    // Once the first tab's runtime stops, the second may start one.
    await first.close();
    const deadline = Date.now() + 10_000;
    let reply = await second.call('runtime.connect');
    while (!reply.ok && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      reply = await second.call('runtime.connect');
    }
    assert.equal(reply.ok, true);
    await second.close();
  });
});

describe('static files of tessera serve', () => {
  test('attack: a link in the renderer folder that leads outside it is not followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-static-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<p>page</p>');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(renderer, 'leak.txt'));
    symlinkSync(dir, join(renderer, 'up'));
    const server = await serve({
      port: 0,
      rendererDir: renderer,
      createSession: () => {
        throw new Error('no sessions in this test');
      },
    });
    try {
      assert.equal(statusOf(await get(server.port, '/')), 200);
      assert.equal(statusOf(await get(server.port, '/leak.txt')), 404);
      assert.equal(statusOf(await get(server.port, '/up/secret.txt')), 404);
    } finally {
      await server.close();
    }
  });
});
