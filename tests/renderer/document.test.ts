/**
 * The notebook UI as an editor of documents, against a real `tessera serve` host: Markdown,
 * sections, cross-cell IntelliSense, the command palette, themes, files, recovery, long outputs
 * and a 1 000-cell notebook.
 */

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addCodeCell, codeCells, launchChromium, openPage, openPath, outputText, putOffRecovery, screenshot, startTessera, waitForState, waitForTitle, type Tessera } from './harness.ts';

const tour = `# A tour of Tessera

Prose is **Markdown**, with maths: $e^{i\\pi} + 1 = 0$ and

$$\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$$

| cell | kind |
| ---- | ---- |
| one  | code |

\`\`\`ts
const planets: string[] = ['Mercury', 'Venus', 'Earth'];
planets.length
\`\`\`

## Colours

\`\`\`js
console.log('\\u001b[31mred\\u001b[0m \\u001b[1;32mbold green\\u001b[0m \\u001b[34mblue\\u001b[0m');
console.error('a warning on stderr');
throw new TypeError('no such planet');
\`\`\`
`;

describe('documents in the notebook UI', () => {
  let tessera: Tessera;
  let browser: Browser;

  const freshPage = (scheme: 'light' | 'dark' = 'light') => openPage(browser, tessera.url, scheme);

  before(async () => {
    [tessera, browser] = await Promise.all([startTessera(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await tessera?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`a notebook with Markdown, maths, sections and outputs renders in the ${scheme} theme`, async () => {
      const path = join(tessera.dir, `tour-${scheme}.tsnb`);
      writeFileSync(path, tour);
      const page = await freshPage(scheme);
      await openPath(page, path);
      await page.locator('.katex').first().waitFor();
      assert.equal(await page.locator('.notebook-title').inputValue(), 'A tour of Tessera');
      assert.equal(await page.locator('.section-title').textContent(), 'Colours');
      await page.getByRole('button', { name: '▶ Run all' }).click();
      await waitForState(page, 1, 'errored', 30_000);
      const colours = codeCells(page).nth(1);
      assert.equal(await colours.locator('.ansi-fg-1', { hasText: 'red' }).count(), 1);
      assert.equal(await colours.locator('.ansi-bold.ansi-fg-2').count(), 1);
      assert.match(await outputText(page, 1), /TypeError: no such planet/);
      // The failing line is marked in the editor.
      await colours.locator('.editor-error-line').waitFor();
      await screenshot(page, `tour-${scheme}`);
      await page.context().close();
    });
  }

  test('a name declared in a cell above completes in the cell below, and re-declaring it is no error', async () => {
    const page = await freshPage();
    await addCodeCell(page, 'const orbit = { radius: 1, period: 365 };');
    await addCodeCell(page, 'orbit');
    await page.keyboard.insertText('.');
    await page.locator('.suggest-widget .monaco-list-row', { hasText: 'period' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'intellisense-light');
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('period');
    // A later cell re-declares `orbit` (the runtime shadows it) next to a real type error.
    await addCodeCell(page, 'const orbit = 2;\nconst wrong: number = "text";');
    // The new notebook's cells are JavaScript: make this one TypeScript for its type annotation.
    await codeCells(page).nth(2).getByRole('button', { name: 'JS', exact: true }).click();
    const third = codeCells(page).nth(2);
    await third.locator('.monaco-editor').waitFor();
    await third.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    assert.equal(await third.locator('.squiggly-error').count(), 1, 'only the type error is flagged');
    assert.equal(await codeCells(page).nth(0).locator('.squiggly-error').count(), 0);
    // Type errors never block running.
    await third.locator('.run-button').click();
    await waitForState(page, 2, 'evaluated', 30_000);
    await page.context().close();
  });

  test('a cell sees the names of the cells above it, the latest declaration winning, and none below', async () => {
    const page = await freshPage();
    /** Hovers over `word` in the cell (Monaco draws a run of same-coloured tokens as one span). */
    const hoverText = async (cell: number, word: string) => {
      const span = codeCells(page).nth(cell).locator('.view-line span span', { hasText: word }).first();
      const [box, text] = await Promise.all([span.boundingBox(), span.textContent()]);
      assert.ok(box !== null && text !== null, `"${word}" is drawn in cell ${cell}`);
      const charWidth = box.width / text.length;
      await page.mouse.move(box.x + (text.indexOf(word) + 1) * charWidth, box.y + box.height / 2);
      // Not Monaco's "Loading..." while the worker answers.
      const hover = page.locator('.monaco-hover:visible .monaco-hover-content', { hasText: /\S/, hasNotText: /^Loading/ }).first();
      await hover.waitFor({ timeout: 30_000 });
      const shown = (await hover.textContent()) ?? '';
      await page.mouse.move(0, 0);
      await page.locator('.monaco-hover:visible').waitFor({ state: 'hidden', timeout: 5_000 });
      return shown;
    };
    await addCodeCell(page, "const planet = { name: 'Earth', moons: 1 };\nlet visits = 0;\nconst probes = 3;\nconst comet = 'Halley';");
    await addCodeCell(page, "const planet = 'Mars';");
    await addCodeCell(page, 'visits = visits + 1;\nprobes = 4;\nplanet.length + spacecraft;');
    await addCodeCell(page, 'const spacecraft = 2;\nlet spacecraft = 3;');
    // TypeScript cells, for their type errors (JavaScript cells are not type-checked).
    for (const index of [0, 1, 2, 3]) await codeCells(page).nth(index).getByRole('button', { name: 'JS', exact: true }).click();
    const third = codeCells(page).nth(2);
    await third.locator('.monaco-editor').waitFor();

    // The re-declared name hovers with the type of its latest declaration, as a binding, not an import.
    const hover = await hoverText(2, 'planet');
    assert.match(hover, /const planet: "Mars"|const planet: string/);
    assert.doesNotMatch(hover, /alias|import/);
    // A name declared below is unknown here; `let` from above can be assigned, a constant not.
    await third.locator('.squiggly-error').nth(1).waitFor({ timeout: 30_000 });
    assert.equal(await third.locator('.squiggly-error').count(), 2, 'the constant assigned and the name from below are flagged, nothing else');
    // Declaring a name twice in one cell is the error it is when the cell runs.
    await codeCells(page).nth(3).locator('.squiggly-error').nth(1).waitFor({ timeout: 30_000 });
    const spacecraftHover = await hoverText(2, 'spacecraft');
    assert.match(spacecraftHover, /Cannot find name 'spacecraft'/);
    const probesHover = await hoverText(2, 'probes');
    assert.match(probesHover, /Cannot assign to 'probes' because it is a constant/);

    // Completion offers the names above, the latest declaration's members.
    await third.locator('.monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\nplanet.toU');
    await page.locator('.suggest-widget .monaco-list-row', { hasText: 'toUpperCase' }).first().waitFor({ timeout: 30_000 });
    // A name from above that the cell does not mention yet completes too, with its type.
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('pperCase();\ncom');
    await page.locator('.suggest-widget .monaco-list-row', { hasText: 'const comet: "Halley"' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'intellisense-scope-light');
    await page.context().close();
  });

  /**
   * Opens a notebook of TypeScript cells, `uses` in the last and `defines` in the first, fillers
   * between (far enough that the first cell's editor goes), with the cursor at the last cell's start.
   */
  async function openFarApart(name: string, defines: string, uses: Readonly<Record<number, string>>, count: number) {
    const cells = Array.from({ length: count }, (_, i) => (i === 0 ? defines : (uses[i] ?? `const filler${i} = ${i};`)));
    const path = join(tessera.dir, `${name}.tsnb`);
    writeFileSync(path, `# ${name}\n\n` + cells.map((source) => '```ts\n' + source + '\n```').join('\n\n') + '\n');
    const page = await freshPage();
    await openPath(page, path);
    const last = codeCells(page).nth(count - 1);
    await last.scrollIntoViewIfNeeded();
    await last.locator('.view-lines', { hasText: uses[count - 1] ?? '' }).waitFor();
    await last.locator('.monaco-editor').click();
    await page.keyboard.press('Control+Home');
    return { page, path, last };
  }

  test('renaming a name renames it in every cell that uses it, those without an editor too, and the file says so', async () => {
    const { page, path, last } = await openFarApart('rename', 'const orbit = 1;', { 20: 'orbit + 20', 39: 'orbit * 2' }, 40);
    // Far from the first cell (whose editor went) and from cell 20 (which never had one).
    assert.equal(await codeCells(page).nth(20).locator('.monaco-editor').count(), 0, 'cell 20 has no editor');
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input');
    await input.waitFor({ timeout: 30_000 });
    await input.fill('radius');
    await page.keyboard.press('Enter');
    await last.locator('.view-lines', { hasText: 'radius * 2' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+s');
    await waitForTitle(page, (title) => !title.startsWith('•'));
    const saved = readFileSync(path, 'utf8');
    assert.match(saved, /const radius = 1;/);
    assert.match(saved, /radius \+ 20/);
    assert.match(saved, /radius \* 2/);
    assert.doesNotMatch(saved, /orbit/);
    await page.context().close();
  });

  test('going to a definition in another cell goes to that cell, the cursor on the definition', async () => {
    const { page } = await openFarApart('definition', 'let filler = 0;\nconst orbit = 1;', { 29: 'orbit * 2' }, 30);
    await page.keyboard.press('F12');
    const first = codeCells(page).nth(0);
    await first.locator('.monaco-editor.focused').waitFor({ timeout: 30_000 });
    assert.ok(await first.isVisible());
    // The cursor is on the definition.
    await page.keyboard.insertText('my');
    await first.locator('.view-lines', { hasText: 'const myorbit = 1;' }).waitFor();
    await page.context().close();
  });

  test('the command palette lists every action with its shortcut', async () => {
    const page = await freshPage();
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    const titles = await palette.locator('[role="option"] > span').allTextContents();
    const shortcuts = await palette.locator('[role="option"] kbd').allTextContents();
    for (const title of ['Save', 'Run all cells that are not up to date', 'Restart the runtime (every binding is lost)…', 'Stop: interrupt the running cell and empty the queue']) {
      assert.ok(titles.includes(title), title);
    }
    assert.ok(shortcuts.includes('Ctrl+S') && shortcuts.includes('Shift+Enter') && shortcuts.includes('Alt+↑'), shortcuts.join(', '));
    await page.keyboard.insertText('add section');
    await screenshot(page, 'palette-light');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.section-title').count(), 1);
    await page.context().close();
  });

  test('sections are added, renamed, moved, folded, deleted and restored from the bin', async () => {
    const page = await freshPage();
    const titles = () => page.locator('.section-title').allTextContents();
    for (const title of ['Orbits', 'Moons']) {
      await page.getByRole('button', { name: '+ Section' }).last().click();
      await page.locator('.section-heading').last().getByRole('button', { name: 'Rename' }).click();
      await page.getByLabel('Section title').fill(title);
      await page.keyboard.press('Enter');
    }
    assert.deepEqual(await titles(), ['Orbits', 'Moons']);
    await page.locator('.section-heading').first().getByRole('button', { name: 'Move section down' }).click();
    assert.deepEqual(await titles(), ['Moons', 'Orbits']);
    // The palette moves the focused cell's section.
    const orbits = page.locator('.notebook-section:not(.setup-section)').nth(1);
    await orbits.locator('.insert-bar').getByRole('button', { name: '+ Code' }).click();
    await orbits.locator('.monaco-editor textarea').waitFor({ state: 'attached' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    await page.keyboard.insertText('section up');
    await page.keyboard.press('Enter');
    assert.deepEqual(await titles(), ['Orbits', 'Moons']);
    const fold = page.locator('.section-heading').first().locator('.fold-button');
    await fold.click();
    assert.equal(await fold.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('.section-count').textContent(), '1 cell');
    await page.locator('.section-heading').first().getByRole('button', { name: 'Delete' }).click();
    assert.deepEqual(await titles(), ['Moons']);
    await page.getByRole('button', { name: /^Bin/ }).click();
    await page.getByRole('button', { name: /Restore/ }).first().click();
    assert.deepEqual(await titles(), ['Orbits', 'Moons']);
    await page.context().close();
  });

  test('save, reopen: the same notebook; the title shows unsaved changes', async () => {
    const page = await freshPage();
    await page.locator('.notebook-title').fill('Round trip');
    assert.match(await page.title(), /^• Round trip/);
    await addCodeCell(page, 'const answer = 42;\nanswer');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '+ Section' }).last().click();
    await page.locator('.section-heading').getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Section title').fill('Results');
    await page.keyboard.press('Enter');
    const path = join(tessera.dir, 'round-trip.tsnb');
    await page.keyboard.press('Control+s');
    await page.getByLabel('File path').fill(path);
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await waitForTitle(page, (title) => !title.startsWith('•'));
    const saved = readFileSync(path, 'utf8');
    assert.match(saved, /Round trip/);
    assert.match(saved, /const answer = 42;/);
    assert.match(saved, /## Results/);

    const reopened = await freshPage();
    await openPath(reopened, path);
    await reopened.locator('.section-title', { hasText: 'Results' }).waitFor();
    assert.equal(await reopened.locator('.notebook-title').inputValue(), 'Round trip');
    await reopened.keyboard.press('Control+s');
    await waitForTitle(reopened, (title) => title.startsWith('Round trip'));
    assert.equal(readFileSync(path, 'utf8'), saved);
    await page.context().close();
    await reopened.context().close();
  });

  test('100 000 lines of output are virtualised', async () => {
    const page = await freshPage();
    await addCodeCell(page, 'for (let i = 0; i < 100000; i++) console.log("line " + i);');
    await page.keyboard.press('Control+Enter');
    await waitForState(page, 0, 'evaluated', 60_000);
    const lines = codeCells(page).nth(0).locator('.virtual-line');
    await codeCells(page).nth(0).locator('.virtual-line', { hasText: 'line 99999' }).waitFor();
    assert.ok((await lines.count()) < 200, 'only the lines in view are in the page');
    await page.context().close();
  });

  // How fast it opens and responds is measured by `npm run bench`; tests never assert timings.
  test('a 1 000-cell notebook opens, mounts editors only near the viewport, and responds', async () => {
    const parts = ['# A thousand cells'];
    for (let i = 0; i < 500; i++) parts.push(`Cell number **${i}**: some prose.`, '```js\nconst value' + i + ' = ' + i + ';\nvalue' + i + ' * 2\n```');
    const path = join(tessera.dir, 'thousand.tsnb');
    writeFileSync(path, parts.join('\n\n') + '\n');
    const page = await freshPage();
    await openPath(page, path);
    await page.locator('.cell').nth(999).waitFor({ state: 'attached' });
    assert.ok((await page.locator('.cell .monaco-editor').count()) < 60, 'editors only near the viewport');
    // It responds: jump to the end, edit the last cell in its editor, run the first cell.
    const last = codeCells(page).nth(499);
    await last.scrollIntoViewIfNeeded();
    await last.locator('.monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' + 1');
    await last.locator('.view-lines', { hasText: '+ 1' }).waitFor();
    await screenshot(page, 'thousand-cells-light');
    await codeCells(page).nth(0).scrollIntoViewIfNeeded();
    await codeCells(page).nth(0).locator('.run-button').click();
    await waitForState(page, 0, 'evaluated', 30_000);
    assert.match(await outputText(page, 0), /^.*0/);
    await page.context().close();
  });
  test('Markdown far down renders once drawn; in a browser that never says when it draws, from the start', async () => {
    const parts = ['# Far down'];
    // A code cell after each paragraph, so that each paragraph is a cell of its own.
    for (let i = 0; i < 200; i++) parts.push(`Paragraph **${i}**.`, '```js\n' + i + '\n```');
    const path = join(tessera.dir, 'far-down.tsnb');
    writeFileSync(path, parts.join('\n\n') + '\n');
    const lastRendered = async (page: Page) => {
      const last = page.locator('.markdown-body').last();
      return (await last.getAttribute('class'))?.includes('markdown-unrendered') === false && (await last.locator('strong').count()) === 1;
    };

    const page = await freshPage();
    await openPath(page, path);
    await page.locator('.cell').nth(399).waitFor({ state: 'attached' });
    assert.equal(await lastRendered(page), false, 'an undrawn cell waits');
    await page.locator('.markdown-body').last().scrollIntoViewIfNeeded();
    await page.locator('.markdown-body').last().locator('strong').waitFor();
    await page.context().close();

    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addInitScript('delete globalThis.ContentVisibilityAutoStateChangeEvent');
    const older = await context.newPage();
    await older.goto(tessera.url);
    await older.locator('.notebook-title').waitFor();
    await putOffRecovery(older);
    await openPath(older, path);
    await older.locator('.cell').nth(399).waitFor({ state: 'attached' });
    assert.equal(await lastRendered(older), true, 'rendered without ever being drawn');
    await context.close();
  });

  test('unsaved work is offered back from a backup when Tessera starts again', async () => {
    const first = await startTessera();
    const page = await openPage(browser, first.url);
    await page.locator('.notebook-title').fill('Unsaved thoughts');
    await waitForTitle(page, (title) => title.includes('Unsaved thoughts'));
    // The host backs the document up about a second after the edit.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await page.context().close();
    await first.close();
    const again = await startTessera(first.dir);
    try {
      const next = await openPage(browser, again.url, 'light', true);
      const prompt = next.getByRole('dialog', { name: 'Recover unsaved work' });
      await prompt.waitFor();
      await screenshot(next, 'recovery-light');
      await prompt.locator('.recovery-item').first().getByRole('button', { name: 'Restore' }).click();
      await waitForTitle(next, (title) => title.startsWith('• Unsaved thoughts'));
      await next.context().close();
    } finally {
      await again.close();
    }
  });
});
