/**
 * Jupyter notebooks in the UI, against a real `tessera serve` and runtime: a `.ipynb` opens as the
 * notebook it is (never as its JSON text), runs, and saves as a `.ipynb` that Jupyter reads as the
 * same notebook.
 */

import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertNbformatEqual, assertValidNbformat } from '../common/notebook/nbformat.ts';
import { codeCells, launchChromium, openPage, repoRoot, screenshot, startTessera, waitForState, waitForTitle, type Tessera } from './harness.ts';

/** A small notebook as Deno's kernel writes it. */
const denoNotebook = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', id: 'title', metadata: {}, source: ['# Orbits'] },
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['Two planets.'] },
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'planets',
        metadata: {},
        outputs: [{ name: 'stdout', output_type: 'stream', text: ['2\n'] }],
        source: ['const planets = ["Mercury", "Venus"];\n', 'console.log(planets.length);'],
      },
    ],
    metadata: {
      kernelspec: { display_name: 'Deno', language: 'typescript', name: 'deno' },
      language_info: { codemirror_mode: 'typescript', file_extension: '.ts', mimetype: 'text/x.typescript', name: 'typescript', nbconvert_exporter: 'script', pygments_lexer: 'typescript', version: '5.6.2' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

interface JupyterCell {
  readonly cell_type: string;
  readonly source: string | string[];
}

function sources(text: string): string[] {
  const json = JSON.parse(text) as { cells: JupyterCell[] };
  return json.cells.map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source));
}

async function openPath(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByLabel('File path').fill(path);
  await page.getByRole('button', { name: 'OK', exact: true }).click();
}

/** Saves with Ctrl+S and waits until the title says there is nothing unsaved. */
async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+s');
  await waitForTitle(page, (title) => !title.startsWith('•'));
}

