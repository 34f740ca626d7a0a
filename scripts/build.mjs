// Builds every process's bundle into out/. One esbuild run per target keeps the runtime
// self-contained (its parsers are bundled in) while tests and tools load packages from node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');

function filesUnder(dir, suffix) {
  const found = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) found.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

const node = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  logLevel: 'warning',
};

rmSync(out, { recursive: true, force: true });
await Promise.all([
  // The runtime process and its container workers: everything bundled but esbuild, whose native
  // binary cannot be bundled.
  build({
    ...node,
    entryPoints: { 'runtime/main': 'runtime/main.ts', 'runtime/evaluator': 'runtime/evaluator.ts' },
    outdir: out,
    external: ['esbuild'],
    // Cells import from user-chosen URLs with user-chosen attributes: dynamic by design.
    logOverride: { 'unsupported-dynamic-import': 'silent' },
  }),
  // Electron main and the preload. The preload runs sandboxed, where only `electron` can be
  // required: everything else is bundled into it.
  build({
    ...node,
    entryPoints: { 'main/index': 'main/index.ts', 'preload/index': 'preload/index.ts' },
    outdir: out,
    external: ['electron', 'esbuild', 'ws'],
  }),
  // The command line: its packages bundled in (markdown-it for `tessera export`), but for the
  // production dependencies, so that it runs wherever those are installed.
  build({
    ...node,
    entryPoints: { cli: 'host/cli.ts' },
    outdir: out,
    external: ['esbuild', 'ws'],
  }),
  build({
    ...node,
    entryPoints: { 'bench/index': 'bench/index.ts', 'bench/echo-process': 'bench/echo-process.ts' },
    outdir: out,
    packages: 'external',
  }),
  build({
    ...node,
    entryPoints: filesUnder('tests', '.test.ts'),
    outbase: 'tests',
    outdir: join(out, 'tests'),
    packages: 'external',
    // No Electron binary runs in tests: main/'s glue is tested against a fake of the module.
    alias: { electron: './tests/fakes/electron.ts' },
  }),
]);

// The renderer: a Vite build of renderer/ into out/renderer (its config says why it is shaped so).
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'renderer', 'vite.config.mts') });
