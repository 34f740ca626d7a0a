/**
 * `npm test` runs scripts/electronegativity.mjs over the repository and passes when it finds
 * nothing; these tests show that it does find things, and that it fails rather than passes when
 * it cannot read a file. Each runs the script over a small folder made for it.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const script = join(root, 'scripts', 'electronegativity.mjs');

interface Outcome {
  readonly code: number;
  readonly output: string;
}

/** Runs the script over a folder holding `files` (path → text). */
async function scan(files: Record<string, string>): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-eng-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return await new Promise((resolve) => {
      execFile(process.execPath, [script, dir], { timeout: 120_000 }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, output: `${stdout}${stderr}` });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const secureMain = `
import { app, BrowserWindow, session, shell } from 'electron';
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK: https only
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
});
`;

// csp-evaluator flags every script-src 'self' for review (JSONP or uploads on the same origin).
const page = `<!doctype html>
<html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; base-uri 'none'"> <!-- eng-disable CSP_GLOBAL_CHECK --> <!-- the origin serves the app's bundle only -->
</head><body></body></html>
`;

describe('scripts/electronegativity.mjs', { concurrency: true }, () => {
  test('fails on a window with Node integration, and says where', async () => {
    const { code, output } = await scan({
      'main/window.ts': `import { BrowserWindow } from 'electron';\nexport const open = () => new BrowserWindow({ webPreferences: { nodeIntegration: true } });\n`,
    });
    assert.equal(code, 1, output);
    assert.match(output, /main\/window\.ts:2:\d+ +NODE_INTEGRATION_JS_CHECK/);
  });

  test('passes a secure window with acknowledged findings, a missing preload/ folder included', async () => {
    const { code, output } = await scan({ 'main/index.ts': secureMain, 'renderer/index.html': page });
    assert.equal(code, 0, output);
    assert.match(output, /no findings in 2 file\(s\) in main\/, renderer\//);
  });

  test('fails on an acknowledgement without a reason', async () => {
    const { code, output } = await scan({
      'main/index.ts': secureMain.replace(': https only', ''),
      'renderer/index.html': page,
    });
    assert.equal(code, 1, output);
    assert.match(output, /main\/index\.ts:9: eng-disable OPEN_EXTERNAL_JS_CHECK gives no reason/);
  });

  test('fails on a file it cannot parse instead of skipping it', async () => {
    const { code, output } = await scan({ 'preload/index.cts': 'const bridge = ;\n' });
    assert.equal(code, 1, output);
    assert.match(output, /preload\/index\.cts: Electronegativity cannot parse it/);
  });
});
