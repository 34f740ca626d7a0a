/**
 * `npm run bench`: every benchmark the issues name, one JSON line per figure on stdout.
 * `npm run bench -- serve ui` runs only the suites named (runtime, notebook, serve, ui).
 * Benchmarks are not tests: nothing here fails on a slow figure; the `met` field says how it went.
 */

import { notebookBenchmarks } from './notebook.bench.ts';
import { runtimeBenchmarks } from './runtime.bench.ts';
import { serveBenchmarks } from './serve.bench.ts';
import { uiBenchmarks } from './ui.bench.ts';

const suites: Readonly<Record<string, () => Promise<void>>> = {
  runtime: runtimeBenchmarks,
  notebook: notebookBenchmarks,
  serve: serveBenchmarks,
  ui: uiBenchmarks,
};

async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in suites));
  if (unknown.length > 0) throw new Error(`no benchmark suite called ${unknown.join(', ')}; the suites are ${Object.keys(suites).join(', ')}`);
  for (const [name, run] of Object.entries(suites)) {
    if (names.length === 0 || names.includes(name)) await run();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
