/**
 * A file the UI cannot open says what is wrong with it — the line, the byte — in the notebook
 * page, never that the host could not be reached; and the page stays a working notebook.
 */

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServe } from '../../host/serve/start.ts';
import { launchChromium, openPage, waitForTitle } from './harness.ts';

describe('files the UI cannot open', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-file-problems-'));
  const badJson = join(dir, 'bad-json.tsnb');
  const latin1 = join(dir, 'latin1.md');

  before(async () => {
    writeFileSync(badJson, '# Broken\n\n<!-- tessera:cell {"id": -->\n```js\n1\n```\n');
    writeFileSync(latin1, Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n\ntext\n')]));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [name, file, expected] of [
    ['a notebook that does not parse', badJson, /Cannot open .*bad-json\.tsnb: line 3: The tessera:cell comment does not hold valid JSON/],
    ['a file that is not UTF-8', latin1, /latin1\.md is not valid UTF-8: line 1, byte offset 5/],
  ] as const) {
    test(`${name}, given to tessera serve, is named with its line over a new notebook`, async () => {
      const server = await startServe({ port: 0, file, dataDir: join(dir, 'data'), scratchDir: join(dir, 'scratch') });
      try {
        const page = await openPage(browser, server.url);
        const notice = page.locator('.status-notice');
        await notice.waitFor();
        assert.match(await notice.innerText(), expected);
        assert.doesNotMatch(await page.locator('body').innerText(), /could not reach/);
        await page.context().close();
      } finally {
        await server.close();
      }
    });
  }

  test('a notebook that does not parse, opened over a saved one, is named, and saving writes the saved one, never over it', async () => {
    const server = await startServe({ port: 0, dataDir: join(dir, 'data'), scratchDir: join(dir, 'scratch') });
    try {
      const page = await openPage(browser, server.url);
      await page.locator('.notebook-title').fill('Mine');
      const mine = join(dir, 'mine.tsnb');
      await page.keyboard.press('Control+s');
      await page.getByLabel('File path').fill(mine);
      await page.getByRole('button', { name: 'OK', exact: true }).click();
      await waitForTitle(page, (title) => title.startsWith('Mine'));
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await page.getByLabel('File path').fill(badJson);
      await page.getByRole('button', { name: 'OK', exact: true }).click();
      const notice = page.locator('.status-notice');
      await notice.waitFor();
      assert.match(await notice.innerText(), /Cannot open .*bad-json\.tsnb: line 3:/);
      const broken = readFileSync(badJson, 'utf8');
      await page.locator('.notebook-title').fill('Mine, edited');
      await page.keyboard.press('Control+s');
      await waitForTitle(page, (title) => title.startsWith('Mine, edited'));
      assert.match(readFileSync(mine, 'utf8'), /^# Mine, edited$/m);
      assert.equal(readFileSync(badJson, 'utf8'), broken);
      await page.context().close();
    } finally {
      await server.close();
    }
  });

  test('opening such a file from the page says what is wrong and keeps the notebook that was open', async () => {
    const server = await startServe({ port: 0, dataDir: join(dir, 'data'), scratchDir: join(dir, 'scratch') });
    try {
      const page = await openPage(browser, server.url);
      await page.locator('.notebook-title').fill('Kept');
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const discard = page.getByRole('button', { name: 'Don’t Save' });
      await page.getByLabel('File path').or(discard).first().waitFor();
      if (await discard.isVisible()) await discard.click();
      await page.getByLabel('File path').fill(latin1);
      await page.getByRole('button', { name: 'OK', exact: true }).click();
      const notice = page.locator('.status-notice');
      await notice.waitFor();
      assert.match(await notice.innerText(), /latin1\.md is not valid UTF-8: line 1, byte offset 5/);
      assert.equal(await page.locator('.notebook-title').inputValue(), 'Kept');
      await page.context().close();
    } finally {
      await server.close();
    }
  });
});
