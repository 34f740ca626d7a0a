/**
 * Rich outputs, export, the save-outputs setting and moving cells by drag and drop, in Chromium
 * against a real `tessera serve` and real runtimes. HTML renders in a sandboxed frame that is
 * sized to its content and cannot reach the page; images, tables, Markdown and JSON render in the
 * page; an exported notebook is valid and runs with `tessera run`.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { addCodeCell, codeCells, launchChromium, openPage, repoRoot, screenshot, startTessera, waitForState, type Tessera } from './harness.ts';

/** A 24 × 16 PNG in four colours. */
const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAIUlEQVR4nGO4E2BDEGkQgRhGDRrhBp0giDSIQKMGjWiDAGxD/hAUy4tVAAAAAElFTkSuQmCC';

/** Polls a condition from Node: the page's policy forbids eval, which a string waitForFunction needs. */
async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function heightOf(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.height ?? 0;
}

async function run(page: Page, index: number, source: string): Promise<void> {
  await addCodeCell(page, source);
  await page.keyboard.press('Control+Enter');
  await waitForState(page, index, 'evaluated');
}

function tesseraRun(file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'tessera.cjs'), 'run', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('rich outputs and moving cells in the notebook UI', () => {
  let tessera: Tessera;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [tessera, browser] = await Promise.all([startTessera(), launchChromium()]);
    page = await openPage(browser, tessera.url);
  });
  after(async () => {
    await browser?.close();
    await tessera?.close();
  });

  test('an html value renders in a sandboxed frame sized to its content', async () => {
    await run(page, 0, 'html`<b id="x">bold</b>`');
    const frame = codeCells(page).nth(0).locator('iframe.output-frame');
    assert.equal(await frame.getAttribute('sandbox'), 'allow-scripts');
    assert.equal(await frame.getAttribute('srcdoc'), null);
    const inside = codeCells(page).nth(0).frameLocator('iframe.output-frame');
    assert.equal(await inside.locator('b#x').textContent(), 'bold');
    // Sized to one line of text, not the 150 px of a frame left alone.
    await until(async () => {
      const height = await heightOf(frame);
      return height > 10 && height < 40;
    });
  });

  test('a script in an html output runs, and cannot reach the page or its bridge', async () => {
    // The page of `tessera serve` has no window.tessera: give it one, so that reaching it would show.
    await page.evaluate("Object.defineProperty(window, 'tessera', { value: { probe: 'reachable' }, configurable: true })");
    await run(
      page,
      1,
      [
        'html(`<p id="probe">waiting</p><script>',
        '  const seen = [];',
        '  for (const reach of [() => parent.tessera.probe, () => top.tessera.probe, () => parent.document.title, () => window.frameElement]) {',
        '    try { seen.push(String(reach())); } catch (error) { seen.push(error.name); }',
        '  }',
        '  fetch("/").then(() => "fetched", () => "no fetch").then((fetched) => {',
        '    document.getElementById("probe").textContent = seen.join(",") + "," + fetched;',
        '  });',
        '</script>`)',
      ].join('\n'),
    );
    const probe = codeCells(page).nth(1).frameLocator('iframe.output-frame').locator('#probe');
    await probe.filter({ hasNotText: 'waiting' }).waitFor();
    assert.equal(await probe.textContent(), 'SecurityError,SecurityError,SecurityError,null,no fetch');
  });

  test('an image from bytes shows as an image', async () => {
    await run(page, 2, `image(Buffer.from("${pngBase64}", "base64"))`);
    const img = codeCells(page).nth(2).locator('.output-image img');
    await img.waitFor();
    assert.match((await img.getAttribute('src')) ?? '', /^data:image\/png;base64,iVBOR/);
    await until(async () => (await img.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth)) === 24);
    await codeCells(page).nth(0).scrollIntoViewIfNeeded();
    await screenshot(page, 'rich-html-light');
  });

  test('table() of 120 000 rows renders the rows in view, scrolls to the last one sent, and says how many were not', async () => {
    await run(page, 3, 'table(Array.from({ length: 120_000 }, (_, i) => ({ planet: "p" + i, moons: i % 7, ringed: i % 2 === 0, note: i === 5 ? "two\\nlines" : null })))');
    const table = codeCells(page).nth(3).locator('.output-table');
    const rendered = table.locator('tbody tr[aria-rowindex]');
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['', 'planet', 'moons', 'ringed', 'note']);
    assert.ok((await rendered.count()) < 100, `${await rendered.count()} rows in the page`);
    assert.equal(await table.locator('tbody tr[aria-rowindex="7"] td').last().textContent(), 'two↵lines');
    assert.match((await table.locator('.table-more').textContent()) ?? '', /20,000 more rows not shown: the runtime sent the first 100,000 of 120,000/);
    const columns = await table.locator('thead th').evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width)));
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'table-light');

    const scroller = table.locator('.table-virtual');
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await table.locator('tbody tr[aria-rowindex="100001"]').waitFor();
    const last = table.locator('tbody tr[aria-rowindex="100001"] td');
    assert.deepEqual(await last.allTextContents(), ['99999', 'p99999', '4', 'false', '']);
    assert.ok((await rendered.count()) < 100);
    // The header stays in view, and the columns keep their widths.
    const header = await table.locator('thead th').nth(1).boundingBox();
    const box = await scroller.boundingBox();
    assert.ok(header !== null && box !== null && Math.abs(header.y - box.y) < 3, 'the header is at the top of the box');
    assert.deepEqual(await table.locator('thead th').evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width))), columns);
    await screenshot(page, 'table-end-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'table-end-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('a short table renders whole, with no box of its own to scroll', async () => {
    await run(page, 4, 'table([{ planet: "Mercury", moons: 0 }, { planet: "Venus", moons: 0 }, { planet: "Earth", moons: 1 }])');
    const table = codeCells(page).nth(4).locator('.output-table');
    assert.equal(await table.locator('tbody tr').count(), 3);
    assert.equal(await table.locator('.table-virtual').count(), 0);
    assert.equal(await table.locator('.table-more').count(), 0);
    // Out of the way of the tests below, which count cells.
    await codeCells(page).nth(4).locator('button[aria-label="Delete cell"]').click();
  });

  test('display() shows Markdown, JSON and a value at once, in order with printed text', async () => {
    await run(page, 4, 'console.log("first"); display(md`## Mars *and* moons`, json({ moons: ["Phobos", "Deimos"], mass: 6.4e23 })); display([1, 2]); "done"');
    const cell = codeCells(page).nth(4);
    assert.deepEqual(await cell.locator('[data-output]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-output'))), [
      'text',
      'markdown',
      'json',
      'value',
      'value',
    ]);
    assert.equal(await cell.locator('.output-markdown h2').textContent(), 'Mars and moons');
    const tree = cell.locator('.output-json');
    assert.match((await tree.textContent()) ?? '', /moons: Array\(2\)/);
    await tree.getByRole('button', { name: /moons: Array/ }).click();
    await tree.locator('.json-string', { hasText: '"Phobos"' }).waitFor();
    await cell.locator('.cell-outputs').scrollIntoViewIfNeeded();
    await screenshot(page, 'rich-outputs-light');
  });

  test('an svg image renders in a frame too', async () => {
    await run(page, 5, 'image(Buffer.from(\'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect id="r" width="120" height="40" fill="teal"/></svg>\'))');
    const inside = codeCells(page).nth(5).frameLocator('iframe.output-frame');
    await inside.locator('rect#r').waitFor({ state: 'attached' });
    await until(async () => {
      const height = await heightOf(codeCells(page).nth(5).locator('iframe.output-frame'));
      return height >= 40 && height < 60;
    });
  });

  test('the outputs survive saving with outputs, and export writes a .ipynb that tessera run runs', async () => {
    await page.getByLabel('Save outputs').check();
    const notebookPath = join(tessera.dir, 'rich.tsnb');
    await page.getByRole('button', { name: 'Save as' }).click();
    await page.getByLabel('File path').fill(notebookPath);
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.locator('.file-name', { hasText: 'rich.tsnb' }).waitFor();
    const saved = readFileSync(notebookPath, 'utf8');
    assert.match(saved, /<!-- tessera:notebook \{"saveOutputs":true\} -->/);
    assert.match(saved, /<!-- tessera:output \{"kind":"rich","mime":"text\/html","newline":false\} -->\n```html\n<b id="x">bold<\/b>\n```/);
    assert.match(saved, /"mime":"image\/png"\} -->\n```base64\niVBOR/);

    const exportPath = join(tessera.dir, 'rich.ipynb');
    await page.getByRole('button', { name: 'Export .ipynb' }).click();
    assert.equal(await page.getByLabel('File path').inputValue(), join(tessera.dir, 'rich.ipynb'));
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.locator('.status-notice', { hasText: 'Exported as a Jupyter notebook' }).waitFor();
    const exported = JSON.parse(readFileSync(exportPath, 'utf8')) as { nbformat: number; cells: { outputs?: { output_type: string; data?: Record<string, unknown> }[] }[] };
    assert.equal(exported.nbformat, 4);
    const outputs = exported.cells.flatMap((cell) => cell.outputs ?? []);
    assert.ok(outputs.some((output) => output.output_type === 'display_data' && output.data?.['text/html'] !== undefined));
    assert.ok(outputs.some((output) => typeof output.data?.['image/png'] === 'string'));

    const { code, output } = await tesseraRun(exportPath);
    assert.equal(code, 0, output);

    // Opened again, in the dark: the saved outputs show as they did.
    const reopened = await openPage(browser, tessera.url, 'dark');
    await reopened.getByRole('button', { name: 'Open', exact: true }).click();
    await reopened.getByLabel('File path').fill(notebookPath);
    await reopened.getByRole('button', { name: 'OK', exact: true }).click();
    await codeCells(reopened).nth(0).frameLocator('iframe.output-frame').locator('b#x').waitFor();
    await codeCells(reopened).nth(3).locator('.output-table').waitFor();
    await codeCells(reopened).nth(2).scrollIntoViewIfNeeded();
    await screenshot(reopened, 'rich-outputs-dark');
    await reopened.context().close();
  });

  test('dropping a cell by its handle on the top half of another puts it before that cell, on the bottom half after it', async () => {
    const page = await openPage(browser, tessera.url);
    for (const name of ['"one"', '"two"', '"three"']) await addCodeCell(page, name);
    await page.keyboard.press('Escape');
    const names = ['one', 'two', 'three'];
    const order = async () => (await codeCells(page).locator('.cell-source').allTextContents()).map((text) => names.find((name) => text.includes(name)));
    await until(async () => (await order()).join() === 'one,two,three');

    const first = codeCells(page).nth(0);
    await codeCells(page).nth(2).hover();
    await codeCells(page).nth(2).locator('.drag-handle').dragTo(first, { targetPosition: { x: 200, y: 8 } });
    await until(async () => (await order())[0] === 'three');
    assert.deepEqual(await order(), ['three', 'one', 'two']);

    // And on the bottom half: after it.
    const box = await codeCells(page).nth(2).boundingBox();
    await codeCells(page).nth(0).hover();
    await codeCells(page).nth(0).locator('.drag-handle').dragTo(codeCells(page).nth(2), { targetPosition: { x: 200, y: (box?.height ?? 60) - 6 } });
    await until(async () => (await order())[2] === 'three');
    assert.deepEqual(await order(), ['one', 'two', 'three']);
    // A move is an edit of the document.
    await page.locator('.dirty-mark').waitFor();
    await page.context().close();
  });
});
