/**
 * How benchmarks report: one JSON line per figure, each beside a baseline measured in the same
 * run, so that the ratio means something on a noisy machine where absolute times do not.
 */

export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline: number;
  /** What the baseline is, in words. */
  readonly baselineName: string;
  /** The goal on the ratio value / baseline, when the issue sets one (e.g. 1.5 for "≤ 1.5×"). */
  readonly maxRatio?: number;
  /** The goal on the value itself, when the issue sets an absolute one (e.g. "< 200 ms"). */
  readonly maxValue?: number;
  /** The goal on the value itself when more is better (e.g. "≥ 1 000 000 lines/s"). */
  readonly minValue?: number;
  /** Anything else worth printing with the figure. */
  readonly extra?: Readonly<Record<string, number | string>>;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function report(figure: Figure): void {
  const ratio = figure.value / figure.baseline;
  console.log(
    JSON.stringify({
      name: figure.name,
      value: round(figure.value),
      unit: figure.unit,
      baseline: round(figure.baseline),
      baselineName: figure.baselineName,
      ratio: round(ratio),
      ...(figure.maxRatio !== undefined ? { goal: `ratio <= ${figure.maxRatio}`, met: ratio <= figure.maxRatio } : {}),
      ...(figure.maxValue !== undefined ? { goal: `value < ${figure.maxValue}`, met: figure.value < figure.maxValue } : {}),
      ...(figure.minValue !== undefined ? { goal: `value >= ${figure.minValue}`, met: figure.value >= figure.minValue } : {}),
      ...figure.extra,
    }),
  );
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export async function timeIt(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
