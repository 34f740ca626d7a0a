/**
 * `npm run bench`: every benchmark the issues name, one JSON line per figure on stdout.
 * Benchmarks are not tests: nothing here fails on a slow figure; the `met` field says how it went.
 */

import { notebookBenchmarks } from './notebook.bench.ts';
import { runtimeBenchmarks } from './runtime.bench.ts';
import { serveBenchmarks } from './serve.bench.ts';
import { uiBenchmarks } from './ui.bench.ts';

async function main(): Promise<void> {
  await runtimeBenchmarks();
  await notebookBenchmarks();
  await serveBenchmarks();
  await uiBenchmarks();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
