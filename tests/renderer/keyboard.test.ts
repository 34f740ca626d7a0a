/**
 * The notebook by keyboard, against a real `tessera serve` host: Jupyter's command mode, the page
 * following the cursor and the active cell, and the title as typed.
 */

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addCodeCell, codeCells, openPage, openPath, screenshot, serveAndBrowser } from './harness.ts';

/**
 * The page's document as the functions run in the page use it: the tests are built without the
 * DOM library, and this module-level declaration types only what they touch.
 */
interface PageElement {
  readonly classList: { contains(name: string): boolean };
  closest(selector: string): PageElement | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly top: number; readonly bottom: number };
}
declare const document: {
  readonly activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
};

/** Polls `predicate` in the page from here: the page's policy forbids the eval a waitForFunction needs. */
async function until<Arg>(page: Page, predicate: (arg: Arg) => boolean, arg: Arg, what = 'the page never got there'): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate(predicate as (arg: unknown) => boolean, arg))) {
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const cellCount = (page: Page, count: number) => until(page, (count) => document.querySelectorAll('.cell').length === count, count, `never ${count} cells`);

/** The kinds of the page's cells, in order: `c` for code, `m` for Markdown. */
async function kinds(page: Page): Promise<string> {
  const all = await page.locator('.cell').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-cell-kind')));
  return all.map((kind) => (kind === 'code' ? 'c' : 'm')).join('');
}

/** The index of the cell that has the keyboard (itself or its editor), or -1. */
async function activeIndex(page: Page): Promise<number> {
  return page.locator('.cell').evaluateAll((cells) => cells.findIndex((cell) => document.activeElement !== null && cell.contains(document.activeElement as never)));
}

async function editorHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => (document.activeElement?.closest('.monaco-editor') ?? null) !== null);
}

/**
 * Whether the box of what `selector` finds lies inside the part of the window between the toolbar
 * and the status bar — at once or within a few seconds: the page follows at its next frame.
 */
async function inView(page: Page, selector: string): Promise<boolean> {
  return until(page, inViewNow, selector).then(
    () => true,
    () => false,
  );
}

/** Runs in the page. */
function inViewNow(selector: string): boolean {
  const target = document.querySelector(selector);
  const toolbar = document.querySelector('.toolbar');
  const status = document.querySelector('.status-bar');
  if (target === null || toolbar === null || status === null) return false;
  const box = target.getBoundingClientRect();
  return box.top >= toolbar.getBoundingClientRect().bottom - 1 && box.bottom <= status.getBoundingClientRect().top + 1;
}

const threeCells = `# Keys

\`\`\`js
const one = 1;
\`\`\`

\`\`\`js
const two = 2;
\`\`\`

\`\`\`js
const three = 3;
\`\`\`
`;

