/**
 * Notebooks from elsewhere, in Chromium against a real `tessera serve`: a crafted file runs no
 * script when it opens, its HTML and SVG outputs render inert until their cell runs again or the
 * user trusts the notebook, and trust is remembered for the file's content in the data folder.
 */

import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseNotebook } from '../../common/notebook/markdown-parse.ts';
import { codeCells, launchChromium, openPage, openPath, screenshot, startTessera, type Tessera, waitForState } from './harness.ts';

const pwned = "console.log('tessera-pwned')";

/** A notebook as an attacker would write it: scripts in its title, its Markdown and its saved outputs. */
const crafted = [
  `# Crafted <img src=x onerror="${pwned}">`,
  '',
  '<!-- tessera:notebook {"saveOutputs":true} -->',
  '',
  `Some text <script>${pwned}</script> and <img src=x onerror="${pwned}"> and <svg onload="${pwned}"></svg>.`,
  '',
  '```js',
  'html`<b id="live">live</b>`',
  '```',
  '<!-- tessera:output {"kind":"rich","mime":"text/html","newline":false} -->',
  '```html',
  `<p id="saved">saved</p><script>${pwned}</script><img src=x onerror="${pwned}">`,
  '```',
  '',
  '```js',
  '1 + 1',
  '```',
  '<!-- tessera:output {"kind":"rich","mime":"image/svg+xml","newline":false} -->',
  '```svg',
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" onload="${pwned}"><rect id="r" width="120" height="40" fill="teal"/></svg>`,
  '```',
  '',
].join('\n');

/** The same attack as a Jupyter notebook: HTML, SVG and JavaScript in its outputs and its Markdown. */
const craftedIpynb = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'deno', display_name: 'Deno', language: 'typescript' } },
  cells: [
    { cell_type: 'markdown', id: 'm1', metadata: {}, source: [`Text <script>${pwned}</script> <img src=x onerror="${pwned}">`] },
    {
      cell_type: 'code',
      id: 'c1',
      metadata: {},
      execution_count: 1,
      source: ['html`<b id="live">live</b>`'],
      outputs: [
        { output_type: 'display_data', metadata: {}, data: { 'text/html': [`<p>saved</p><script>${pwned}</script>`], 'text/plain': ['saved'] } },
        { output_type: 'display_data', metadata: {}, data: { 'application/javascript': [pwned], 'text/plain': ['a script'] } },
      ],
    },
    {
      cell_type: 'code',
      id: 'c2',
      metadata: {},
      execution_count: 2,
      source: ['1 + 1'],
      outputs: [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'image/svg+xml': [`<svg xmlns="http://www.w3.org/2000/svg" onload="${pwned}"></svg>`] } }],
    },
  ],
});

