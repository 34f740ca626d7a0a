/**
 * Serves the built renderer from `app://tessera/`, never `file://`: a custom origin keeps the
 * page away from the file system's privileges, and every response carries the CSP.
 */

import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf } from '../host/content-types.ts';
import { fileUnder } from '../host/static-files.ts';
import { appHost, appScheme, contentSecurityPolicyFor } from './security.ts';


/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = fileUnder(rendererDir, url.pathname);
    if (url.host !== appHost || file === undefined) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(file), {
        headers: {
          'content-type': contentTypeOf(file),
          // The output frame page has a policy of its own: it runs user scripts, sandboxed, offline.
          'content-security-policy': contentSecurityPolicyFor(url.pathname),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
