/**
 * Browser tests of the renderer against a real host: `tessera serve`'s HTTP and WebSocket server,
 * a real notebook session per tab, and real runtime processes. Chromium is driven by playwright-core.
 *
 * Which Chromium: the one named by $CHROMIUM, else one installed on the system (Debian's chromium,
 * Chrome), else the browser Playwright installed for itself where that exists. None found is a
 * failure that says how to get one, never a silent skip.
 */

import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServe } from '../../host/serve/start.ts';

export const repoRoot = join(__dirname, '..', '..', '..');
export const resultsDir = join(repoRoot, 'test-results');

export function findChromium(): string {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found for the renderer tests: set CHROMIUM to a Chromium or Chrome binary, install one ' +
      '(Debian: apt-get install chromium), or run `npx playwright install chromium`.',
  );
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Tessera {
  readonly url: string;
  /** A folder for the test's files. */
  readonly dir: string;
  close(): Promise<void>;
}

/**
 * `tessera serve` as the CLI starts it, with its data and scratch folders in a temporary folder —
 * or in `dir`, to start again where an earlier server left its backups — and the `file` every tab opens.
 */
export async function startTessera(dir = mkdtempSync(join(tmpdir(), 'tessera-ui-')), file?: string): Promise<Tessera> {
  const server = await startServe({ port: 0, dataDir: join(dir, 'data'), scratchDir: join(dir, 'scratch'), root: dir, ...(file ? { file } : {}) });
  return { url: server.url, dir, close: () => server.close() };
}

/** A `tessera serve` and a Chromium for a suite's tests: started before the first, closed after the last. */
export function serveAndBrowser(): { readonly tessera: Tessera; readonly browser: Browser } {
  const started = {} as { tessera: Tessera; browser: Browser };
  before(async () => {
    [started.tessera, started.browser] = await Promise.all([startTessera(), launchChromium()]);
  });
  after(async () => {
    await started.browser?.close();
    await started.tessera?.close();
  });
  return started;
}

/**
 * Opens the notebook page and waits for it to show. Other tabs' unsaved work is offered back at
 * start; unless `recovery` is asked for, the offer is put off so that the test sees its notebook.
 */
export async function openPage(browser: Browser, url: string, colorScheme: 'light' | 'dark' = 'light', recovery = false): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url);
  await page.locator('.notebook-title').waitFor();
  if (!recovery) await putOffRecovery(page);
  return page;
}

/** Opens the notebook at `path` through the page's Open dialog (tessera serve asks for a path). */
export async function openPath(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByLabel('File path').fill(path);
  await page.getByRole('button', { name: 'OK', exact: true }).click();
}

/**
 * Puts off the offer of other tabs' unsaved work, if the page makes one: a tab an earlier test
 * closed with unsaved changes left its backup to the next page.
 */
export async function putOffRecovery(page: Page): Promise<void> {
  const prompt = page.getByRole('dialog', { name: 'Recover unsaved work' });
  if (await prompt.isVisible()) await prompt.getByRole('button', { name: 'Not now' }).click();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The code cells of the page, in document order. */
export function codeCells(page: Page) {
  return page.locator('.cell[data-cell-kind="code"]');
}

/**
 * Types `source` into a new code cell at the end of the notebook's first section — or into the
 * last code cell if it is still empty, such as the one a new notebook starts with.
 */
export async function addCodeCell(page: Page, source: string): Promise<void> {
  const count = await codeCells(page).count();
  const lastText = count === 0 ? 'none' : await codeCells(page).nth(count - 1).locator('.view-lines, .static-source').first().textContent();
  const reuse = lastText !== null && lastText.trim() === '';
  if (!reuse) await page.locator('.setup-section .insert-bar').last().getByRole('button', { name: '+ Code' }).click();
  const cell = codeCells(page).nth(reuse ? count - 1 : count);
  await cell.locator('.monaco-editor textarea').waitFor({ state: 'attached' });
  await cell.locator('.monaco-editor').click();
  // insertText, not type: Monaco would auto-close brackets and auto-indent keystrokes.
  await page.keyboard.insertText(source);
  // Monaco draws the text at its next frame; until then the cell still reads empty, and the next
  // addCodeCell would take it for an empty cell to reuse.
  const lastLine = source.split('\n').at(-1)?.trim() ?? '';
  const deadline = Date.now() + 15_000;
  while (!((await cell.locator('.view-lines').textContent()) ?? '').replaceAll('\u00a0', ' ').includes(lastLine)) {
    if (Date.now() > deadline) throw new Error(`the cell never showed ${JSON.stringify(lastLine)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the cell shows `state` (fresh, queued, evaluating, evaluated, stale, errored, aborted). */
export async function waitForState(page: Page, index: number, state: string, timeout = 15_000): Promise<void> {
  await codeCells(page).nth(index).locator(`.cell-status[data-state="${state}"]`).waitFor({ timeout });
}

export async function outputText(page: Page, index: number): Promise<string> {
  return (await codeCells(page).nth(index).locator('.cell-outputs').textContent()) ?? '';
}

/**
 * Waits until the page's title satisfies `predicate`, polling from Node: a string given to
 * `waitForFunction` is evaluated with eval in the page, which the page's policy forbids.
 */
export async function waitForTitle(page: Page, predicate: (title: string) => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(await page.title())) {
    if (Date.now() > deadline) throw new Error(`the page title is still ${JSON.stringify(await page.title())}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
