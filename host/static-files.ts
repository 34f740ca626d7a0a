/**
 * Serving the built renderer's files (and other built pages) by request path, for each host that
 * does: the app's `app://` protocol, `tessera serve`, and the UI bench's bare editor page. One
 * rule for which file a path names, so that none of them can be led outside its folder: the path is
 * decoded, normalised, and the file it names resolved through its links (`realpath`), and only a
 * file whose real place is under the folder's real place is served.
 */

import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from './content-types.ts';

/**
 * The file `pathname` names inside `root` (`/` is index.html): an existing file, by its real path;
 * undefined when there is none, when the path is not decodable, or when it would leave `root`.
 */
export function fileUnder(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  try {
    const file = realpathSync(join(root, normalize(decoded)));
    return file.startsWith(realpathSync(root) + sep) && statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The path of a request's URL, without its query; undefined when it is not a decodable path. */
function pathOf(url: string | undefined): string | undefined {
  const path = (url ?? '/').split('?')[0]!.split('#')[0]!;
  try {
    decodeURIComponent(path);
  } catch {
    return undefined;
  }
  return path.startsWith('/') ? path : undefined;
}

/**
 * Answers an HTTP request with the file it names inside `root`, with `headers` besides its type;
 * 404 when there is none, 400 when the request names no path.
 */
export function sendFileUnder(root: string, request: IncomingMessage, response: ServerResponse, headers: OutgoingHttpHeaders = {}): void {
  const pathname = pathOf(request.url);
  const file = pathname === undefined ? undefined : fileUnder(root, pathname);
  if (file === undefined) {
    response.writeHead(pathname === undefined ? 400 : 404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end(pathname === undefined ? 'Bad request\n' : 'Not found\n');
    return;
  }
  response.writeHead(200, { 'x-content-type-options': 'nosniff', ...headers, 'content-type': contentTypeOf(file) });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // A file that cannot be read after all ends this response, not the server.
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}
