/**
 * What the UI benchmarks install in the page before any of its own scripts run (an init script):
 * observers of the performance timeline and of the DOM, whose findings collect in
 * `window.__uiBench` for the benchmark to read. It is a string, not a function, because it runs in
 * the browser and bench/ is type-checked without the DOM's types.
 *
 * Times are `performance.now()` of the page, i.e. milliseconds since its navigation started.
 *
 * "After the next frame" (`afterNextFrame`): a `requestAnimationFrame` callback, then a message
 * posted from it. rAF callbacks run at the start of a frame's rendering step; the message's task
 * runs only once that step (the other rAF callbacks, Monaco's rendering among them, style, layout,
 * paint and the commit to the compositor) is over. So its time is when the main thread has handed
 * the frame that shows the change to the compositor; what is left (raster, display) happens off
 * the main thread and is what the Event Timing API adds on top.
 */

export const pageProbe = String.raw`(() => {
  const b = {
    supported: {},
    longTasks: [],
    frames: [],
    events: [],
    keys: [],
    firstCellSeen: -1,
    firstCellPainted: -1,
    cellsAtFirstRender: 0,
    editorSeen: -1,
    editorPainted: -1,
    editorsAtInteractive: 0,
    typingCell: null,
  };
  window.__uiBench = b;

  const observe = (type, onEntry, options) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true, ...options });
      b.supported[type] = true;
    } catch {
      b.supported[type] = false;
    }
  };
  observe('longtask', (e) => b.longTasks.push({ start: e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) =>
    b.frames.push({
      start: e.startTime,
      duration: e.duration,
      blocking: e.blockingDuration,
      renderStart: e.renderStart,
      styleAndLayoutStart: e.styleAndLayoutStart,
      scripts: e.scripts.map((s) => ({
        invoker: s.invoker,
        fn: s.sourceFunctionName,
        url: s.sourceURL,
        at: s.sourceCharPosition,
        duration: s.duration,
        forcedLayout: s.forcedStyleAndLayoutDuration,
      })),
    }),
  );
  // 16 ms is the smallest threshold the Event Timing API accepts: quicker events are not reported.
  observe('event', (e) => b.events.push({ name: e.name, start: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd }), { durationThreshold: 16 });

  const afterNextFrame = (then) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => then(performance.now());
      channel.port2.postMessage(null);
    });
  b.afterNextFrame = afterNextFrame;

  // Opening: the first cell in the DOM, and the first code cell's live Monaco editor with its lines.
  const firstCodeEditorLines = () => document.querySelector('.cell[data-cell-kind="code"]')?.querySelector('.monaco-editor .view-lines .view-line') ?? null;
  const watcher = new MutationObserver(() => {
    if (b.firstCellSeen < 0 && document.querySelector('.cell') !== null) {
      b.firstCellSeen = performance.now();
      b.cellsAtFirstRender = document.querySelectorAll('.cell').length;
      afterNextFrame((t) => (b.firstCellPainted = t));
    }
    if (b.firstCellSeen >= 0 && b.editorSeen < 0 && firstCodeEditorLines() !== null) {
      b.editorSeen = performance.now();
      afterNextFrame((t) => {
        b.editorPainted = t;
        b.editorsAtInteractive = document.querySelectorAll('.cell .monaco-editor').length;
      });
      watcher.disconnect();
    }
  });
  watcher.observe(document, { childList: true, subtree: true });

  // Typing: once b.typingCell is set, each keydown is timed from the event's own time stamp (when
  // the browser took the key, so waiting for a busy main thread counts) to the end of the first
  // frame after which the cell's editor shows a change: its text, or its cursor's place (typing a
  // closing bracket Monaco inserted itself only moves the cursor). At most 30 frames are awaited.
  const signature = (cell) => {
    const lines = cell.querySelector('.view-lines');
    const cursor = cell.querySelector('.cursors-layer .cursor');
    return (lines?.textContent ?? '') + '|' + (cursor === null ? '' : cursor.style.top + ',' + cursor.style.left);
  };
  addEventListener(
    'keydown',
    (event) => {
      const cell = b.typingCell;
      if (cell === null) return;
      const before = signature(cell);
      const key = { key: event.key, down: event.timeStamp, painted: -1, frames: 0, changed: false };
      const check = () =>
        afterNextFrame((now) => {
          key.frames++;
          key.changed = signature(cell) !== before;
          if (!key.changed && key.frames < 30) return check();
          key.painted = now;
          b.keys.push(key);
          window.__uiBenchKeyDone?.(b.keys.length);
        });
      check();
    },
    true,
  );

  // Printing: whether the second code cell shows Evaluated and its last output line is lastLine
  // (the last non-empty row of a long, virtualised output — the list can end in a blank row —; the
  // last line of a short one). When it is, the trace gets its end marker and the time is returned.
  b.printed = (lastLine) => {
    const cell = document.querySelectorAll('.cell[data-cell-kind="code"]')[1];
    const rows = [...(cell?.querySelectorAll('.virtual-line') ?? [])].map((row) => row.textContent).filter((text) => text !== '');
    const text = rows.length > 0 ? rows[rows.length - 1] : cell?.querySelector('.output-text')?.textContent?.trim().split('\n').pop();
    const state = cell?.querySelector('.cell-status')?.getAttribute('data-state');
    b.printedState = { state, lastRows: rows.slice(-3) };
    if (state !== 'evaluated' || text !== lastLine) return false;
    console.timeStamp('ui-bench-end');
    return performance.now();
  };
})();`;

/** The shape of `window.__uiBench` as the benchmark reads it back. */
export interface ProbeState {
  readonly supported: Readonly<Record<string, boolean>>;
  readonly longTasks: readonly { start: number; duration: number }[];
  readonly frames: readonly LongFrame[];
  readonly events: readonly { name: string; start: number; duration: number; processingStart: number; processingEnd: number }[];
  readonly keys: readonly { key: string; down: number; painted: number; frames: number; changed: boolean }[];
  readonly firstCellSeen: number;
  readonly firstCellPainted: number;
  readonly cellsAtFirstRender: number;
  readonly editorSeen: number;
  readonly editorPainted: number;
  readonly editorsAtInteractive: number;
}

export interface LongFrame {
  readonly start: number;
  readonly duration: number;
  readonly blocking: number;
  readonly renderStart: number;
  readonly styleAndLayoutStart: number;
  readonly scripts: readonly { invoker: string; fn: string; url: string; at: number; duration: number; forcedLayout: number }[];
}
