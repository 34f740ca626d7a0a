/**
 * `tessera serve`'s file browser, against a real host: Open and Save as list the folder serve was
 * started in and those below it.
 */

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openPage, screenshot, serveAndBrowser } from './harness.ts';

describe("tessera serve's file browser", () => {
  const started = serveAndBrowser();

  for (const scheme of ['light', 'dark'] as const) {
    test(`Open lists the folders and notebooks, and a click opens one (${scheme})`, async () => {
      const folder = join(started.tessera.dir, `projects-${scheme}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'orbits.tsnb'), '# Orbits\n\n```js\n1 + 1\n```\n');
      writeFileSync(join(folder, 'readme.txt'), 'not a notebook');
      const page = await openPage(started.browser, started.tessera.url, scheme);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const files = page.getByRole('dialog').getByRole('list', { name: /^Files in / });
      await files.getByRole('button', { name: `projects-${scheme}/` }).click();
      await page.getByRole('list', { name: new RegExp(`Files in .* / projects-${scheme}$`) }).waitFor();
      assert.deepEqual(await page.getByRole('list', { name: /^Files in / }).getByRole('button').allTextContents(), ['orbits.tsnb']);
      await screenshot(page, `file-browser-${scheme}`);
      await page.getByRole('button', { name: 'orbits.tsnb', exact: true }).click();
      await page.locator('.notebook-title[value="Orbits"]').waitFor();
      await page.context().close();
    });
  }

  test('Save as puts the name in the folder chosen; Up goes back, never above the root', async () => {
    mkdirSync(join(started.tessera.dir, 'saved'), { recursive: true });
    const page = await openPage(started.browser, started.tessera.url);
    await page.getByRole('button', { name: 'More ▾' }).or(page.getByRole('button', { name: 'Save as', exact: true })).first().click();
    const menuItem = page.getByRole('menuitem', { name: 'Save as' });
    if (await menuItem.isVisible()) await menuItem.click();
    await page.getByRole('dialog').getByRole('button', { name: 'saved/', exact: true }).click();
    await page.locator('.folder-path', { hasText: / \/ saved$/ }).waitFor();
    await page.getByText('No notebooks or folders here.').waitFor();
    const field = page.getByLabel('File path');
    assert.equal(await field.inputValue(), join(started.tessera.dir, 'saved', 'notebook.tsnb'));
    await page.getByRole('button', { name: '↑ Up' }).click();
    await page.getByRole('button', { name: 'saved/', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: '↑ Up' }).count(), 0, 'nothing above the root');
    await page.getByRole('button', { name: 'saved/', exact: true }).click();
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.locator('.toolbar', { hasText: 'notebook.tsnb' }).waitFor();
    await page.context().close();
  });
});
