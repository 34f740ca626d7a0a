/**
 * `tessera serve --open`: the system's browser opens the served page without the token ever being
 * on a command line, where any process of any user could read it (`ps`). The opener is given a
 * small page in a folder only this user can read, which sends the browser on to the URL with its
 * token; the page is removed when the server stops.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LaunchPage {
  readonly file: string;
  remove(): void;
}

/** Writes the page that leads to `url`: a folder of mode 0700 (mkdtemp's), a file of mode 0600. */
export function writeLaunchPage(url: string): LaunchPage {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-open-'));
  const file = join(folder, 'open-tessera.html');
  const quoted = JSON.stringify(url).replaceAll('<', '\\u003c');
  const attribute = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><title>Opening Tessera</title>` +
      `<meta http-equiv="refresh" content="0;url=${attribute}">` +
      `<script>location.replace(${quoted})</script>` +
      `<p><a href="${attribute}">Open Tessera</a></p>\n`,
    { mode: 0o600 },
  );
  return { file, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Opens `file` with the system's opener; `onError` when there is none. */
export function openInBrowser(file: string, onError: () => void): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(opener, [file], { detached: true, stdio: 'ignore' }).on('error', onError).unref();
}
