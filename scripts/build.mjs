// Builds every process's bundle into out/. One esbuild run per target keeps the runtime
// self-contained (its parsers are bundled in) while tests and tools load packages from node_modules.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
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
  build({
    ...node,
    entryPoints: { cli: 'host/cli.ts', 'bench/index': 'bench/index.ts', 'bench/echo-process': 'bench/echo-process.ts' },
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
