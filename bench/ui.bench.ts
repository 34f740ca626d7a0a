/**
 * The notebook UI's figures, in headless Chromium against the real `tessera serve` host (the issue
 * "The notebook UI", item 10):
 *
 * 1. Opening a 1 000-cell notebook: navigation start → first render, and → interactive; beside
 *    the same for a 1-cell notebook.
 * 2. Keystroke to paint while typing in a code cell of that notebook (p50, p95); beside the same
 *    cell alone in a notebook.
 * 3. The longest main-thread task while a cell prints 100 000 lines; beside a cell printing 100.
 * 4. The longest frame while the wheel scrolls through the 1 000-cell notebook; beside the same
 *    scroll over a page of the same code as static `<pre>` blocks (bench/ui/scroll.ts).
 *
 * Every page gets `pageProbe` (bench/ui/probe.ts) before its own scripts: it says what is measured
 * and how, in the page. Each measurement opens a fresh browser context (no cache carried over);
 * value and baseline alternate so that a slow patch of the machine touches both.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { sequentialIds } from '../common/notebook/ids.ts';
import { serializeNotebook } from '../common/notebook/markdown-write.ts';
import type { Cell, Notebook } from '../common/notebook/model.ts';
import { buildSampleNotebook } from '../common/notebook/sample.ts';
import type { RunningServer } from '../host/serve/server.ts';
import { startServe } from '../host/serve/start.ts';
import { findChromium } from '../tests/renderer/harness.ts';
import { serveBareEditorPage, type BareEditorPage } from './ui/bare-editor-page.ts';
import { pageProbe, type LongFrame, type ProbeState } from './ui/probe.ts';
import { longestScrollFrame, staticCodePage } from './ui/scroll.ts';
import { mainThreadTasks } from './ui/trace.ts';
import { median, percentile, report } from './report.ts';

/** Opening runs per notebook (after one warm-up each, not counted). */
const openRuns = 3;
/** "Interactive" needs this long without a long task after it (TTI's rule uses 5 s; see below). */
const quietWindowMs = 1000;
/** A realistic line of code, 200 characters, typed one key at a time. */
const typedText = "const doubled = rows1.map((n) => n * 2).filter((n) => n % 3 === 0); const total = doubled.reduce((sum, n) => sum + n, 0); console.log('total', total, doubled.length); total / Math.max(1, doubled.length)".slice(0, 200);
/** Printing runs per cell (each in a fresh page). */
const streamRuns = 3;
/** One key every this many ms at most: a fast typist (~12 keys a second), so that debounced work runs between keys as it would. */
const keyIntervalMs = 80;

/** What the pages threw, said once at the end (Monaco's listener-leak warnings would otherwise flood the output). */
const pageErrors = new Set<string>();

const round1 = (ms: number) => Math.round(ms * 10) / 10;

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly firstRenderMs: number;
  readonly interactiveMs: number;
  readonly probe: ProbeState;
}

