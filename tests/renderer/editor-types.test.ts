/**
 * The editor knows that cells run on Node, against a real `tessera serve` host: Node's types, no
 * DOM, the display API, names from the cells above completing at once, and Enter that ends a line
 * rather than taking a suggestion nobody asked for.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addCodeCell, codeCells, openPage, screenshot, serveAndBrowser } from './harness.ts';

/** Asserts the text of the cell's editor, as Monaco draws it (at its next frame: it is polled for a while). */
async function assertEditorText(page: Page, index: number, expected: string): Promise<void> {
  const read = async () => ((await codeCells(page).nth(index).locator('.view-lines').innerText()) ?? '').replaceAll('\u00a0', ' ').trim();
  const deadline = Date.now() + 5_000;
  while ((await read()) !== expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(await read(), expected);
}

/** Makes a cell of a new notebook (JavaScript) TypeScript, for its type checking. */
async function makeTypeScript(page: Page, index: number): Promise<void> {
  await codeCells(page).nth(index).getByRole('button', { name: 'JS', exact: true }).click();
  await codeCells(page).nth(index).getByRole('button', { name: 'TS', exact: true }).waitFor();
  await codeCells(page).nth(index).locator('.monaco-editor').waitFor();
}

/** The labels of the suggestions showing now. */
async function suggestions(page: Page): Promise<string[]> {
  const rows = page.locator('.suggest-widget .monaco-list-row .label-name');
  await rows.first().waitFor({ timeout: 30_000 });
  return rows.allTextContents();
}

/** Waits until the suggestions show `label`, focused. */
async function suggestion(page: Page, label: string): Promise<void> {
  await page.locator('.suggest-widget.visible .monaco-list-row.focused .label-name', { hasText: label }).waitFor({ timeout: 30_000 });
}

describe('the editor knows its cells run on Node', () => {
  const started = serveAndBrowser();

  for (const scheme of ['light', 'dark'] as const) {
    test(`Node's types are known and the DOM's are not (${scheme})`, async () => {
      const page = await openPage(started.browser, started.tessera.url, scheme);
      await addCodeCell(page, "import { readFileSync } from 'node:fs';\nconst text: string = readFileSync('data.csv', 'utf8');\nconst buffer = Buffer.from(text).subarray(1);\nprocess.memoryUsage().heapUsed.toFixed();\ndocument.title;");
      await makeTypeScript(page, 0);
      const cell = codeCells(page).nth(0);
      await cell.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
      // Let the checks of the cell settle: one error, on `document`.
      await page.waitForTimeout(1500);
      assert.equal(await cell.locator('.squiggly-error').count(), 1, 'only `document` is flagged');
      const span = cell.locator('.view-line span span', { hasText: 'document' }).first();
      await span.hover();
      const hover = page.locator('.monaco-hover:visible .monaco-hover-content', { hasText: /\S/ }).first();
      await hover.waitFor({ timeout: 30_000 });
      assert.match((await hover.textContent()) ?? '', /Cannot find name 'document': cells run on Node, which has no DOM/);
      await screenshot(page, `node-types-${scheme}`);
      // A Node module's members complete.
      await page.mouse.move(0, 0);
      await cell.locator('.monaco-editor').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('buffer.readUInt');
      assert.ok((await suggestions(page)).some((label) => label.startsWith('readUInt16')), 'Buffer methods complete');
      await page.context().close();
    });
  }

  test('the display API is declared, with its types, and completes', async () => {
    const page = await openPage(started.browser, started.tessera.url);
    await addCodeCell(page, "const shown = html`<b>${1}</b>`;\nmd('# hi');\njson({ a: 1 });\ntable([{ a: 1 }]);\nimage(new Uint8Array(4), 'image/png');\ndisplay(shown, 2);\nconst nothing: number = display(1);");
    await makeTypeScript(page, 0);
    const cell = codeCells(page).nth(0);
    // `display` returns nothing: assigning it to a number is the one error.
    await cell.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    assert.equal(await cell.locator('.squiggly-error').count(), 1);
    await cell.locator('.monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('tab');
    assert.ok((await suggestions(page)).includes('table'));
    await screenshot(page, 'display-api-light');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  test('names of the cells above complete in a new cell, and after a switch of language', async () => {
    const page = await openPage(started.browser, started.tessera.url);
    await addCodeCell(page, 'const planetRadius = 6371;\nfunction orbitPeriod(days) { return days; }');
    // A new cell, typed into at once.
    await page.locator('.setup-section .insert-bar').last().getByRole('button', { name: '+ Code' }).click();
    await codeCells(page).nth(1).locator('.monaco-editor textarea').waitFor({ state: 'attached' });
    await page.keyboard.type('const radius = planetR');
    assert.ok((await suggestions(page)).includes('planetRadius'), 'a new cell completes a name from above');
    await page.keyboard.press('Escape');
    // The same cell, switched to TypeScript, then typed into again.
    await makeTypeScript(page, 1);
    await codeCells(page).nth(1).locator('.monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('orbitP');
    assert.ok((await suggestions(page)).includes('orbitPeriod'), 'a cell switched to TypeScript completes a name from above');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  test('Enter at the end of a line ends the line: it takes no suggestion the user did not ask for', async () => {
    const page = await openPage(started.browser, started.tessera.url);
    await addCodeCell(page, 'const planetRadius = 6371;');
    await addCodeCell(page, '');
    await page.keyboard.type('const r = planetR');
    await suggestions(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type('r');
    await assertEditorText(page, 1, 'const r = planetR\nr');
    // Asked for with Ctrl+Space, a suggestion is taken with Enter; Tab takes one anyway.
    // (`planetRa`: the word `planetR` of the line above would come first, JavaScript's words of the file.)
    await page.keyboard.press('Backspace');
    await page.keyboard.type('planetRa');
    await suggestion(page, 'planetRadius');
    await page.keyboard.press('Escape');
    await page.locator('.suggest-widget.visible').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Space');
    await suggestion(page, 'planetRadius');
    await page.keyboard.press('Enter');
    await page.keyboard.type(' + planetRa');
    await suggestion(page, 'planetRadius');
    await page.keyboard.press('Tab');
    await assertEditorText(page, 1, 'const r = planetR\nplanetRadius + planetRadius');
    await page.context().close();
  });
});
