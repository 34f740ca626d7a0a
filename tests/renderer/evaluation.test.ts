/**
 * The notebook UI against a real `tessera serve` host and real runtimes: typing, running,
 * streaming, staleness, interrupting, and a runtime that dies.
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addCodeCell, codeCells, launchChromium, openPage, outputText, screenshot, startTessera, waitForState, type Tessera } from './harness.ts';

describe('evaluation in the notebook UI', () => {
  let tessera: Tessera;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [tessera, browser] = await Promise.all([startTessera(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await tessera?.close();
  });

  test('code typed into a new notebook runs with Shift+Enter and shows its output', async () => {
    page = await openPage(browser, tessera.url);
    await addCodeCell(page, 'const alpha = { name: "tessera", count: 3 };\nconsole.log("hello from", alpha.name);\nalpha');
    await page.keyboard.press('Shift+Enter');
    await waitForState(page, 0, 'evaluated');
    const output = await outputText(page, 0);
    assert.match(output, /hello from tessera/);
    assert.match(output, /count: 3/);
    // Shift+Enter moved on: a new cell, focused in its editor.
    assert.equal(await codeCells(page).count(), 2);
    await screenshot(page, 'evaluation-light');
    // Escape leaves the editor for the cell; Delete puts the cell in the bin.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Delete');
    assert.equal(await codeCells(page).count(), 1);
  });

  test('output streams while the cell runs', async () => {
    await addCodeCell(page, 'for (let i = 0; i < 5; i++) { console.log("tick " + i); await new Promise((r) => setTimeout(r, 200)); }');
    await page.keyboard.press('Control+Enter');
    // The first line shows while the cell is still evaluating: both read in one look at the page
    // (polled from here: the page's policy forbids the eval a waitForFunction needs).
    const streaming = () =>
      page.evaluate(() => {
        const cell = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null }> } }).document.querySelectorAll('.cell[data-cell-kind="code"]')[1];
        return cell?.querySelector('.cell-status')?.getAttribute('data-state') === 'evaluating' && (cell.querySelector('.cell-outputs')?.textContent ?? '').includes('tick 0');
      });
    const deadline = Date.now() + 30_000;
    while (!(await streaming())) {
      assert.ok(Date.now() < deadline, 'the first line never showed while the cell was evaluating');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitForState(page, 1, 'evaluated');
    assert.match(await outputText(page, 1), /tick 4/);
  });

  test('a cell turns stale when a cell above it that it reads changes', async () => {
    await addCodeCell(page, 'alpha.count * 2');
    await page.keyboard.press('Control+Enter');
    await waitForState(page, 2, 'evaluated');
    // Edit the first cell: the cell that reads `alpha` is no longer current.
    await codeCells(page).nth(0).locator('.monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nalpha.count = 10;');
    await waitForState(page, 2, 'stale');
    await codeCells(page).nth(0).locator('.source-changed').waitFor();
    // The streaming cell shares no name with the edit and stays evaluated.
    assert.equal(await codeCells(page).nth(1).locator('.cell-status').getAttribute('data-state'), 'evaluated');
  });

  test('an endless loop is stopped and an earlier binding is still usable', async () => {
    await addCodeCell(page, 'while (true) {}');
    await page.keyboard.press('Control+Enter');
    await waitForState(page, 3, 'evaluating', 30_000);
    await page.locator('.status-bar').getByRole('button', { name: '■ Stop' }).click();
    await waitForState(page, 3, 'errored');
    assert.match(await outputText(page, 3), /Interrupt/);
    // Run a cell below that reads a binding from the first cell: the first cells re-run only if
    // needed, the loop cell must be removed from the chain first.
    await codeCells(page).nth(3).locator('button[aria-label="Delete cell"]').click();
    await addCodeCell(page, '`count is ${alpha.count}`');
    await page.keyboard.press('Control+Enter');
    await waitForState(page, 3, 'evaluated', 30_000);
    assert.match(await outputText(page, 3), /count is 10/);
    // The loop cell is in the bin, with the empty cell deleted earlier.
    assert.match((await page.getByRole('button', { name: /^Bin/ }).textContent()) ?? '', /Bin \(2\)/);
  });

  test('one cell stops from its own Stop: a queued cell leaves the queue, a running one is interrupted', async () => {
    const fresh = await openPage(browser, tessera.url);
    try {
      await addCodeCell(fresh, 'let laps = 1;');
      await addCodeCell(fresh, 'while (true) {}');
      await addCodeCell(fresh, 'laps + 1');
      await fresh.getByRole('button', { name: '▶ Run all' }).click();
      await waitForState(fresh, 1, 'evaluating', 30_000);
      await waitForState(fresh, 2, 'queued');
      await codeCells(fresh).nth(2).getByRole('button', { name: '■ Stop' }).click();
      await waitForState(fresh, 2, 'fresh');
      assert.equal(await codeCells(fresh).nth(1).locator('.cell-status').getAttribute('data-state'), 'evaluating', 'the loop goes on');
      await screenshot(fresh, 'stop-one-cell-light');
      await codeCells(fresh).nth(1).getByRole('button', { name: '■ Stop' }).click();
      await waitForState(fresh, 1, 'errored');
      assert.match(await outputText(fresh, 1), /Interrupt/);
      assert.equal(await codeCells(fresh).nth(0).locator('.cell-status').getAttribute('data-state'), 'evaluated');
      await codeCells(fresh).nth(1).getByRole('button', { name: '▶ Run' }).waitFor();
    } finally {
      await fresh.close();
    }
  });

  test('Ctrl+Enter runs the cell whose editor has the key, not the editor created last', async () => {
    const fresh = await openPage(browser, tessera.url);
    try {
      await addCodeCell(fresh, '"first"');
      await addCodeCell(fresh, '"second"');
      // Two live editors, the second created last: the key goes to the first.
      await codeCells(fresh).nth(0).locator('.monaco-editor').click();
      await fresh.keyboard.press('Control+Enter');
      await waitForState(fresh, 0, 'evaluated');
      assert.match(await outputText(fresh, 0), /first/);
      assert.equal(await codeCells(fresh).nth(1).locator('.cell-status').getAttribute('data-state'), 'fresh');
    } finally {
      await fresh.close();
    }
  });

  test('a runtime killed from a cell goes down, and one click starts a fresh one', async () => {
    await addCodeCell(page, 'process.kill(process.pid)');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-runtime-state="down"]').waitFor({ timeout: 30_000 });
    await waitForState(page, 0, 'aborted');
    await screenshot(page, 'runtime-down-light');
    await page.getByRole('button', { name: 'Start a new runtime' }).click();
    await page.locator('[data-runtime-state="ready"]').waitFor({ timeout: 30_000 });
    // Run the first cell again in the fresh runtime.
    await codeCells(page).nth(0).locator('.run-button').click();
    await waitForState(page, 0, 'evaluated', 30_000);
    assert.match(await outputText(page, 0), /hello from tessera/);
  });
});
