/**
 * The UI bench's scrolling figure: the longest frame while the wheel scrolls through a 1 000-cell
 * notebook (static code turning into editors, cells drawn for the first time), beside the same
 * scroll over a page of the same code as plain `<pre>` blocks — what the browser alone takes.
 *
 * Frames are timed by a requestAnimationFrame loop in the page (every frame's start; the longest
 * gap between two is the longest frame), while Playwright turns the wheel in steps at about one
 * every other frame: a brisk scroll, not a fling.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';

/** Wheel steps, and how far each scrolls. */
const steps = 80;
const stepPx = 300;
const stepIntervalMs = 30;

export async function longestScrollFrame(page: Page, x: number, y: number): Promise<number> {
  await page.mouse.move(x, y);
  await page.evaluate(() => {
    const probe = globalThis as unknown as { __scrollFrames: number[]; __scrollStop: boolean; requestAnimationFrame(callback: (time: number) => void): number };
    probe.__scrollFrames = [];
    probe.__scrollStop = false;
    const loop = (time: number) => {
      probe.__scrollFrames.push(time);
      if (!probe.__scrollStop) probe.requestAnimationFrame(loop);
    };
    probe.requestAnimationFrame(loop);
  });
  for (let step = 0; step < steps; step++) {
    await page.mouse.wheel(0, stepPx);
    await sleep(stepIntervalMs);
  }
  // The last step's frames.
  await sleep(300);
  return page.evaluate(() => {
    const probe = globalThis as unknown as { __scrollFrames: number[]; __scrollStop: boolean };
    probe.__scrollStop = true;
    const frames = probe.__scrollFrames;
    let longest = 0;
    for (let index = 1; index < frames.length; index++) longest = Math.max(longest, frames[index]! - frames[index - 1]!);
    return longest;
  });
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A page of static code: each cell's source as a `<pre>`, as tall as the notebook's cells roughly are. */
export function staticCodePage(sources: readonly string[]): string {
  const blocks = sources.map((source) => `<pre style="margin:24px 0;padding:8px 12px;background:#f7f8fa;border:1px solid #dde1e8;border-radius:6px;font:13.5px/20px monospace">${escapeHtml(source)}</pre>`);
  return `<!doctype html><html><body style="margin:0 auto;max-width:920px;padding:24px 32px">${blocks.join('\n')}</body></html>`;
}
