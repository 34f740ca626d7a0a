#!/usr/bin/env node
// Runs the built test files with node:test, the same way on every supported Node.
//
//   node scripts/test.mjs [FOLDER_OR_FILE ...]     defaults to out/tests
//
// `node --test out/tests/` works on Node 20 only: from Node 22 on, a folder given to --test is
// taken for a file and the run fails before any test starts. Naming the files themselves is what
// every version accepts, so this lists out/tests/**/*.test.cjs (the build's bundles of
// tests/**/*.test.ts) and passes them on. Its exit code is the test run's.

import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testFile = /\.test\.cjs$/;

/** The test files at `path`: itself if it is one, else every one under it, in a stable order. */
function testFilesAt(path) {
  if (!statSync(path).isDirectory()) return testFile.test(path) ? [path] : [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => testFilesAt(join(path, name)));
}

const targets = process.argv.length > 2 ? process.argv.slice(2) : [join('out', 'tests')];
const files = targets.flatMap((target) => {
  const path = resolve(target);
  try {
    return testFilesAt(path);
  } catch {
    console.error(`No tests at ${target}: run \`npm run build\` first.`);
    process.exit(1);
  }
});
if (files.length === 0) {
  console.error(`No *.test.cjs files under ${targets.join(', ')}: run \`npm run build\` first.`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...files.map((file) => relative(root, file))], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl+C reaches the test runner too (same process group); this process waits for it to finish.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(signal ? 128 + constants.signals[signal] : (code ?? 1)));
