/**
 * Builds the bare editor page (bare-editor/: Monaco alone, set up as a cell's) with the renderer's
 * own Vite config, and serves it on 127.0.0.1, so that the UI bench can type into it as into a
 * notebook: the typing figure's floor, measured in the same run.
 */

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../../host/content-types.ts';
import { packageRoot } from '../../host/paths.ts';

export interface BareEditorPage {
  /** The page, typing `source` into its editor to start with. */
  url(source: string): string;
  close(): Promise<void>;
}

export async function serveBareEditorPage(outDir: string): Promise<BareEditorPage> {
  const root = packageRoot();
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'renderer', 'vite.config.mts'),
    root: join(root, 'bench', 'ui', 'bare-editor'),
    build: { outDir, emptyOutDir: true },
  });
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = join(outDir, normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(outDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': contentTypeOf(file) });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (source) => `http://127.0.0.1:${port}/?source=${encodeURIComponent(source)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
