/**
 * Reads a Chromium trace (what `browser.stopTracing()` returns) for the page's main thread: every
 * task it ran between two `console.timeStamp` markers the page wrote, and what the longest one
 * spent its time on. The Long Tasks API reports only tasks of 50 ms or more; the trace has every
 * task, so a figure under 50 ms (a baseline, or a goal met) is still a number.
 */

interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time, when the trace has it. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: Record<string, unknown> };
}

export interface MainThreadTasks {
  /** Each task's duration in ms, in the order they ran. */
  readonly tasks: readonly number[];
  readonly longestMs: number;
  /** The CPU time of that longest task (less than its wall time when the OS ran something else meanwhile); NaN if the trace lacks it. */
  readonly longestCpuMs: number;
  /** The most CPU time any one task took. */
  readonly mostCpuMs: number;
  /** The longest task's time by what it did directly (script, style, layout, paint, GC, …), largest first. */
  readonly longestBreakdown: string;
  /** Time the main thread spent in tasks between the markers. */
  readonly busyMs: number;
  /** Time between the markers. */
  readonly windowMs: number;
}

const isTask = (event: TraceEvent) => event.ph === 'X' && (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask');

export function mainThreadTasks(trace: Buffer | string, startMarker: string, endMarker: string): MainThreadTasks {
  const events = (JSON.parse(String(trace)) as { traceEvents: TraceEvent[] }).traceEvents;
  const marker = (label: string) => events.find((event) => event.name === 'TimeStamp' && event.args?.data?.['message'] === label);
  const start = marker(startMarker);
  const end = marker(endMarker);
  if (start === undefined || end === undefined) throw new Error(`the trace lacks the markers ${startMarker} / ${endMarker}`);
  // The page's main thread is the one that wrote the markers.
  const onMain = events.filter((event) => event.pid === start.pid && event.tid === start.tid);
  const tasks = onMain.filter((event) => isTask(event) && event.ts + (event.dur ?? 0) >= start.ts && event.ts <= end.ts);
  const durations = tasks.map((task) => (task.dur ?? 0) / 1000);
  const longest = tasks.reduce<TraceEvent | undefined>((best, task) => ((task.dur ?? 0) > (best?.dur ?? -1) ? task : best), undefined);
  return {
    tasks: durations,
    longestMs: longest === undefined ? 0 : (longest.dur ?? 0) / 1000,
    longestCpuMs: longest?.tdur === undefined ? NaN : longest.tdur / 1000,
    mostCpuMs: Math.max(0, ...tasks.map((task) => (task.tdur ?? 0) / 1000)),
    longestBreakdown: longest === undefined ? '' : breakdown(longest, onMain),
    busyMs: durations.reduce((sum, ms) => sum + ms, 0),
    windowMs: (end.ts - start.ts) / 1000,
  };
}

/**
 * What the task spent its time on: the exclusive (self) time of each kind of event nested in it —
 * script (`FunctionCall`, `EventDispatch`, `TimerFire`, …), style, layout, paint, GC — summed by name,
 * largest first; `(task)` is time in the task under no event the trace names.
 */
function breakdown(task: TraceEvent, thread: readonly TraceEvent[]): string {
  const taskEnd = task.ts + (task.dur ?? 0);
  const inside = thread
    .filter((event) => event !== task && event.ph === 'X' && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= taskEnd && !isTask(event))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals = new Map<string, number>();
  const add = (name: string, us: number) => totals.set(name, (totals.get(name) ?? 0) + us / 1000);
  const label = (event: TraceEvent) => {
    const data = event.args?.data;
    if (typeof data?.['functionName'] === 'string' && data['functionName'] !== '') return `${event.name}(${data['functionName']})`;
    if (typeof data?.['type'] === 'string') return `${event.name}(${data['type']})`;
    return event.name;
  };
  // A stack of the events enclosing the current one; each event's self time is its duration less its children's.
  interface Open {
    readonly event: TraceEvent;
    readonly end: number;
    childUs: number;
  }
  const stack: Open[] = [{ event: task, end: taskEnd, childUs: 0 }];
  const close = (open: Open) => add(open.event === task ? '(task)' : label(open.event), (open.event.dur ?? 0) - open.childUs);
  for (const event of inside) {
    while (stack.length > 1 && event.ts >= (stack.at(-1)?.end ?? 0)) close(stack.pop()!);
    const parent = stack.at(-1)!;
    parent.childUs += event.dur ?? 0;
    stack.push({ event, end: event.ts + (event.dur ?? 0), childUs: 0 });
  }
  while (stack.length > 0) close(stack.pop()!);
  return [...totals]
    .filter(([, ms]) => ms >= 0.1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}ms`)
    .join(', ');
}
