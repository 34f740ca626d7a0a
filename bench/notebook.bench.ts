/**
 * The notebook's figures: reading and writing a large file, and the cost per cell of running a
 * notebook with `tessera run` over evaluating the same cells straight through the runtime client.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequentialIds } from '../common/notebook/ids.ts';
import { parseNotebook } from '../common/notebook/markdown-parse.ts';
import { serializeNotebook } from '../common/notebook/markdown-write.ts';
import { buildSampleNotebook } from '../common/notebook/sample.ts';
import { runNotebook } from '../host/cli/run-notebook.ts';
import { forkLauncher } from '../host/fork-launcher.ts';
import { RuntimeClient } from '../host/runtime-client.ts';
import { report, timeIt } from './report.ts';

function parseAndSerialize(): void {
  const notebook = buildSampleNotebook(5000, sequentialIds('c'));
  const text = serializeNotebook(notebook);
  const best = (run: () => void) => Math.min(...Array.from({ length: 7 }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  }));
  const value = best(() => {
    const read = parseNotebook(text, sequentialIds('x'));
    if (!read.ok) throw new Error(read.error.message);
    serializeNotebook(read.notebook);
  });
  const baseline = best(() => JSON.stringify(JSON.parse(JSON.stringify(notebook))));
  report({
    name: 'notebook.parse_and_serialize_5000_cells',
    unit: 'ms',
    value,
    baseline,
    baselineName: 'JSON round trip of the same notebook object',
    maxValue: 200,
    extra: { bytes: text.length },
  });
}

async function runThousandCells(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-run-'));
  const sources = Array.from({ length: 1000 }, (_, i) => (i === 0 ? 'let total = 0' : `total += ${i}`));
  const file = join(dir, 'thousand.tsnb');
  writeFileSync(file, `# Thousand\n\n${sources.map((source) => '```js\n' + source + '\n```\n').join('\n')}`);

  const viaRun = await timeIt(() => runNotebook({ file, keepGoing: false, write: false, graceSeconds: 1 }, () => undefined));

  const direct = await timeIt(async () => {
    const client = await RuntimeClient.start(forkLauncher(), { cwd: dir });
    let previous: string | null = null;
    for (const [index, code] of sources.entries()) {
      const evaluationRef = `e${index}`;
      await client.evaluateAndWait({ containerRef: 'main', evaluationRef, prevEvaluationRef: previous, code, options: { language: 'js', notebookDir: dir } });
      previous = evaluationRef;
    }
    await client.disconnect();
    client.dispose();
  });
  report({
    name: 'notebook.run_1000_trivial_cells_per_cell',
    unit: 'ms',
    value: viaRun / sources.length,
    baseline: direct / sources.length,
    baselineName: 'the same cells evaluated straight through the runtime client (start and stop included in both)',
    maxRatio: 1.2,
  });
}

export async function notebookBenchmarks(): Promise<void> {
  parseAndSerialize();
  await runThousandCells();
}