export async function uiBenchmarks(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-ui-'));
  const servers: RunningServer[] = [];
  let browser: Browser | undefined;
  let bare: BareEditorPage | undefined;
  try {
    const { files, typedCellSource, bigSources } = writeNotebooks(dir);
    bare = await serveBareEditorPage(join(dir, 'bare-editor'));
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // A server per notebook: each tab of a server opens its file. Separate data folders, so that
    // the backups typing leaves in one never come back as a recovery prompt in another.
    const serve = async (name: keyof typeof files) => {
      const server = await startServe({ file: files[name], dataDir: join(dir, `data-${name}`), scratchDir: join(dir, `scratch-${name}`) });
      servers.push(server);
      return server.url;
    };
    const [bigUrl, oneUrl] = await Promise.all([serve('big'), serve('one')]);
    await openingBenchmark(browser, bigUrl, oneUrl);
    await typingBenchmark(browser, bigUrl, oneUrl, bare.url(typedCellSource));
    await scrollingBenchmark(browser, bigUrl, bigSources);
    const [manyUrl, fewUrl] = await Promise.all([serve('print100000'), serve('print100')]);
    await streamingBenchmark(browser, manyUrl, fewUrl);
  } finally {
    if (pageErrors.size > 0) console.error(`ui bench: the pages threw: ${[...pageErrors].join(' | ')}`);
    pageErrors.clear();
    await browser?.close().catch(() => undefined);
    await Promise.all(servers.map((server) => server.close().catch(() => undefined)));
    await bare?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The notebooks the benchmarks open, as .tsnb files in `dir`. */
function writeNotebooks(dir: string) {
  const sample = buildSampleNotebook(1000, sequentialIds('c'));
  // The 1-cell notebook holds the 1 000-cell one's first code cell (a TypeScript cell), the one typed into.
  const firstCode = sample.setup.cells.find((cell) => cell.kind === 'code');
  if (firstCode === undefined) throw new Error('the sample notebook has no code cell');
  const code = (id: string, source: string): Cell => ({ kind: 'code', id, language: 'js', source, metadata: {}, outputs: [] });
  const notebookOf = (cells: Cell[]): Notebook => ({
    title: 'Bench',
    setup: { id: 's0', title: '', cells, metadata: {} },
    sections: [],
    metadata: {},
    saveOutputs: false,
  });
  // The printing notebooks start with a trivial cell, run first so that the runtime is up before
  // the measured run.
  const printing = (lines: number) => notebookOf([code('warm', '0'), code('print', `for (let i = 0; i < ${lines}; i++) console.log(i)`)]);
  const files = {
    big: join(dir, 'thousand.tsnb'),
    one: join(dir, 'one.tsnb'),
    print100000: join(dir, 'print-100000.tsnb'),
    print100: join(dir, 'print-100.tsnb'),
  };
  writeFileSync(files.big, serializeNotebook(sample));
  writeFileSync(files.one, serializeNotebook({ ...notebookOf([firstCode]), title: sample.title }));
  writeFileSync(files.print100000, serializeNotebook(printing(100_000)));
  writeFileSync(files.print100, serializeNotebook(printing(100)));
  const bigSources = [sample.setup, ...sample.sections].flatMap((section) => section.cells.map((cell) => cell.source));
  return { files, typedCellSource: firstCode.source, bigSources };
}

async function readProbe(page: Page): Promise<ProbeState> {
  return page.evaluate(() => {
    const state = (globalThis as unknown as { __uiBench: Record<string, unknown> }).__uiBench;
    return JSON.parse(JSON.stringify(state, (key, value: unknown) => (key === 'typingCell' || key === 'afterNextFrame' || key === 'printed' ? undefined : value))) as ProbeState;
  });
}

/**
 * Opens the page in a fresh context and waits until it is interactive.
 *
 * - **First render**: navigation start → the end of the first frame that has a cell in the DOM
 *   (a MutationObserver sees the first `.cell`; the time is taken after the next frame, see the
 *   probe). Every cell of the notebook is in the DOM from then on (`cellsAtFirstRender`); those
 *   off-screen skip layout and paint (`content-visibility: auto`).
 * - **Interactive**: navigation start → the later of
 *   (a) the end of the first frame that shows the first code cell's live Monaco editor with its
 *       lines (before it, the cell shows static code: a keystroke has nowhere to go), and
 *   (b) the end of the last long task (≥ 50 ms, Long Tasks API) before the main thread stays
 *       free of long tasks for 1 s — TTI's rule with a 1 s quiet window instead of 5 s, so that a
 *       click or a key is answered within 50 ms from then on.
 */
async function open(browser: Browser, url: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
  context.setDefaultTimeout(30_000);
  await context.addInitScript(pageProbe);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.add(error.message.split('\n')[0] ?? ''));
  const response = await page.goto(url);
  if (response?.ok() !== true) {
    await context.close();
    throw new Error(`${url} answered ${response?.status()}: is out/renderer built (npm run build)?`);
  }
  await page
    .waitForFunction(
    (quiet) => {
      const b = (globalThis as unknown as { __uiBench: ProbeState }).__uiBench;
      if (b.editorPainted < 0) return false;
      const lastLongTaskEnd = Math.max(0, ...b.longTasks.map((task) => task.start + task.duration));
      return performance.now() - Math.max(b.editorPainted, lastLongTaskEnd) >= quiet;
    },
      quietWindowMs,
      { polling: 100, timeout: 30_000 },
    )
    .catch(async (error: Error) => {
      const probe = await readProbe(page).catch(() => undefined);
      const shown = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.slice(0, 400)).catch(() => '?');
      await context.close();
      throw new Error(`${url} did not become interactive: ${error.message}; the page showed ${JSON.stringify(shown)}; the probe saw ${JSON.stringify(probe)}`);
    });
  const probe = await readProbe(page);
  const lastLongTaskEnd = Math.max(0, ...probe.longTasks.map((task) => task.start + task.duration));
  return { context, page, probe, firstRenderMs: probe.firstCellPainted, interactiveMs: Math.max(probe.editorPainted, lastLongTaskEnd) };
}

