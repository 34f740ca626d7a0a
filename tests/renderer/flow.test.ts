/**
 * The notebook as people use it, never stuck and never lost (issue 14): a failed cell does not
 * block the cells below it, cells say when they will run again, errors point at their line and
 * their cell's number, and the status says what a runtime's end cost. Real `tessera serve`, real
 * runtimes, real Chromium.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addCodeCell, codeCells, openPage, outputText, screenshot, serveAndBrowser, waitForState } from './harness.ts';

/** Runs the code cell at `index` with Ctrl+Enter from its editor. */
async function runCell(page: Page, index: number): Promise<void> {
  await codeCells(page).nth(index).locator('.monaco-editor').click();
  await page.keyboard.press('Control+Enter');
}

describe('a notebook that keeps going', () => {
  const suite = serveAndBrowser();

  for (const theme of ['light', 'dark'] as const) {
    test(`a cell below a failed cell runs, passing over it with a quiet note (${theme})`, async () => {
      const page = await openPage(suite.browser, suite.tessera.url, theme);
      await addCodeCell(page, 'const base = 2;');
      await addCodeCell(page, 'const broken = notDefinedAnywhere;');
      await addCodeCell(page, 'typeof broken + " " + base');
      await runCell(page, 1);
      await waitForState(page, 1, 'errored');
      await runCell(page, 2);
      await waitForState(page, 2, 'evaluated');
      // The failed cell was not run again: it still shows its one error, and the cell below saw
      // the names of the cell above it, not those of the failed cell.
      await waitForState(page, 1, 'errored');
      assert.match(await outputText(page, 2), /undefined 2/);
      const note = codeCells(page).nth(2).locator('[data-note="passed-over"]');
      assert.equal(await note.textContent(), 'cell 2 above failed: its names are not defined here');
      // Each code cell shows the number stack traces use.
      assert.equal(await codeCells(page).nth(1).locator('.cell-number').textContent(), 'cell 2');
      assert.match(await outputText(page, 1), /at cell 2:1/);
      await screenshot(page, `flow-passed-over-${theme}`);
      await page.context().close();
    });
  }

  test('cells that are not up to date say they will re-run, before anything is pressed', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    await addCodeCell(page, 'let n = 1;');
    await addCodeCell(page, 'const other = 5;');
    await addCodeCell(page, 'other * 2');
    await runCell(page, 2);
    await waitForState(page, 2, 'evaluated');
    assert.equal(await page.locator('[data-will-rerun]').count(), 0);
    // Re-running the first cell leaves the others' results right (they do not read `n`), but
    // their bindings carry its old evaluation: they run again before anything starts from them.
    await runCell(page, 0);
    await waitForState(page, 0, 'evaluated');
    await codeCells(page).nth(1).locator('[data-will-rerun]').waitFor();
    await codeCells(page).nth(2).locator('[data-will-rerun]').waitFor();
    assert.equal(await codeCells(page).nth(0).locator('[data-will-rerun]').count(), 0);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `flow-will-rerun-${theme}`);
    }
    await page.context().close();
  });

  test('the status says there is no runtime, not that it is down, before the first run and after Disconnect', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    const state = page.locator('.runtime-state');
    assert.equal(await state.textContent(), 'No runtime — the first run starts one');
    await addCodeCell(page, '1 + 1');
    await runCell(page, 0);
    await waitForState(page, 0, 'evaluated');
    await page.locator('.status-bar').getByRole('button', { name: 'Disconnect' }).click();
    await page.locator('.runtime-state[data-runtime-state="disconnected"]').waitFor();
    assert.equal(await state.textContent(), 'No runtime — the first run starts one');
    // Its evaluation went with the runtime: the cell says so, without an error's red.
    await waitForState(page, 0, 'aborted');
    assert.equal(await codeCells(page).nth(0).locator('.status-label').textContent(), 'Not run since restart');
    await page.context().close();
  });

  test('a hard stop says the bindings were lost and the cells must run again', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    await addCodeCell(page, 'const kept = 1;');
    await addCodeCell(page, '/(a+)+$/.test("a".repeat(40) + "b")');
    await runCell(page, 1);
    await waitForState(page, 1, 'evaluating', 30_000);
    await page.locator('.status-bar').getByRole('button', { name: '■ Stop' }).click();
    // Both cells' evaluations went with the container: neither is an error of its own.
    await waitForState(page, 1, 'aborted', 30_000);
    await waitForState(page, 0, 'aborted');
    const notice = page.locator('.status-notice');
    assert.match((await notice.textContent()) ?? '', /bindings of its cells are lost\. Its cells must run again/);
    assert.equal(await codeCells(page).nth(0).locator('.status-label').textContent(), 'Not run since restart');
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `flow-hard-stop-${theme}`);
    }
    await page.context().close();
  });

  test('Restart asks first; Restart and run all and Clear all outputs are in the palette', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    await addCodeCell(page, 'performance.timeOrigin + performance.now()');
    await runCell(page, 0);
    await waitForState(page, 0, 'evaluated');
    const before = await outputText(page, 0);
    await page.locator('.status-bar').getByRole('button', { name: 'Restart' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Restart the runtime?').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await codeCells(page).nth(0).locator('.cell-status').getAttribute('data-state'), 'evaluated');

    const palette = async (title: string) => {
      await page.keyboard.press('Control+Shift+P');
      await page.getByRole('textbox', { name: 'Search commands' }).fill(title);
      await page.keyboard.press('Enter');
    };
    await palette('Restart the runtime and run all');
    await dialog.getByRole('button', { name: 'Restart and run all' }).click();
    // The cell ran again in the new runtime: its value is a later time (its lost state may pass too fast to see).
    for (let tries = 0; ; tries++) {
      const cell = codeCells(page).nth(0);
      const state = await cell.locator('.cell-status').getAttribute('data-state');
      const shown = (await cell.locator('.cell-outputs').count()) > 0 ? await outputText(page, 0) : '';
      if (state === 'evaluated' && shown !== '' && shown !== before) break;
      assert.ok(tries < 600, `the cell did not run again (${state}, ${shown})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await palette('Clear all outputs');
    await codeCells(page).nth(0).locator('.cell-outputs').waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('replacing unsaved work asks Save / Don’t Save / Cancel, with Save as the default', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    await addCodeCell(page, 'const draft = "unsaved";');
    await page.locator('.toolbar').getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Save', exact: true }).waitFor();
    assert.equal(await page.locator(':focus').textContent(), 'Save');
    assert.deepEqual(await dialog.getByRole('button').allTextContents(), ['Cancel', 'Don’t Save', 'Save']);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await screenshot(page, `flow-unsaved-prompt-${theme}`);
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.match((await codeCells(page).nth(0).locator('.view-lines').textContent()) ?? '', /draft/);
    await page.locator('.toolbar').getByRole('button', { name: 'New', exact: true }).click();
    await dialog.getByRole('button', { name: 'Don’t Save' }).click();
    await codeCells(page).filter({ hasText: 'draft' }).waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('closing a tab with unsaved work warns, and the next page offers the work back', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    await addCodeCell(page, 'const survivor = "typed before the tab closed";');
    const warned = new Promise<string>((resolve) => {
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      });
      // A page that does not ask closes at once: the test must then fail, not wait for ever.
      page.once('close', () => resolve('closed without asking'));
    });
    await page.close({ runBeforeUnload: true });
    assert.equal(await warned, 'beforeunload');
    const next = await openPage(suite.browser, suite.tessera.url, 'light', true);
    const prompt = next.getByRole('dialog', { name: 'Recover unsaved work' });
    await prompt.waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await next.emulateMedia({ colorScheme: theme });
      await screenshot(next, `flow-recovery-${theme}`);
    }
    await prompt.getByRole('button', { name: 'Restore' }).first().click();
    await next.getByText('typed before the tab closed').first().waitFor();
    await next.context().close();
  });

  test('errors say what caused them and where: fetch’s cause, the failing line of a TypeScript cell', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    await addCodeCell(page, 'await fetch("http://127.0.0.1:9/")');
    await runCell(page, 0);
    await waitForState(page, 0, 'errored');
    assert.match(await outputText(page, 0), /fetch failed[\s\S]*\[cause\]: Error: bad port/);
    await addCodeCell(page, 'const fine: number = 1;\nconst wrong = missingName + fine;');
    await codeCells(page).nth(1).getByRole('button', { name: 'JS' }).click();
    await runCell(page, 1);
    await waitForState(page, 1, 'errored');
    assert.match(await outputText(page, 1), /at cell 2:2:/);
    await codeCells(page).nth(1).locator('.editor-error-line').waitFor();
    await page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`declarations show no undefined; Copy and Clear sit beside outputs; a table copies as TSV (${theme})`, async () => {
      const page = await openPage(suite.browser, suite.tessera.url, theme);
      await addCodeCell(page, 'const rows = [{ name: "ada", born: 1815 }, { name: "alan", born: 1912 }];');
      await addCodeCell(page, 'console.log("first line of output that runs all the way to the right edge of the cell, where the buttons used to float over it");\ndisplay(table(rows));\nrows.length');
      await runCell(page, 1);
      await waitForState(page, 1, 'evaluated');
      await waitForState(page, 0, 'evaluated');
      assert.equal(await codeCells(page).nth(0).locator('.cell-outputs').count(), 0);
      await codeCells(page).nth(1).locator('[data-output="value"]').getByText('2').waitFor();
      const outputs = codeCells(page).nth(1).locator('.cell-outputs');
      await outputs.hover();
      const actions = await outputs.locator('.output-actions').boundingBox();
      for (const output of await outputs.locator('.output').all()) {
        const box = (await output.boundingBox())!;
        assert.ok(actions!.x >= box.x + box.width, 'Copy and Clear cover an output');
      }
      await screenshot(page, `flow-outputs-${theme}`);
      await codeCells(page).nth(0).locator('.monaco-editor').click();
      await addCodeCell(page, 'table(rows)');
      await runCell(page, 2);
      await waitForState(page, 2, 'evaluated');
      await codeCells(page).nth(2).locator('.cell-outputs').hover();
      await codeCells(page).nth(2).getByRole('button', { name: 'Copy' }).click();
      await codeCells(page).nth(2).getByRole('button', { name: 'Copied' }).waitFor();
      const clipboard = () => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText();
      assert.equal(await page.evaluate(clipboard), 'name\tborn\nada\t1815\nalan\t1912');
      await page.context().close();
    });
  }
});
