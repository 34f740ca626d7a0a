/**
 * Export from the notebook UI, against a real `tessera serve`: the page the user sees, outputs
 * included, as a standalone HTML file; and as a Jupyter notebook, through the same bridge request.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { addCodeCell, openPage, serveAndBrowser, waitForState } from './harness.ts';

describe('export in the notebook UI', () => {
  const suite = serveAndBrowser();

  test('Export .html writes the notebook with the outputs it shows, though it does not save outputs; Export .ipynb writes a Jupyter notebook', async () => {
    const page = await openPage(suite.browser, suite.tessera.url);
    await page.locator('.notebook-title').fill('Exported');
    await addCodeCell(page, 'console.log("shown in the page");\nhtml`<i>rich</i>`');
    await page.keyboard.press('Control+Enter');
    await waitForState(page, 0, 'evaluated');

    const html = join(suite.tessera.dir, 'exported.html');
    await page.getByRole('button', { name: 'Export .html' }).click();
    await page.getByLabel('File path').fill(html);
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.locator('.status-notice', { hasText: `Exported as a web page: ${html}` }).waitFor();
    const written = readFileSync(html, 'utf8');
    assert.match(written, /<h1 class="title">Exported<\/h1>/);
    assert.match(written, /<pre class="output stdout">shown in the page\n<\/pre>/);
    assert.match(written, /sandbox="allow-scripts" title="HTML output" srcdoc="[^"]*&lt;i&gt;rich&lt;\/i&gt;/);

    const ipynb = join(suite.tessera.dir, 'exported.ipynb');
    await page.getByRole('button', { name: 'Export .ipynb' }).click();
    await page.getByLabel('File path').fill(ipynb);
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    await page.locator('.status-notice', { hasText: 'Exported as a Jupyter notebook' }).waitFor();
    const json = JSON.parse(readFileSync(ipynb, 'utf8')) as { nbformat: number; cells: { source: string[] | string }[] };
    assert.equal(json.nbformat, 4);
    assert.ok(json.cells.some((cell) => [cell.source].flat().join('').includes('shown in the page')));
    // The document itself was not saved anywhere by exporting.
    assert.equal(existsSync(join(suite.tessera.dir, 'exported.tsnb')), false);
    assert.match(await page.title(), /^• Exported/);
    await page.context().close();
  });
});