async function openingBenchmark(browser: Browser, bigUrl: string, oneUrl: string): Promise<void> {
  const big: Opened[] = [];
  const one: Opened[] = [];
  for (let run = 0; run <= openRuns; run++) {
    for (const [url, into] of [[bigUrl, big], [oneUrl, one]] as const) {
      const opened = await open(browser, url);
      await opened.context.close();
      if (run > 0) into.push(opened);
    }
  }
  const longest = (runs: Opened[]) => median(runs.map((run) => Math.max(0, ...run.probe.longTasks.map((task) => task.duration))));
  const worstFrame = describeWorstFrame(big.flatMap((run) => run.probe.frames));
  report({
    name: 'ui.open_1000_cells_first_render',
    unit: 'ms',
    value: median(big.map((run) => run.firstRenderMs)),
    baseline: median(one.map((run) => run.firstRenderMs)),
    baselineName: 'the same for a notebook of 1 cell',
    maxValue: 1500,
    extra: {
      runs: openRuns,
      cells_in_dom_at_first_render: big[0]?.probe.cellsAtFirstRender ?? 0,
      all_runs_ms: big.map((run) => Math.round(run.firstRenderMs)).join(' '),
    },
  });
  report({
    name: 'ui.open_1000_cells_interactive',
    unit: 'ms',
    value: median(big.map((run) => run.interactiveMs)),
    baseline: median(one.map((run) => run.interactiveMs)),
    baselineName: 'the same for a notebook of 1 cell',
    maxValue: 1500,
    extra: {
      runs: openRuns,
      first_editor_painted_ms: Math.round(median(big.map((run) => run.probe.editorPainted))),
      live_editors: big[0]?.probe.editorsAtInteractive ?? 0,
      long_tasks: median(big.map((run) => run.probe.longTasks.length)),
      longest_task_ms: Math.round(longest(big)),
      baseline_longest_task_ms: Math.round(longest(one)),
      worst_frame: worstFrame,
      all_runs_ms: big.map((run) => Math.round(run.interactiveMs)).join(' '),
    },
  });
}

/** The longest animation frame (Long Animation Frames API), and the scripts that took its time. */
function describeWorstFrame(frames: readonly LongFrame[]): string {
  const worst = frames.reduce<LongFrame | undefined>((best, frame) => (frame.duration > (best?.duration ?? -1) ? frame : best), undefined);
  if (worst === undefined) return 'none';
  const scripts = [...worst.scripts]
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3)
    .map((script) => `${script.invoker} ${script.fn || '?'}@${script.url.split('/').pop() ?? ''}:${script.at} ${Math.round(script.duration)}ms`);
  const render = worst.start + worst.duration - worst.renderStart;
  return `${Math.round(worst.duration)}ms at ${Math.round(worst.start)}ms (render ${Math.round(worst.renderStart > 0 ? render : 0)}ms): ${scripts.join('; ')}`;
}

interface Typed {
  /** Per key: keydown's time stamp → end of the first frame showing the change (ms). */
  readonly frameMs: number[];
  /** Per key: the same key's longest Event Timing entry (keydown, keypress, beforeinput, input), when one was reported (≥ 16 ms). */
  readonly eventTimingMs: (number | undefined)[];
  /** Per key with Event Timing entries: the time its handlers ran (processingStart → processingEnd, summed). */
  readonly handlersMs: number[];
  readonly unchanged: number;
}

/**
 * Clicks into the first code cell's editor, goes to its end, starts a new line, then types
 * `typedText` one key at a time, one key every `keyIntervalMs` (or as soon as the previous one
 * showed, if that took longer).
 */
