// The renderer's build: one page and its assets in out/renderer, loaded by Electron from a custom
// protocol and by `tessera serve` over HTTP. Relative asset paths let either host serve the folder
// from any path. Workers (Monaco's editor and TypeScript workers) are emitted as their own files,
// never inlined as blob: URLs, so the page runs under a CSP with `worker-src 'self'`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const monacoWorkers = fileURLToPath(new URL('editor/monaco-workers.ts', import.meta.url));

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No data: URLs for fonts and images, and no inline polyfill script: every asset is a file
    // under 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  plugins: [
    {
      // Monaco's language services take `createWebWorker` from a module that imports every editor
      // contribution; ours creates the worker the same way without them (see monaco-workers.ts).
      name: 'tessera-monaco-workers',
      enforce: 'pre',
      resolveId(source, importer) {
        const fromMonaco = importer !== undefined && importer.replaceAll('\\', '/').includes('/monaco-editor/esm/vs/');
        return fromMonaco && source.endsWith('/internal/common/workers.js') ? monacoWorkers : null;
      },
      // Its TypeScript support names Monaco's own worker, which ours replaces (notebook-ts.worker.ts)
      // and which `createWebWorker` never starts: without the name, the build leaves it out.
      transform(code, id) {
        if (!id.replaceAll('\\', '/').endsWith('/monaco-editor/esm/vs/languages/features/typescript/workerManager.js')) return null;
        const unused = /createWorker: \(\) => new Worker\(new URL\('ts\.worker\.js', import\.meta\.url\), \{ type: "module" \}\),/;
        if (!unused.test(code)) throw new Error('monaco-editor changed how it starts its TypeScript worker: see renderer/vite.config.mts');
        return code.replace(unused, '');
      },
    },
  ],
});