describe('a .ipynb in the notebook UI', () => {
  let browser: Browser;
  const servers: Tessera[] = [];

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  const server = async (file?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ipynb-ui-'));
    const started = await startTessera(dir, file);
    servers.push(started);
    return started;
  };

  test('`tessera serve FILE.ipynb` opens it as a notebook, and saving writes a .ipynb, never Markdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ipynb-'));
    const path = join(dir, 'orbits.ipynb');
    writeFileSync(path, denoNotebook);
    const tessera = await server(path);
    const page = await openPage(browser, tessera.url);
    assert.equal(await page.locator('.notebook-title').inputValue(), 'Orbits');
    assert.equal(await codeCells(page).count(), 1);
    await page.locator('.notebook-title').fill('Orbits, saved');
    await waitForTitle(page, (title) => title.startsWith('•'));
    await save(page);
    const saved = readFileSync(path, 'utf8');
    assertValidNbformat(JSON.parse(saved), 'the saved file');
    assert.deepEqual(sources(saved), ['# Orbits, saved', 'Two planets.', 'const planets = ["Mercury", "Venus"];\nconsole.log(planets.length);']);
    await page.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`a real Deno notebook with images opens, runs and saves as the same notebook (${scheme} theme)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-ipynb-'));
      const path = join(dir, 'display.ipynb');
      copyFileSync(join(repoRoot, 'tests', 'fixtures', 'ipynb', 'denotebooks', '02_display.ipynb'), path);
      const original = readFileSync(path, 'utf8');
      const tessera = await server(path);
      const page = await openPage(browser, tessera.url, scheme);
      // Its outputs show in their best form: Markdown, a JSON tree, the canvas drawings as images.
      await page.locator('.output-image img').first().waitFor();
      assert.equal(await page.locator('.output-image img').count(), 4);
      assert.match((await page.locator('[data-output="markdown"]').first().textContent()) ?? '', /This is awesome/);
      assert.equal(await page.locator('.section-title').first().textContent(), 'GeoJSON');

      // Saved without an edit: the same notebook, byte for byte.
      await page.keyboard.press('Control+s');
      await waitForTitle(page, (title) => !title.startsWith('•'));
      assert.equal(readFileSync(path, 'utf8'), original);

      // Run its first cell and save: that cell's outputs and execution count change, nothing else. The
      // cell calls Deno's own API, which Node has not: it fails, and says so.
      await codeCells(page).nth(0).getByRole('button', { name: /Run/ }).first().click();
      await waitForState(page, 0, 'errored', 30_000);
      assert.match(await codeCells(page).nth(0).locator('.cell-outputs').textContent() ?? '', /Deno is not defined/);
      await waitForTitle(page, (title) => title.startsWith('•'));
      await screenshot(page, `ipynb-deno-${scheme}`);
      await page.locator('.output-image img').first().scrollIntoViewIfNeeded();
      await screenshot(page, `ipynb-deno-images-${scheme}`);
      await save(page);
      const saved = readFileSync(path, 'utf8');
      assertValidNbformat(JSON.parse(saved), 'the saved file');
      type Cells = { cells: Record<string, unknown>[] };
      const before = JSON.parse(original) as Cells;
      const after = JSON.parse(saved) as Cells;
      const ran = 0;
      assert.equal(after.cells[ran]?.['execution_count'], 1);
      const outputs = after.cells[ran]?.['outputs'] as Record<string, unknown>[];
      assert.deepEqual([outputs.length, outputs[0]?.['output_type'], outputs[0]?.['ename']], [1, 'error', 'ReferenceError']);
      const unchanged = (notebook: Cells) => JSON.stringify({ ...notebook, cells: notebook.cells.filter((_, index) => index !== ran) });
      assertNbformatEqual(unchanged(after), unchanged(before));
      await page.context().close();
    });
  }

  test('each output shows its best form: LaTeX as maths, a Vega-Lite chart as its image until charts land; attachments show', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const display = (data: object) => ({ data, metadata: {}, output_type: 'display_data' });
    const file = JSON.stringify({
      cells: [
        { attachments: { 'dot.png': { 'image/png': png } }, cell_type: 'markdown', id: 'pic', metadata: {}, source: ['A dot: ![dot](attachment:dot.png)'] },
        {
          cell_type: 'code',
          execution_count: 3,
          id: 'rich',
          metadata: {},
          outputs: [
            display({ 'text/latex': ['$$\\int_0^1 x\\,dx = \\frac{1}{2}$$'], 'text/plain': ['<IPython.core.display.Math object>'] }),
            display({ 'application/vnd.vegalite.v5+json': { mark: 'bar' }, 'image/png': png, 'text/plain': ['<VegaLite 5 object>'] }),
            display({ 'application/vnd.jupyter.widget-view+json': { model_id: 'x' }, 'text/plain': ['A slider widget'] }),
          ],
          source: ['chart()'],
        },
      ],
      metadata: { kernelspec: { display_name: 'Deno', language: 'typescript', name: 'deno' } },
      nbformat: 4,
      nbformat_minor: 5,
    });
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ipynb-'));
    const path = join(dir, 'rich.ipynb');
    writeFileSync(path, file);
    const tessera = await server(path);
    const page = await openPage(browser, tessera.url);
    const outputs = codeCells(page).nth(0).locator('.cell-outputs');
    await outputs.locator('[data-output="latex"] .katex').first().waitFor();
    assert.equal(await outputs.locator('.output-image img').count(), 1);
    assert.match((await outputs.textContent()) ?? '', /A slider widget/);
    assert.equal(await outputs.locator('[data-output="unknown"]').count(), 0);
    // A Markdown cell's attachment shows as its image.
    assert.match((await page.locator('.markdown-body img').first().getAttribute('src')) ?? '', /^data:image\/png;base64,iVBOR/);
    await page.context().close();
  });

  test('a Python notebook says it is one and never runs as JavaScript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ipynb-'));
    const path = join(dir, 'python.ipynb');
    copyFileSync(join(repoRoot, 'tests', 'fixtures', 'ipynb', 'nbformat', 'test4.5.ipynb'), path);
    const tessera = await server(path);
    const page = await openPage(browser, tessera.url);
    assert.match((await page.locator('.foreign-kernel').textContent()) ?? '', /This is a python notebook\. Tessera runs JavaScript and TypeScript cells/);
    assert.equal(await codeCells(page).first().locator('.cell-kind').textContent(), 'python');
    await page.getByRole('button', { name: '▶ Run all' }).click();
    await page.locator('.status-notice', { hasText: 'python notebook' }).waitFor();
    await screenshot(page, 'ipynb-python');
    assert.equal(await page.locator('.cell-status[data-state="evaluating"], .cell-status[data-state="errored"]').count(), 0);
    await page.context().close();
  });

  test('Save as .tsnb says first what a .tsnb cannot keep, then writes Markdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ipynb-'));
    const path = join(dir, 'orbits.ipynb');
    writeFileSync(path, denoNotebook);
    const tessera = await server(path);
    const page = await openPage(browser, tessera.url);
    await page.getByRole('button', { name: 'Save as', exact: true }).click();
    const markdownPath = join(dir, 'orbits.tsnb');
    await page.getByLabel('File path').fill(markdownPath);
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    const warning = page.getByRole('dialog');
    assert.match((await warning.textContent()) ?? '', /A Tessera notebook \(\.tsnb\) cannot keep execution counts\. Save as .*orbits\.tsnb anyway\?/);
    await warning.getByRole('button', { name: 'Save' }).click();
    await waitForTitle(page, (title) => title.includes('orbits.tsnb') || title.startsWith('Orbits'));
    const deadline = Date.now() + 15_000;
    while (!existsSync(markdownPath) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(readFileSync(markdownPath, 'utf8'), /^# Orbits\n[\s\S]*```ts\nconst planets/);
    await page.context().close();
  });

  test('Open reads a .ipynb as a notebook, and Save keeps it a .ipynb', async () => {
    const tessera = await server();
    const path = join(tessera.dir, 'opened.ipynb');
    writeFileSync(path, denoNotebook);
    const page = await openPage(browser, tessera.url);
    await openPath(page, path);
    await page.locator('.notebook-title').waitFor();
    await waitForTitle(page, (title) => title.startsWith('Orbits'));
    assert.equal(await codeCells(page).count(), 1);
    await page.locator('.notebook-title').fill('Orbits again');
    await waitForTitle(page, (title) => title.startsWith('•'));
    await save(page);
    const saved = readFileSync(path, 'utf8');
    assertValidNbformat(JSON.parse(saved), 'the saved file');
    assert.equal(sources(saved)[2], 'const planets = ["Mercury", "Venus"];\nconsole.log(planets.length);');
    await page.context().close();
  });
});