describe('notebooks from elsewhere', () => {
  let tessera: Tessera;
  let browser: Browser;
  let file: string;

  before(async () => {
    [tessera, browser] = await Promise.all([startTessera(), launchChromium()]);
    file = join(tessera.dir, 'crafted.tsnb');
    writeFileSync(file, crafted);
    writeFileSync(join(tessera.dir, 'crafted.ipynb'), craftedIpynb);
    let id = 0;
    const parsed = parseNotebook(crafted, () => `c${id++}`);
    assert.ok(parsed.ok && parsed.notebook.setup.cells.filter((cell) => cell.kind === 'code' && cell.outputs.length === 1).length === 2, 'the crafted file is a notebook with two saved outputs');
  });
  after(async () => {
    await browser?.close();
    await tessera?.close();
  });

  /** Opens the crafted file in a new page, recording every console message of the page and its frames. */
  async function openCrafted(colorScheme: 'light' | 'dark' = 'light', name = 'crafted.tsnb'): Promise<{ page: Page; console: string[] }> {
    const page = await openPage(browser, tessera.url, colorScheme);
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await openPath(page, join(tessera.dir, name));
    await page.locator('.file-name', { hasText: name }).waitFor();
    return { page, console };
  }

  test('attack: opening a crafted .tsnb runs no script; its HTML and SVG outputs render inert', async () => {
    const { page, console } = await openCrafted();
    const inert = page.locator('.output-inert');
    await inert.nth(1).waitFor();
    assert.equal(await inert.count(), 2);
    assert.match((await inert.first().textContent()) ?? '', /An HTML output saved in the file is not shown.*Run the cell or trust this notebook to show it/);
    assert.match((await inert.nth(1).textContent()) ?? '', /An SVG image saved in the file is not shown/);
    assert.equal(await page.locator('iframe').count(), 0, 'no output frame was made');
    assert.equal(await page.locator('[onerror], [onload], script:not([src])').count(), 0, 'no handler or inline script reached the page');
    // Whatever could have run has had its turn: the page drew and settled.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)))');
    assert.deepEqual(console.filter((text) => text.includes('tessera-pwned')), []);
    await screenshot(page, 'trust-inert-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'trust-inert-dark');
    await page.context().close();
  });

  test('attack: opening a crafted .ipynb runs no script; its HTML and SVG outputs render inert', async () => {
    const { page, console } = await openCrafted('light', 'crafted.ipynb');
    const inert = page.locator('.output-inert');
    await inert.nth(1).waitFor();
    assert.equal(await inert.count(), 2);
    assert.match((await inert.first().textContent()) ?? '', /An HTML output saved in the file is not shown/);
    assert.match((await inert.nth(1).textContent()) ?? '', /An SVG image saved in the file is not shown/);
    // The JavaScript output shows its text form; Tessera never runs application/javascript.
    await page.getByText('a script', { exact: true }).waitFor();
    assert.equal(await page.locator('iframe').count(), 0, 'no output frame was made');
    assert.equal(await page.locator('[onerror], [onload], script:not([src])').count(), 0, 'no handler or inline script reached the page');
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)))');
    assert.deepEqual(console.filter((text) => text.includes('tessera-pwned')), []);
    await screenshot(page, 'trust-inert-ipynb');
    await page.context().close();
  });

  test('a cell run again shows its new output live, while the others stay inert', async () => {
    const { page } = await openCrafted();
    await codeCells(page).nth(0).locator('.monaco-editor').click();
    await page.keyboard.press('Control+Enter');
    await waitForState(page, 0, 'evaluated');
    await codeCells(page).nth(0).frameLocator('iframe.output-frame').locator('b#live').waitFor();
    assert.equal(await page.locator('.output-inert').count(), 1);
    await page.context().close();
  });

  test('trusting the notebook shows its outputs live, and is remembered for the file as it is', async () => {
    const { page } = await openCrafted();
    await page.locator('.output-inert').first().getByRole('button', { name: 'Trust notebook…' }).click();
    const prompt = page.getByRole('dialog');
    await prompt.getByText('Trust this notebook?').waitFor();
    await screenshot(page, 'trust-prompt-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'trust-prompt-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await prompt.getByRole('button', { name: 'Trust notebook' }).click();
    await codeCells(page).nth(0).frameLocator('iframe.output-frame').locator('p#saved').waitFor();
    await codeCells(page).nth(1).frameLocator('iframe.output-frame').locator('rect#r').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.output-inert').count(), 0);
    await page.context().close();

    // Opened again: trusted, by the content's hash in the data folder.
    const again = await openCrafted();
    await codeCells(again.page).nth(0).frameLocator('iframe.output-frame').locator('p#saved').waitFor();
    assert.equal(await again.page.locator('.output-inert').count(), 0);
    await again.page.context().close();

    // Changed by someone else: not the content that was trusted.
    appendFileSync(file, '\nA line added elsewhere.\n');
    const changed = await openCrafted();
    await changed.page.locator('.output-inert').nth(1).waitFor();
    await changed.page.context().close();
    writeFileSync(file, crafted);
  });

  test('a notebook saved with the user’s own outputs opens with them live', async () => {
    const own = join(tessera.dir, 'own.tsnb');
    writeFileSync(own, '# Own\n\n```js\nhtml`<i id="mine">mine</i>`\n```\n');
    const page = await openPage(browser, tessera.url);
    await openPath(page, own);
    await page.locator('.file-name', { hasText: 'own.tsnb' }).waitFor();
    await codeCells(page).nth(0).locator('.monaco-editor').click();
    await page.keyboard.press('Control+Enter');
    await waitForState(page, 0, 'evaluated');
    await page.getByLabel('Save outputs').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.dirty-mark').waitFor({ state: 'detached' });
    assert.match(readFileSync(own, 'utf8'), /id="mine"/);
    await page.context().close();

    const reopened = await openPage(browser, tessera.url);
    await openPath(reopened, own);
    await codeCells(reopened).nth(0).frameLocator('iframe.output-frame').locator('i#mine').waitFor();
    assert.equal(await reopened.locator('.output-inert').count(), 0);
    await reopened.context().close();
  });
});