async function typeInto(browser: Browser, url: string): Promise<Typed> {
  const { context, page } = await open(browser, url);
  try {
    let keysDone = 0;
    let wake: (() => void) | undefined;
    await page.exposeFunction('__uiBenchKeyDone', (count: number) => {
      keysDone = count;
      wake?.();
    });
    const cell = page.locator('.cell[data-cell-kind="code"]').first();
    await cell.locator('.monaco-editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await sleep(300);
    await cell.evaluate((element) => {
      (globalThis as unknown as { __uiBench: { typingCell: unknown } }).__uiBench.typingCell = element;
    });
    for (const [index, char] of [...typedText].entries()) {
      const started = performance.now();
      await page.keyboard.type(char);
      while (keysDone <= index) {
        const shown = await Promise.race([new Promise<true>((resolve) => (wake = () => resolve(true))), sleep(15_000, false)]);
        if (!shown) throw new Error(`${url}: the key ${JSON.stringify(char)} (number ${index + 1}) was not seen within 15 s`);
      }
      const left = keyIntervalMs - (performance.now() - started);
      if (left > 0) await sleep(left);
    }
    const probe = await readProbe(page);
    const keys = probe.keys;
    const entries = keys.map((key, index) => {
      const next = keys[index + 1]?.down ?? Infinity;
      return probe.events.filter((e) => ['keydown', 'keypress', 'beforeinput', 'input'].includes(e.name) && e.start >= key.down - 0.5 && e.start < next - 0.5);
    });
    return {
      frameMs: keys.map((key) => key.painted - key.down),
      eventTimingMs: entries.map((mine) => (mine.length === 0 ? undefined : Math.max(...mine.map((e) => e.duration)))),
      handlersMs: entries.filter((mine) => mine.length > 0).map((mine) => mine.reduce((sum, e) => sum + e.processingEnd - e.processingStart, 0)),
      unchanged: keys.filter((key) => !key.changed).length,
    };
  } finally {
    await context.close();
  }
}

/**
 * Keystroke to paint. The figure per key is the Event Timing API's `duration` where the browser
 * reported one — from the key's time stamp to the presentation of the next frame after its
 * handlers, raster and display included, rounded to 8 ms — and the probe's frame measure where it
 * did not: the API reports only events of 16 ms or more (its smallest threshold), so a key without
 * an entry took less than 16 ms and its finer figure comes from the frame measure (keydown's time
 * stamp → end of the first main-thread frame showing the change; see the probe).
 *
 * Beside them, the floor: the same keys typed into Monaco alone, set up as a cell's, on a page with
 * nothing of Tessera (`bare_monaco_*`; bench/ui/bare-editor). No notebook can type faster than that.
 */
async function typingBenchmark(browser: Browser, bigUrl: string, oneUrl: string, bareUrl: string): Promise<void> {
  const big = await typeInto(browser, bigUrl);
  const one = await typeInto(browser, oneUrl);
  const bare = await typeInto(browser, bareUrl);
  const perKey = (typed: Typed) => typed.frameMs.map((ms, index) => typed.eventTimingMs[index] ?? ms);
  const [value, baseline, floor] = [perKey(big), perKey(one), perKey(bare)];
  const reported = (typed: Typed) => typed.eventTimingMs.filter((ms) => ms !== undefined).length;
  report({
    name: 'ui.keystroke_to_paint_1000_cells_p95',
    unit: 'ms',
    value: percentile(value, 95),
    baseline: percentile(baseline, 95),
    baselineName: 'the same cell alone in a 1-cell notebook',
    maxValue: 16,
    extra: {
      keys: value.length,
      p50_ms: round1(percentile(value, 50)),
      max_ms: round1(Math.max(...value)),
      baseline_p50_ms: round1(percentile(baseline, 50)),
      frame_p50_ms: round1(percentile(big.frameMs, 50)),
      frame_p95_ms: round1(percentile(big.frameMs, 95)),
      baseline_frame_p50_ms: round1(percentile(one.frameMs, 50)),
      baseline_frame_p95_ms: round1(percentile(one.frameMs, 95)),
      event_timing_keys_over_16ms: reported(big),
      handlers_p50_ms: round1(median(big.handlersMs)),
      baseline_handlers_p50_ms: round1(median(one.handlersMs)),
      baseline_event_timing_keys_over_16ms: reported(one),
      keys_without_visible_change: big.unchanged,
      bare_monaco_p95_ms: round1(percentile(floor, 95)),
      bare_monaco_p50_ms: round1(percentile(floor, 50)),
      bare_monaco_event_timing_keys_over_16ms: reported(bare),
    },
  });
}

interface Streamed {
  readonly longestTaskMs: number;
  readonly longestCpuMs: number;
  readonly mostCpuMs: number;
  readonly breakdown: string;
  readonly busyMs: number;
  /** Main-thread tasks between the click and the last line shown. */
  readonly tasks: number;
  readonly windowMs: number;
  readonly longTasks: number;
  readonly longTaskTotalMs: number;
  readonly longTaskMaxMs: number;
  readonly worstFrame: string;
}

/** Scrolling runs per page (each in a fresh context). */
const scrollRuns = 3;

async function scrollingBenchmark(browser: Browser, bigUrl: string, sources: readonly string[]): Promise<void> {
  const notebook: number[] = [];
  const plain: number[] = [];
  const html = staticCodePage(sources);
  for (let run = 0; run < scrollRuns; run++) {
    const opened = await open(browser, bigUrl);
    notebook.push(await longestScrollFrame(opened.page, 600, 500));
    await opened.context.close();
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.setContent(html);
    plain.push(await longestScrollFrame(page, 600, 500));
    await context.close();
  }
  report({
    name: 'ui.scroll_longest_frame',
    unit: 'ms',
    value: median(notebook),
    baseline: median(plain),
    baselineName: 'the same scroll over a page of the same code as static <pre> blocks',
    maxValue: 50,
    extra: { runs: scrollRuns, all_runs_ms: notebook.map(Math.round).join(' '), baseline_all_runs_ms: plain.map(Math.round).join(' ') },
  });
}

/**
 * Runs the warm-up cell, then — with a Chromium trace and the Long Tasks API watching — the
 * printing cell, until it shows Evaluated and its last line is in the output.
 */
async function stream(browser: Browser, url: string, lines: number): Promise<Streamed> {
  const { context, page } = await open(browser, url);
  try {
    const cells = page.locator('.cell[data-cell-kind="code"]');
    await cells.nth(0).locator('.run-button').click();
    await cells.nth(0).locator('.cell-status[data-state="evaluated"]').waitFor();
    await sleep(300);
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    const started = await page.evaluate(() => {
      console.timeStamp('ui-bench-start');
      return performance.now();
    });
    await cells.nth(1).locator('.run-button').click();
    const last = String(lines - 1);
    const ended = await page
      .waitForFunction((lastLine) => (globalThis as unknown as { __uiBench: { printed(line: string): false | number } }).__uiBench.printed(lastLine), last, {
        polling: 25,
        timeout: 60_000,
      })
      .catch(async (error: Error) => {
        const seen = await page.evaluate(() => (globalThis as unknown as { __uiBench: { printedState: unknown } }).__uiBench.printedState).catch(() => undefined);
        throw new Error(`the cell printing ${lines} lines never showed its last line as evaluated: ${error.message}; last seen ${JSON.stringify(seen)}`);
      });
    const endedAt = (await ended.jsonValue()) as number;
    const trace = await browser.stopTracing();
    const tasks = mainThreadTasks(trace, 'ui-bench-start', 'ui-bench-end');
    const probe = await readProbe(page);
    const longTasks = probe.longTasks.filter((task) => task.start + task.duration >= started && task.start <= endedAt);
    const frames = probe.frames.filter((frame) => frame.start + frame.duration >= started && frame.start <= endedAt);
    return {
      longestTaskMs: tasks.longestMs,
      longestCpuMs: tasks.longestCpuMs,
      mostCpuMs: tasks.mostCpuMs,
      breakdown: tasks.longestBreakdown,
      busyMs: tasks.busyMs,
      tasks: tasks.tasks.length,
      windowMs: endedAt - started,
      longTasks: longTasks.length,
      longTaskTotalMs: longTasks.reduce((sum, task) => sum + task.duration, 0),
      longTaskMaxMs: Math.max(0, ...longTasks.map((task) => task.duration)),
      worstFrame: describeWorstFrame(frames),
    };
  } finally {
    await context.close();
  }
}

async function streamingBenchmark(browser: Browser, manyUrl: string, fewUrl: string): Promise<void> {
  const many: Streamed[] = [];
  const few: Streamed[] = [];
  for (let run = 0; run < streamRuns; run++) {
    many.push(await stream(browser, manyUrl, 100_000));
    few.push(await stream(browser, fewUrl, 100));
  }
  // The run whose longest task is the median one speaks for the rest.
  const typical = (runs: Streamed[]) => [...runs].sort((a, b) => a.longestTaskMs - b.longestTaskMs)[Math.floor(runs.length / 2)]!;
  const [value, baseline] = [typical(many), typical(few)];
  report({
    name: 'ui.print_100000_lines_longest_task',
    unit: 'ms',
    value: value.longestTaskMs,
    baseline: baseline.longestTaskMs,
    baselineName: 'the same for a cell printing 100 lines',
    maxValue: 50,
    extra: {
      runs: streamRuns,
      all_runs_ms: many.map((run) => Math.round(run.longestTaskMs)).join(' '),
      longest_task_cpu_ms: round1(value.longestCpuMs),
      most_cpu_in_one_task_ms: round1(value.mostCpuMs),
      baseline_most_cpu_in_one_task_ms: round1(baseline.mostCpuMs),
      run_to_last_line_ms: Math.round(value.windowMs),
      main_thread_busy_ms: Math.round(value.busyMs),
      tasks: value.tasks,
      long_tasks: value.longTasks,
      long_tasks_total_ms: Math.round(value.longTaskTotalMs),
      long_task_api_max_ms: Math.round(value.longTaskMaxMs),
      longest_task_did: value.breakdown,
      worst_frame: value.worstFrame,
      baseline_run_to_last_line_ms: Math.round(baseline.windowMs),
      baseline_main_thread_busy_ms: Math.round(baseline.busyMs),
      baseline_long_tasks: baseline.longTasks,
    },
  });
}