describe('the notebook by keyboard', () => {
  const started = serveAndBrowser();

  const openThree = async (name: string, scheme: 'light' | 'dark' = 'light') => {
    const path = join(started.tessera.dir, `${name}.tsnb`);
    writeFileSync(path, threeCells);
    const page = await openPage(started.browser, started.tessera.url, scheme);
    await openPath(page, path);
    await page.locator('.notebook-title[value="Keys"]').waitFor();
    return page;
  };

  test('the first cell is active after a notebook loads: command-mode keys act on it at once', async () => {
    const page = await openThree('first-active');
    await page.locator('.cell.focused').first().waitFor();
    assert.equal(await activeIndex(page), 0);
    await page.keyboard.press('b');
    await cellCount(page, 4);
    assert.equal(await activeIndex(page), 1, 'B inserted below the first cell and the new cell is active');
    await page.context().close();
  });

  test('command mode: Esc, J/K and arrows, A/B, M/Y, D D, Enter and Shift+Enter', async () => {
    const page = await openThree('command-mode');
    await page.locator('.cell.focused').first().waitFor();
    // Enter edits; Escape leaves the editor for command mode.
    await page.keyboard.press('Enter');
    await until(page, () => document.activeElement?.closest('.monaco-editor') != null, undefined);
    await page.keyboard.press('Escape');
    await until(page, () => document.activeElement?.classList.contains('cell') === true, undefined);
    assert.equal(await activeIndex(page), 0);
    // J and ↓ go down, K and ↑ up.
    await page.keyboard.press('j');
    assert.equal(await activeIndex(page), 1);
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeIndex(page), 2);
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    assert.equal(await activeIndex(page), 0);
    // A inserts above and B below, and the new cell is active in command mode, as in Jupyter.
    await page.keyboard.press('a');
    await cellCount(page, 4);
    assert.equal(await activeIndex(page), 0);
    assert.equal(await editorHasFocus(page), false, 'a new cell is in command mode');
    // M makes it Markdown, Y code again.
    await page.keyboard.press('m');
    await until(page, () => document.querySelector('.cell')?.getAttribute('data-cell-kind') === 'markdown', undefined);
    assert.equal(await kinds(page), 'mccc');
    assert.equal(await activeIndex(page), 0, 'the converted cell keeps the keyboard');
    await page.keyboard.press('y');
    await until(page, () => document.querySelector('.cell')?.getAttribute('data-cell-kind') === 'code', undefined);
    assert.equal(await kinds(page), 'cccc');
    // A code cell with source becomes Markdown with that source.
    await page.keyboard.press('j');
    await page.keyboard.press('m');
    await page.locator('.cell').nth(1).locator('.markdown-body, .markdown-source', { hasText: 'const one = 1;' }).first().waitFor();
    await page.keyboard.press('y');
    await codeCells(page).nth(1).locator('.view-lines, .static-source', { hasText: 'const one = 1;' }).first().waitFor();
    // One D deletes nothing; D D deletes, and the neighbour below is active and focused.
    await page.keyboard.press('d');
    assert.equal(await page.locator('.cell').count(), 4);
    await page.keyboard.press('d');
    await cellCount(page, 3);
    assert.equal(await activeIndex(page), 1);
    assert.match((await codeCells(page).nth(1).textContent()) ?? '', /two/);
    // D, another key, D: no deletion.
    await page.keyboard.press('d');
    await page.keyboard.press('j');
    await page.keyboard.press('d');
    assert.equal(await page.locator('.cell').count(), 3);
    // Deleting the last cell makes the one above active.
    await page.keyboard.press('d');
    await cellCount(page, 2);
    assert.equal(await activeIndex(page), 1);
    assert.match((await codeCells(page).nth(1).textContent()) ?? '', /two/);
    // Shift+Enter runs and goes to the next cell, adding one at the end.
    await page.keyboard.press('Shift+Enter');
    await codeCells(page).nth(1).locator('.cell-status[data-state="evaluated"]').waitFor({ timeout: 30_000 });
    await cellCount(page, 3);
    await screenshot(page, 'command-mode-light');
    await page.context().close();
  });

  test('a cell deleted from its toolbar leaves its neighbour active and focused', async () => {
    const page = await openThree('toolbar-delete');
    const second = codeCells(page).nth(1);
    await second.hover();
    await second.getByRole('button', { name: 'Delete cell' }).click();
    await cellCount(page, 2);
    assert.equal(await activeIndex(page), 1);
    await page.context().close();
  });

  test('Tab in command mode never indents the code', async () => {
    const page = await openThree('tab');
    await page.locator('.cell.focused').first().waitFor();
    await codeCells(page).nth(0).locator('.monaco-editor').waitFor();
    for (let press = 0; press < 12; press++) await page.keyboard.press('Tab');
    for (let index = 0; index < 3; index++) {
      const text = (await codeCells(page).nth(index).locator('.view-lines').textContent()) ?? '';
      assert.doesNotMatch(text.replaceAll('\u00a0', ' '), /^\s/, `cell ${index} is not indented`);
    }
    assert.equal(await editorHasFocus(page), false, 'Tab does not enter an editor');
    await page.context().close();
  });

  test('Escape closes the palette and the bin', async () => {
    const page = await openThree('escape');
    await page.locator('.cell.focused').first().waitFor();
    await page.getByRole('button', { name: /Bin/ }).click();
    await page.getByRole('complementary', { name: 'Bin' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('complementary', { name: 'Bin' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Shift+P');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('the palette lists the command-mode keys', async () => {
    const page = await openThree('palette-keys');
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const keyOf = async (title: RegExp) => (await palette.getByRole('option', { name: title }).locator('kbd').allTextContents()).join(' | ');
    assert.equal(await keyOf(/^Delete the focused cell/), 'D D | Delete');
    assert.equal(await keyOf(/^Make the focused cell Markdown/), 'M');
    assert.equal(await keyOf(/^Make the focused cell code/), 'Y');
    assert.equal(await keyOf(/^Insert a code cell above/), 'A');
    assert.equal(await keyOf(/^Insert a code cell below/), 'B');
    assert.equal(await keyOf(/^Focus the next cell/), 'J | ↓');
    assert.equal(await keyOf(/^Focus the previous cell/), 'K | ↑');
    assert.equal(await keyOf(/^Leave the editor/), 'Escape');
    await screenshot(page, 'palette-keys-light');
    await page.context().close();
  });

  test('the title keeps its spaces as they are typed', async () => {
    const page = await openThree('title');
    const title = page.locator('.notebook-title');
    await title.click();
    await title.press('Control+a');
    await page.keyboard.type('My analysis ');
    await page.keyboard.type('of data');
    assert.equal(await title.inputValue(), 'My analysis of data');
    await page.keyboard.press('Tab');
    assert.equal(await title.inputValue(), 'My analysis of data');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.toolbar', { hasText: 'title.tsnb' }).waitFor();
    await page.context().close();
  });

  test('the page follows the cursor while typing, and Shift+Enter on the last cell shows the new cell', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPage(started.browser, started.tessera.url, scheme);
      await addCodeCell(page, 'const start = 0;');
      // Lines typed one by one, past the bottom of the window.
      for (let line = 0; line < 60; line++) await page.keyboard.press('Enter');
      await page.keyboard.type('const typed = 1;');
      assert.ok(await inView(page, '.cell.editing .cursor'), 'the cursor is in view after typing past the bottom');
      // Shift+Enter on the last cell adds a cell; it shows above the status bar.
      await page.keyboard.press('Shift+Enter');
      await cellCount(page, 2);
      await page.locator('.cell.editing .monaco-editor').waitFor();
      // Scrolling into view may animate a frame or two.
      await until(page, () => {
        const cell = document.querySelectorAll('.cell')[1]?.getBoundingClientRect();
        const status = document.querySelector('.status-bar')?.getBoundingClientRect();
        return cell !== undefined && status !== undefined && cell.bottom <= status.top + 1;
      }, undefined, 'the new cell stays under the status bar');
      assert.ok(await inView(page, '.cell.editing .cursor'));
      // Markdown typed near the bottom stays in view too.
      await page.keyboard.press('Escape');
      await page.keyboard.press('m');
      await page.keyboard.press('Enter');
      for (let line = 0; line < 40; line++) await page.keyboard.press('Enter');
      await page.keyboard.type('the end of the note');
      assert.ok(await inView(page, '.cell.editing .cursor'), 'the cursor of a Markdown cell is in view');
      await screenshot(page, `follow-cursor-${scheme}`);
      await page.context().close();
    }
  });
});
