/**
 * Serving the built renderer's files (and other built pages) by request path, for each host that
 * does: the app's `app://` protocol, `tessera serve`, and the UI bench's bare editor page. One
 * rule for which file a path names, so that none of them can be led outside its folder.
 */

import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from './content-types.ts';

/** The file `pathname` names inside `root` (`/` is index.html), or undefined when it would leave `root`. */
export function fileUnder(root: string, pathname: string): string | undefined {
  const file = join(root, normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
  return file.startsWith(root + sep) ? file : undefined;
}

/** Answers an HTTP request with the file it names inside `root`, with `headers` besides its type; 404 otherwise. */
export function sendFileUnder(root: string, request: IncomingMessage, response: ServerResponse, headers: OutgoingHttpHeaders = {}): void {
  const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
  const file = fileUnder(root, pathname);
  if (file === undefined || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found\n');
    return;
  }
  response.writeHead(200, { 'content-type': contentTypeOf(file), 'x-content-type-options': 'nosniff', ...headers });
  createReadStream(file).pipe(response);
}
