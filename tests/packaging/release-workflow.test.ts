/**
 * The release workflow runs only on GitHub's machines; this pins what it must do there: test,
 * run the Electron end-to-end test with a real Electron, build every installer and keep them.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
}

const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'release.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }>;
};
const jobs = Object.values(workflow.jobs);
const job = jobs[0]!;
const runs = job.steps.map((step) => step.run ?? '');

/** The index of the first step whose command contains `text`; fails when there is none. */
function stepRunning(text: string): number {
  const index = runs.findIndex((run) => run.includes(text));
  assert.notEqual(index, -1, `a step runs ${text}`);
  return index;
}

describe('.github/workflows/release.yml', () => {
  test('builds on macOS, Windows and Linux, with read-only access', () => {
    assert.equal(jobs.length, 1);
    assert.deepEqual([...job.strategy.matrix.os].sort(), ['macos-latest', 'ubuntu-latest', 'windows-latest']);
    assert.equal(job['runs-on'], '${{ matrix.os }}');
    assert.deepEqual(workflow.permissions, { contents: 'read' });
  });

  test('installs, fetches Electron, tests, runs the Electron end-to-end test, then packages', () => {
    const order = [
      stepRunning('npm ci'),
      stepRunning('node node_modules/electron/install.js'),
      stepRunning('npm test'),
      stepRunning('npm run test:e2e:electron'),
      stepRunning('npx electron-builder --dir'),
      stepRunning('out/tests/e2e/packaged-app.test.cjs'),
      stepRunning('npx electron-builder --publish never'),
    ];
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });

  test('smoke-tests a package built apart from the installers, with the one fuse Playwright needs', () => {
    const smoke = runs[stepRunning('npx electron-builder --dir')]!;
    assert.match(smoke, /-c\.directories\.output=dist-smoke/);
    assert.match(smoke, /-c\.electronFuses\.enableNodeCliInspectArguments=true/);
    const tests = job.steps.filter((step) => step.run?.includes('packaged-app.test.cjs'));
    assert.ok(tests.some((step) => step.if === "runner.os == 'Linux'" && step.run?.startsWith('xvfb-run -a ')));
    assert.ok(tests.some((step) => step.if === "runner.os != 'Linux'"));
  });

  test('caches the Electron download and finds a Chrome for the UI tests before testing', () => {
    const cache = job.steps.findIndex((step) => step.uses?.startsWith('actions/cache@') && String(step.with?.['path']).includes('electron'));
    assert.notEqual(cache, -1);
    assert.ok(cache < stepRunning('node node_modules/electron/install.js'));
    assert.ok(stepRunning('CHROMIUM=') < stepRunning('npm test'));
  });

  test('runs the end-to-end test under Xvfb on Linux only', () => {
    const e2e = job.steps.filter((step) => step.run?.includes('test:e2e:electron'));
    const linux = e2e.find((step) => step.if === "runner.os == 'Linux'");
    assert.equal(linux?.run, 'xvfb-run -a npm run test:e2e:electron');
    assert.ok(e2e.some((step) => step.if === "runner.os != 'Linux'" && step.run === 'npm run test:e2e:electron'));
  });

  test('gives signing and notarization secrets to the packaging step only', () => {
    const build = job.steps[stepRunning('npx electron-builder --publish never')]!;
    for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER', 'APPLE_API_KEY_P8']) {
      assert.equal(build.env?.[name], `\${{ secrets.${name} }}`);
    }
    const elsewhere = job.steps.filter((step) => step !== build).map((step) => JSON.stringify(step));
    assert.deepEqual(elsewhere.filter((text) => text.includes('secrets.')), []);
  });

  test('uploads the installers', () => {
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    const paths = String(upload?.with?.['path'] ?? '');
    for (const installer of ['*.dmg', '*.zip', '*.exe', '*.AppImage', '*.deb', '*.rpm']) assert.ok(paths.includes(`dist/${installer}`), installer);
    assert.equal(upload?.with?.['if-no-files-found'], 'error');
  });
});
