/**
 * The window as it fits a screen, against a real `tessera serve` host: the toolbar from 800 px up
 * with its overflow menu, the favicon, and a page whose host went away.
 */

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openPage, openPath, screenshot, serveAndBrowser, startTessera } from './harness.ts';

interface Box {
  readonly left: number;
  readonly right: number;
}
declare const document: {
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  querySelector(selector: string): { readonly scrollWidth: number; readonly clientWidth: number } | null;
  querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): Box; readonly textContent: string | null }>;
};

/** Whether anything of the window scrolls sideways, and the toolbar's controls that stick out of it. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const toolbar = document.querySelector('.toolbar');
    const outside = Array.from(document.querySelectorAll('.toolbar button, .toolbar label'))
      .filter((control) => {
        const box = control.getBoundingClientRect();
        // Those hidden at this width have no box at all.
        return box.right > root.clientWidth || (box.left < 0 && box.right > 0);
      })
      .map((control) => control.textContent);
    return { sideways: root.scrollWidth > root.clientWidth || (toolbar !== null && toolbar.scrollWidth > toolbar.clientWidth), outside };
  });
}

describe('the window at the sizes people use', () => {
  const started = serveAndBrowser();

  const pageOfSize = async (width: number, height: number, scheme: 'light' | 'dark') => {
    const page = await openPage(started.browser, started.tessera.url, scheme);
    await page.setViewportSize({ width, height });
    return page;
  };

  for (const scheme of ['light', 'dark'] as const) {
    test(`at 800×600 the toolbar fits, and More holds the rest (${scheme})`, async () => {
      const page = await pageOfSize(800, 600, scheme);
      assert.deepEqual(await overflow(page), { sideways: false, outside: [] });
      for (const name of ['Open', 'Save', 'Commands', /^Bin/, '▶ Run all']) {
        assert.ok(await page.locator('.toolbar').getByRole('button', { name, exact: typeof name === 'string' }).isVisible(), String(name));
      }
      assert.equal(await page.locator('.toolbar').getByRole('button', { name: 'Save as', exact: true }).isVisible(), false);
      await page.getByRole('button', { name: 'More ▾' }).click();
      const menu = page.getByRole('menu', { name: 'More file actions' });
      await menu.waitFor();
      await screenshot(page, `toolbar-800-${scheme}`);
      // Save outputs is a check box of the menu.
      const saveOutputs = menu.getByRole('menuitemcheckbox', { name: /Save outputs/ });
      assert.equal(await saveOutputs.getAttribute('aria-checked'), 'false');
      await saveOutputs.click();
      await page.getByRole('button', { name: 'More ▾' }).click();
      assert.equal(await menu.getByRole('menuitemcheckbox', { name: /Save outputs/ }).getAttribute('aria-checked'), 'true');
      // Escape closes the menu; its actions are the toolbar's.
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'More ▾' }).click();
      await menu.getByRole('menuitem', { name: 'Export .ipynb' }).click();
      await page.getByRole('dialog').filter({ hasText: 'Export as a Jupyter notebook' }).waitFor();
      await page.context().close();
    });

    test(`from 1101 px, where every action is in the toolbar, nothing sticks out (${scheme})`, async () => {
      for (const width of [1101, 1180, 1280]) {
        const page = await pageOfSize(width, 800, scheme);
        assert.deepEqual(await overflow(page), { sideways: false, outside: [] }, `${width} px`);
        await page.context().close();
      }
    });

    test(`at 1920×1080 every action is in the toolbar (${scheme})`, async () => {
      const page = await pageOfSize(1920, 1080, scheme);
      assert.deepEqual(await overflow(page), { sideways: false, outside: [] });
      assert.ok(await page.locator('.toolbar').getByRole('button', { name: 'Save as', exact: true }).isVisible());
      assert.ok(await page.locator('.toolbar').getByRole('button', { name: 'Export .ipynb', exact: true }).isVisible());
      assert.equal(await page.getByRole('button', { name: 'More ▾' }).isVisible(), false);
      // The actions keep to the right, the file name to the left.
      const commands = await page.locator('.toolbar').getByRole('button', { name: 'Commands' }).boundingBox();
      assert.ok(commands !== null && commands.x + commands.width > 1920 - 40, 'Commands at the right end');
      await screenshot(page, `toolbar-1920-${scheme}`);
      await page.context().close();
    });
  }

  test('a notebook opened starts at its top, wherever the one before was scrolled to', async () => {
    const path = join(started.tessera.dir, 'long.tsnb');
    writeFileSync(path, `# Long\n\n${Array.from({ length: 80 }, (_, index) => '```js\n' + index + '\n```\n').join('\n')}`);
    const page = await openPage(started.browser, started.tessera.url);
    await openPath(page, path);
    await page.locator('.notebook-title[value="Long"]').waitFor();
    await page.locator('.cell').nth(79).scrollIntoViewIfNeeded();
    assert.ok((await page.locator('.notebook').evaluate((main) => (main as unknown as { scrollTop: number }).scrollTop)) > 1000);
    await openPath(page, path);
    // The title is the same before and after: wait for the page to scroll back, which only the new load does.
    for (let tries = 0; ; tries++) {
      const top = await page.locator('.notebook').evaluate((main) => (main as unknown as { scrollTop: number }).scrollTop);
      if (top === 0) break;
      assert.ok(tries < 400, `the reopened notebook is still scrolled to ${top}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await page.context().close();
  });

  test('the page has a favicon, served', async () => {
    const page = await openPage(started.browser, started.tessera.url);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    assert.ok(href !== null);
    const response = await page.request.get(new URL(href, page.url()).toString());
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /image\/svg\+xml/);
    await page.context().close();
  });

  test('a page whose host went away says so before asking for a path', async () => {
    const own = await startTessera();
    const page = await openPage(started.browser, own.url);
    await own.close();
    await page.getByRole('alert').filter({ hasText: /Disconnected from tessera serve/ }).waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /Disconnected from tessera serve/ }).waitFor();
    assert.equal(await page.getByLabel('File path').count(), 0, 'no path is asked for');
    await page.context().close();
  });
});
