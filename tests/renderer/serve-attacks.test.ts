/**
 * Attacks on `tessera serve` from a browser: a page served from another port of 127.0.0.1 (any local
 * dev server, a `python -m http.server` showing a downloaded file) in the same browser as an open
 * Tessera tab. It must get nothing of Tessera's, frame none of its pages, and run no code.
 */

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, openPage, startTessera, type Tessera } from './harness.ts';

/** The other server: pages by path, and the headers of every request it was sent. */
interface Attacker {
  readonly origin: string;
  readonly pages: Map<string, string>;
  readonly requests: IncomingHttpHeaders[];
  close(): Promise<void>;
}

async function startAttacker(): Promise<Attacker> {
  const pages = new Map<string, string>();
  const requests: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.headers);
    const page = pages.get((request.url ?? '/').split('?')[0]!);
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Polls a condition from Node (the Tessera page's policy forbids the eval a string waitForFunction needs). */
async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `value` as a JavaScript literal that can stand inside an inline <script>. */
const inScript = (value: unknown) => JSON.stringify(value).replaceAll('</', '<\\/');

/** Whether a frame shows a page of Tessera's, rather than the browser's page for a refused frame. */
const loaded = (frame: Frame) => frame.url().startsWith('http://');

describe('attacks on tessera serve from a page on another port', () => {
  let tessera: Tessera;
  let attacker: Attacker;
  let browser: Browser;
  let page: Page;
  let origin: string;

  before(async () => {
    [tessera, attacker, browser] = await Promise.all([startTessera(), startAttacker(), launchChromium()]);
    origin = new URL(tessera.url).origin;
    // The user has Tessera open in this browser: whatever it left behind, the attacker may find.
    page = await openPage(browser, tessera.url);
  });
  after(async () => {
    await browser?.close();
    await attacker?.close();
    await tessera?.close();
  });

  test('attack: a request the browser sends to another port of 127.0.0.1 carries nothing of Tessera’s', async () => {
    attacker.pages.set('/plain', '<p>hello</p>');
    const other = await page.context().newPage();
    await other.goto(`${attacker.origin}/plain`);
    const token = new URL(tessera.url).hash.replace('#token=', '');
    const seen = attacker.requests.at(-1);
    assert.ok(seen !== undefined);
    assert.equal(seen.cookie, undefined, `the browser sent a cookie to another port: ${seen.cookie}`);
    assert.ok(!JSON.stringify(seen).includes(token));
    await other.close();
  });

  test('attack: the token leaves the address bar and the history, and a reload still connects', async () => {
    const token = new URL(tessera.url).hash.replace('#token=', '');
    assert.ok(!page.url().includes(token), page.url());
    assert.equal(page.url(), `${origin}/`);
    await page.reload();
    await page.locator('.notebook-title').waitFor();
    assert.equal(await page.locator('.boot-error').count(), 0);
    // A tab opened on the bare address has no token, and says what to open instead.
    const bare = await page.context().newPage();
    await bare.goto(`${origin}/`);
    await bare.locator('.boot-error', { hasText: 'open the URL that `tessera serve` printed' }).waitFor();
    await bare.close();
  });

  test('attack: a page on another port frames the app and the output frame, posts HTML, and runs no code', async () => {
    const marker = join(tessera.dir, 'attacked.txt');
    const evaluate = {
      id: 1,
      channel: 'runtime.evaluate',
      args: [{ containerRef: 'main', evaluationRef: 'attack', prevEvaluationRef: null, code: `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran")`, language: 'js' }],
    };
    // What the output frame is sent: from there, reach the app's frame (the same origin when the
    // frames are not sandboxed) and open the bridge with its WebSocket, which a cookie would let in.
    const payload = `<script>
      const report = (text) => parent.postMessage({ attack: text }, '*');
      try {
        const app = parent.frames[0];
        const socket = new app.WebSocket(${JSON.stringify(`${origin.replace('http', 'ws')}/bridge`)});
        socket.onopen = () => { report('bridge open'); socket.send(${inScript(JSON.stringify([evaluate]))}); };
        socket.onmessage = (message) => report('bridge answered ' + String(message.data).slice(0, 80));
        socket.onerror = () => report('bridge refused');
      } catch (error) { report('threw ' + error.name); }
    <\/script>`;
    attacker.pages.set(
      '/frames',
      `<!doctype html><title>attacker</title><pre id="log"></pre>
      <iframe src="${origin}/index.html"></iframe>
      <iframe id="out" src="${origin}/output-frame.html"></iframe>
      <script>
        const log = (text) => (document.getElementById('log').textContent += text + '\\n');
        window.addEventListener('message', (event) => {
          if (event.data && event.data.type === 'tessera-output-ready') {
            log('output frame ready');
            document.getElementById('out').contentWindow.postMessage({ type: 'tessera-output-render', html: ${inScript(payload)} }, '*');
          }
          if (event.data && event.data.attack) log(event.data.attack);
        });
        document.title = 'attacker ready';
      </script>`,
    );
    const other = await page.context().newPage();
    const errors: Error[] = [];
    other.on('pageerror', (error) => errors.push(error));
    await other.goto(`${attacker.origin}/frames`);
    // The attacker's own script ran: what it fails to do below is Tessera's refusal, not a broken test.
    assert.equal(await other.title(), 'attacker ready');
    assert.deepEqual(errors, []);
    const children = () => other.mainFrame().childFrames();
    const log = () => other.locator('#log').textContent().then((text) => text ?? '');
    // Either the browser refused both frames, or the attack got far enough to report.
    await until(async () => (children().length === 2 && children().every((frame) => frame.url().startsWith('chrome-error:'))) || /bridge|threw/.test(await log()));
    assert.equal(await log(), '', 'the attack reached the output frame or the bridge');
    assert.deepEqual(children().filter(loaded), [], 'a page of Tessera’s rendered in another origin’s frame');
    assert.equal(existsSync(marker), false, 'the attacker’s code ran');
    await other.close();
  });

  test('attack: the output frame renders nothing outside a sandboxed frame, even in the app’s own page', async () => {
    // A frame without the sandbox has the app's origin: an output there would run as the app.
    const rendered = await page.evaluate(`(async () => {
      const frame = document.createElement('iframe');
      frame.src = './output-frame.html';
      const load = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      await load;
      const inside = frame.contentWindow;
      const found = () => inside.document.getElementById('rendered') !== null;
      // Messages arrive in order: once the probe is here, the render request was handled. (A
      // render replaces the document, and with it the probe's listener: then the output shows.)
      const handled = new Promise((resolve) => {
        inside.addEventListener('message', (event) => event.data === 'probe' && resolve());
        const poll = () => (found() ? resolve() : setTimeout(poll, 20));
        poll();
      });
      inside.postMessage({ type: 'tessera-output-render', html: '<p id="rendered">rendered</p>' }, '*');
      inside.postMessage('probe', '*');
      await handled;
      const shown = found();
      frame.remove();
      return shown;
    })()`);
    assert.equal(rendered, false);
  });
});
