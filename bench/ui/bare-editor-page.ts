/**
 * Builds the bare editor page (bare-editor/: Monaco alone, set up as a cell's) with the renderer's
 * own Vite config, and serves it on 127.0.0.1, so that the UI bench can type into it as into a
 * notebook: the typing figure's floor, measured in the same run.
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../host/paths.ts';
import { sendFileUnder } from '../../host/static-files.ts';

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
  const server = createServer((request, response) => sendFileUnder(outDir, request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (source) => `http://127.0.0.1:${port}/?source=${encodeURIComponent(source)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
