/**
 * The README's test line must work on every Node a user has (`node --test out/tests/` does on
 * Node 20 only: Node 22 and 24 take the folder for a file). This runs scripts/test.mjs, the way
 * `npm test` does, under the Node running this suite, over a small folder of test files.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  engines?: { node?: string };
};

function runTests(...targets: string[]): Promise<{ code: number; output: string }> {
  // Node 22+ marks the processes its test runner starts, and a marked process runs no test files.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'scripts', 'test.mjs'), ...targets], { cwd: root, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
    );
  });
}

describe('the test runner', () => {
  test('runs every *.test.cjs under a folder, nested ones too, and passes when they pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-runner-'));
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'top.test.cjs'), "require('node:test')('top-level test', () => {});\n");
    writeFileSync(join(dir, 'nested', 'deep.test.cjs'), "require('node:test')('nested test', () => {});\n");
    writeFileSync(join(dir, 'helper.cjs'), "throw new Error('not a test file, never run');\n");
    const { code, output } = await runTests(dir);
    assert.equal(code, 0, output);
    assert.match(output, /top-level test/);
    assert.match(output, /nested test/);
    assert.doesNotMatch(output, /never run/);
  });

  test('fails when a test fails, and when there is nothing to run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-runner-'));
    writeFileSync(join(dir, 'failing.test.cjs'), "require('node:test')('failing test', () => { throw new Error('boom'); });\n");
    assert.equal((await runTests(dir)).code, 1);
    const empty = mkdtempSync(join(tmpdir(), 'tessera-runner-'));
    const nothing = await runTests(empty);
    assert.equal(nothing.code, 1);
    assert.match(nothing.output, /No \*\.test\.cjs files/);
  });

  test('is what npm test and the Electron end-to-end script run, on a declared Node', () => {
    assert.match(packageJson.scripts['test'] ?? '', /node scripts\/test\.mjs$/);
    assert.match(packageJson.scripts['test:e2e:electron'] ?? '', /node scripts\/test\.mjs out\/tests\/e2e$/);
    assert.equal(packageJson.engines?.node, '>=20');
  });

  test('.ci/run runs the README test line on the machine’s Node and again on Node 24', () => {
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    const testLines = ci.split('\n').filter((line) => line.trim() === 'npm ci && npm test');
    assert.equal(testLines.length, 2);
    assert.match(ci, /npm install [^\n]*"node-linux-\$arch@24"/);
    const node24Path = ci.indexOf('PATH="$node24/node_modules/node-linux-$arch/bin:$PATH"');
    assert.ok(node24Path > ci.indexOf('npm ci && npm test') && node24Path < ci.lastIndexOf('npm ci && npm test'));
  });
});
