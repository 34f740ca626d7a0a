/**
 * `tessera serve`: the renderer in a browser, served by a Node host on 127.0.0.1. A random token
 * guards everything: every HTTP request and every WebSocket must present it (in the URL, or in the
 * cookie set when the URL was first opened), or get 401. WebSockets must also come from the page's
 * own origin, so another site open in the same browser cannot drive the runtime.
 *
 * Each WebSocket is one browser tab, and each tab gets its own session: its own document and
 * runtime, stopped when the tab goes away.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeSession } from '../../common/bridge/contract.ts';
import { validateRequest } from '../../common/bridge/validate.ts';
import type { WireEvent, WireFrame, WireReply, WireRequest, WireRequestFrame } from '../../common/bridge/wire.ts';
import { sendFileUnder } from '../static-files.ts';

export interface ServeOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The built renderer: index.html and its assets. */
  readonly rendererDir: string;
  readonly createSession: () => BridgeSession;
  /** The token; a random one by default. */
  readonly token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Sessions open now, one per connected tab. */
  readonly sessionCount: () => number;
  close(): Promise<void>;
}

const cookieName = 'tessera_token';


export async function serve(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sessions = new Set<BridgeSession>();

  const presented = (request: IncomingMessage): string | undefined => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const fromQuery = url.searchParams.get('token');
    if (fromQuery) return fromQuery;
    const cookie = request.headers.cookie?.split(';').map((part) => part.trim().split('='));
    return cookie?.find(([name]) => name === cookieName)?.[1];
  };

  const authorised = (request: IncomingMessage): boolean => {
    const given = Buffer.from(presented(request) ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const server: Server = createServer((request, response) => {
    if (!authorised(request)) return deny(response);
    sendFileUnder(options.rendererDir, request, response, {
      // The token travels as a cookie after the first page, so that assets and the WebSocket carry it.
      'set-cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const origin = request.headers.origin;
    const host = request.headers.host;
    const sameOrigin = origin === undefined || origin === `http://${host}`;
    if (!authorised(request) || !sameOrigin) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => connect(ws));
  });

  function connect(ws: WebSocket): void {
    const session = options.createSession();
    sessions.add(session);
    let frame: (WireReply | WireEvent)[] = [];
    const send = (item: WireReply | WireEvent) => {
      if (frame.length === 0) {
        setImmediate(() => {
          const sending: WireFrame = frame;
          frame = [];
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(sending));
        });
      }
      frame.push(item);
    };
    const events = session.onEvent((event, payload) => send({ event, payload } as WireEvent));
    ws.on('message', (data) => {
      let requests: WireRequestFrame;
      try {
        requests = JSON.parse(String(data)) as WireRequestFrame;
      } catch {
        return ws.close(1003, 'not JSON');
      }
      if (!Array.isArray(requests)) return ws.close(1003, 'not a frame of requests');
      // Each handler starts in the frame's order; the answers go out as they settle.
      for (const request of requests) void answer(session, request).then(send);
    });
    ws.on('close', () => {
      events.dispose();
      session.dispose();
      sessions.delete(session);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    sessionCount: () => sessions.size,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      for (const session of sessions) session.dispose();
      sessions.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(session: BridgeSession, request: WireRequest): Promise<WireReply> {
  const id = typeof request?.id === 'number' ? request.id : -1;
  const valid = validateRequest(request?.channel, request?.args);
  if (!valid.ok) return { id, ok: false, error: { name: 'BridgeError', message: valid.reason } };
  try {
    const handler = session.handlers[valid.channel] as (...args: readonly unknown[]) => unknown;
    const result = await handler(...valid.args);
    return { id, ok: true, result: result ?? null };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { id, ok: false, error: { name, message } };
  }
}

function deny(response: ServerResponse): void {
  response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('Unauthorized: open the URL that `tessera serve` printed, with its token.\n');
}
