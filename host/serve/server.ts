/**
 * `tessera serve`: the renderer in a browser, served by a Node host on 127.0.0.1. The token is the
 * user's full privileges (files and code), so only a connection that presents it can act: the
 * bridge WebSocket carries it in its URL, which the page reads once from its own fragment (never
 * sent to a server, never a cookie a browser would send to every port of 127.0.0.1). The pages and
 * assets themselves are the public build of the renderer and need no token.
 *
 * Only this server's own names are answered (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`),
 * as Host and, for the WebSocket, as Origin: a page whose DNS name was rebound to 127.0.0.1 gets
 * 421 or 403. No other origin may frame a page (`frame-ancestors 'self'`). No request, however
 * malformed, ends the server: each handler answers its own errors, and one connection's failure
 * never touches another's.
 *
 * Each WebSocket is one browser tab, and each tab gets its own session: its own document and
 * runtime, stopped when the tab goes away.
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { BridgeSession } from '../../common/bridge/contract.ts';
import { validateRequest } from '../../common/bridge/validate.ts';
import { maxFrameBytes, type WireEvent, type WireFrame, type WireReply, type WireRequest } from '../../common/bridge/wire.ts';
import { sendFileUnder } from '../static-files.ts';

export interface ServeOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** The built renderer: index.html and its assets. */
  readonly rendererDir: string;
  readonly createSession: () => BridgeSession;
  /** The token; a random one by default. */
  readonly token?: string;
  /** Bridge connections (tabs) open at once; more are refused with 503. */
  readonly maxConnections?: number;
}

export interface RunningServer {
  /** The page's address, with the token in its fragment: open it to use the server. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Sessions open now, one per connected tab. */
  readonly sessionCount: () => number;
  close(): Promise<void>;
}

export const defaultMaxConnections = 32;

/**
 * Every response says that only this server's own pages may frame it (`X-Frame-Options` for
 * browsers without CSP 3), that its files are for its own pages, and that no page of it sends a
 * referrer.
 */
const responseHeaders: OutgoingHttpHeaders = {
  'content-security-policy': "frame-ancestors 'self'",
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxConnections = options.maxConnections ?? defaultMaxConnections;
  const sessions = new Set<BridgeSession>();
  let port = options.port;

  const ownNames = () => [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  const ownHost = (request: IncomingMessage) => ownNames().includes(request.headers.host ?? '');
  /** Browsers always send Origin with a WebSocket; a client without one is not a browser page. */
  const ownOrigin = (request: IncomingMessage) => {
    const origin = request.headers.origin;
    return origin === undefined || ownNames().some((name) => origin === `http://${name}`);
  };

  const authorised = (request: IncomingMessage): boolean => {
    const query = (request.url ?? '').split('?')[1] ?? '';
    const given = Buffer.from(new URLSearchParams(query).get('token') ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const server: Server = createServer((request, response) => {
    try {
      if (!ownHost(request)) return answerPlain(response, 421, 'Misdirected request: this server answers only to its own address.');
      if (request.method !== 'GET' && request.method !== 'HEAD') return answerPlain(response, 405, 'Only GET and HEAD.');
      sendFileUnder(options.rendererDir, request, response, responseHeaders);
    } catch {
      answerPlain(response, 400, 'Bad request.');
    }
  });
  // A socket that breaks (a reset, a malformed request line) is that connection's end, nothing more.
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    try {
      if (!ownHost(request)) return refuse('421 Misdirected Request');
      if (!ownOrigin(request)) return refuse('403 Forbidden');
      if (!authorised(request)) return refuse('401 Unauthorized');
      if ((request.url ?? '').split('?')[0] !== '/bridge') return refuse('404 Not Found');
      if (sockets.clients.size >= maxConnections) return refuse('503 Service Unavailable');
      sockets.handleUpgrade(request, socket, head, (ws) => connect(ws));
    } catch {
      refuse('400 Bad Request');
    }
  });

  function connect(ws: WebSocket): void {
    let session: BridgeSession;
    try {
      session = options.createSession();
    } catch {
      ws.close(1011, 'could not start a session');
      return;
    }
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
    // ws reports a broken frame (invalid UTF-8, too large, a protocol error) here, after it began
    // closing the connection itself with the matching code (1007, 1009, 1002): nothing is left to
    // do but to listen, since an error nobody listens to would end the process.
    ws.on('error', () => {});
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const requests = parseFrame(data, isBinary);
      if (requests === undefined) return ws.close(1003, 'not a frame of requests');
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
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
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

function parseFrame(data: RawData, isBinary: boolean): readonly unknown[] | undefined {
  if (isBinary) return undefined;
  try {
    const parsed: unknown = JSON.parse(String(data));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function answer(session: BridgeSession, request: unknown): Promise<WireReply> {
  const { id: given, channel, args } = (typeof request === 'object' && request !== null ? request : {}) as Partial<WireRequest>;
  const id = typeof given === 'number' ? given : -1;
  const valid = validateRequest(channel, args);
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

function answerPlain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { ...responseHeaders, 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${message}\n`);
}
