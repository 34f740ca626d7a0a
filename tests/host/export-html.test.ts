/**
 * The standalone HTML export: every kind of output rendered by the one output function, HTML kept
 * sandboxed, nothing fetched from the network; and the page in Chromium, offline, in light and dark.
 */

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Notebook, SavedOutput } from '../../common/notebook/model.ts';
import { exportHtml, renderOutput } from '../../host/export/notebook-html.ts';
import { launchChromium, screenshot } from '../renderer/harness.ts';

const png = 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGElEQVR4nGP4z8DwnxLMMGrAqAGjBgwXAwAwxP4QHCfkAAAAAABJRU5ErkJggg==';

const outputs: readonly SavedOutput[] = [
  { kind: 'text', stream: 'stdout', text: 'printed <b>\n' },
  { kind: 'text', stream: 'stderr', text: '\u001b[31mwarned\u001b[0m\n' },
  { kind: 'rich', mime: 'text/html', data: '<p id="inside">framed</p><script>let reached = "no"; try { reached = parent.document.title } catch { reached = "blocked" } document.getElementById("inside").textContent = "parent " + reached; fetch("http://127.0.0.1:9/x").catch(() => {});</script>' },
  { kind: 'rich', mime: 'image/png', data: png },
  { kind: 'rich', mime: 'image/svg+xml', data: '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><script>alert(1)</script><circle cx="10" cy="10" r="8" fill="teal"/></svg>' },
  { kind: 'rich', mime: 'text/markdown', data: '**bold** <i>raw</i>' },
  { kind: 'rich', mime: 'application/json', data: '{"a":[1,2]}' },
  { kind: 'rich', mime: 'application/vnd.tessera.table+json', data: JSON.stringify({ columns: ['x', 'y'], rows: [[1, 'one']], totalRows: 1 }) },
  { kind: 'value', text: '\u001b[33m42\u001b[39m' },
  { kind: 'error', name: 'TypeError', message: 'bad', stack: 'TypeError: bad\n    at cell 1:1:1' },
];

const notebook: Notebook = {
  title: 'Shared <notebook>',
  setup: {
    id: 's0',
    title: '',
    metadata: {},
    cells: [
      { kind: 'markdown', id: 'm', source: 'Prose with $x^2$ and <script>alert(1)</script> and [a link](https://example.com).', metadata: {} },
      { kind: 'code', id: 'c', language: 'ts', source: 'const a: number = 1 < 2 ? 1 : 0;', metadata: {}, outputs },
    ],
  },
  sections: [{ id: 's1', title: 'Results', metadata: {}, cells: [] }],
  metadata: {},
  saveOutputs: false,
};

describe('exportHtml', () => {
  const html = exportHtml(notebook);

  test('renders the title, sections, Markdown (its raw HTML escaped, maths as MathML) and code', () => {
    assert.match(html, /<title>Shared &lt;notebook&gt;<\/title>/);
    assert.match(html, /<h2 class="section">Results<\/h2>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<math/);
    assert.match(html, /<code class="language-ts">const a: number = 1 &lt; 2 \? 1 : 0;<\/code>/);
  });

  test('renders every output whether or not the notebook saves outputs', () => {
    assert.match(html, /<pre class="output stdout">printed &lt;b&gt;\n<\/pre>/);
    assert.match(html, /<pre class="output stderr">warned\n<\/pre>/);
    assert.match(html, new RegExp(`<img class="output image" alt="" src="data:image/png;base64,${png.replace(/[+/]/g, '\\$&')}">`));
    assert.match(html, /<div class="output markdown"><p><strong>bold<\/strong> &lt;i&gt;raw&lt;\/i&gt;<\/p>/);
    assert.match(html, /<pre class="output value">\{\n {2}&quot;a&quot;: \[\n/);
    assert.match(html, /<th>x<\/th><th>y<\/th>/);
    assert.match(html, /<pre class="output value">42<\/pre>/);
    assert.match(html, /<pre class="output error">TypeError: bad\n {4}at cell 1:1:1<\/pre>/);
  });

  test('keeps HTML in a sandboxed srcdoc frame and SVG in an image, where neither reaches the page', () => {
    const frame = renderOutput(outputs[2]!);
    assert.match(frame, /^<iframe class="output frame" sandbox="allow-scripts" title="HTML output" srcdoc="[^"]*"><\/iframe>$/);
    assert.doesNotMatch(frame, /allow-same-origin/);
    assert.match(renderOutput(outputs[4]!), /^<img class="output image" alt="" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+">$/);
  });

  test('says when a table holds only the first rows', () => {
    const data = JSON.stringify({ columns: ['n'], rows: [[1], [2]], totalRows: 100_000 });
    assert.match(renderOutput({ kind: 'rich', mime: 'application/vnd.tessera.table+json', data }), /<p class="note">99,998 more rows not shown: the runtime sent the first 2 of 100,000<\/p><\/div>$/);
    assert.doesNotMatch(renderOutput(outputs[7]!), /class="note"/);
  });

  test('names an output type it cannot show rather than drop it', () => {
    assert.equal(renderOutput({ kind: 'rich', mime: 'application/x-unknown', data: 'AAAA' }), '<pre class="output value">[application/x-unknown output]</pre>');
  });

  test('loads nothing from anywhere: no stylesheet, script or image but its own, under a policy that forbids the network', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.doesNotMatch(html, /<(?:link|script)[^>]+(?:href|src)=/);
    assert.doesNotMatch(html, /src="(?!data:)/);
  });
});

describe('the exported page in Chromium', () => {
  let browser: Browser;
  const path = join(mkdtempSync(join(tmpdir(), 'tessera-export-')), 'shared.html');

  before(async () => {
    writeFileSync(path, exportHtml(notebook));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`shows the notebook offline in the ${scheme} theme, its HTML output framed away from the page and the network`, async () => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1000, height: 900 }, offline: true });
      const page = await context.newPage();
      const fetched: string[] = [];
      page.on('request', (request) => {
        if (!/^(?:file|data|about):/.test(request.url())) fetched.push(request.url());
      });
      await page.goto(`file://${path}`);
      const frame = page.frameLocator('iframe.frame');
      await frame.locator('#inside', { hasText: 'parent blocked' }).waitFor();
      // The frame was sized to what it holds, from the height it posted (it starts at 32 px).
      const deadline = Date.now() + 10_000;
      while (((await page.locator('iframe.frame').boundingBox())?.height ?? 0) === 32 && Date.now() < deadline) await page.waitForTimeout(50);
      assert.notEqual((await page.locator('iframe.frame').boundingBox())?.height, 32);
      // Strings, evaluated in the page: this file is type-checked without the DOM's names.
      const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
      assert.equal(background, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
      assert.equal(await page.locator('img.output').count(), 2);
      assert.equal(await page.evaluate('document.querySelector("img.output").naturalWidth'), 16);
      assert.deepEqual(fetched, []);
      await screenshot(page, `export-html-${scheme}`);
      await context.close();
    });
  }
});
