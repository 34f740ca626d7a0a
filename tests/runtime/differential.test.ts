/**
 * The differential suite: programs run by Node as ES modules and by the runtime split into cells
 * (the whole program as one cell, one cell per top-level statement, a module above its tests)
 * must print the same and end the same. The corpus (differential/corpus, written for this suite)
 * is realistic code; generated programs (differential/generate.ts) stress the compiler's rewrites
 * in the no-semicolon style. A difference is a bug, or a rule listed in `deliberate` with its
 * reason (README, "How evaluation works", says the same).
 */

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { helpers, programs } from './differential/generate.ts';
import { runInCells, runInNode, splitProgram, withoutSemicolons, type Split } from './differential/run.ts';
import { Harness } from './harness.ts';

const corpus = join(__dirname, '..', '..', '..', 'tests', 'runtime', 'differential', 'corpus');
const splits: readonly Split[] = ['one cell', 'cell per statement', 'module above its tests'];

/** Differences that remain on purpose: program and split, with the reason. */
const deliberate: Readonly<Record<string, string>> = {
  '22-event-loop.mjs / cell per statement':
    'timers and microtasks a cell schedules run when the cell ends, before the next cell starts',
};

let h: Harness;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-differential-'));
  cpSync(corpus, dir, { recursive: true });
  h = await Harness.start({ dir });
});
after(() => h.stop());

const files = readdirSync(corpus).filter((name) => name.endsWith('.mjs')).sort();

describe('corpus: Node and cells agree', () => {
  for (const file of files) {
    test(file, async () => {
      const source = readFileSync(join(corpus, file), 'utf8');
      const stripped = withoutSemicolons(source);
      const [expected, strippedExpected] = await Promise.all([runInNode(source, dir, file), runInNode(stripped, dir, `stripped-${file}`)]);
      for (const split of splits) {
        const actual = await runInCells(h, splitProgram(source, split));
        const key = `${file} / ${split}`;
        if (key in deliberate) assert.notDeepEqual(actual, expected, `${key} is listed as a deliberate difference but agrees now`);
        else assert.deepEqual(actual, expected, key);
      }
      assert.deepEqual(await runInCells(h, splitProgram(stripped, 'module above its tests')), strippedExpected, `${file} without semicolons`);
    });
  }
});

describe('generated programs without semicolons: Node and cells agree', () => {
  test('random programs below a cell of helpers', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(programs, async (program) => {
        const node = runInNode(helpers + program, dir, `generated-${++index}.mjs`);
        const asTwoCells = await runInCells(h, [helpers, program]);
        const expected = await node;
        assert.deepEqual(asTwoCells, expected, program);
        assert.deepEqual(await runInCells(h, [helpers, ...splitProgram(program, 'cell per statement')]), expected, program);
      }),
      { seed: 20261204, numRuns: 30 },
    );
  });
});
