/**
 * The benchmark harness's shared pieces: the result entry every bench module
 * returns, and a small timing helper (warm-up, several rounds, median).
 */

/** One measured figure. `ratio = value / baseline`; `pass` says whether `ratio` (or `value`) meets `target`. */
export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
  /** The figure it is compared with, in the same unit (e.g. raw xstate), or null. */
  baseline: number | null;
  ratio: number | null;
  /** The ratio to stay at or under (or the value, when there is no baseline), or null for information only. */
  target: number | null;
  pass: boolean | null;
}

/** A bench module: `export default async function (): Promise<BenchEntry[]>`. */
export type BenchModule = { default: () => Promise<BenchEntry[]> };

export interface TimingOptions {
  /** Calls before measuring, so the JIT has settled. */
  warmup?: number;
  /** Measured rounds; the median is reported. */
  rounds?: number;
  /** Calls per round. */
  iterations?: number;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(fn: () => unknown, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / iterations;
}

/** Times `fn`: milliseconds per call, the median of `rounds` rounds after a warm-up. */
export function time(fn: () => unknown, options: TimingOptions = {}): { msPerCall: number; rounds: number[] } {
  const { warmup = 200, rounds = 9, iterations = 500 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const results = Array.from({ length: rounds }, () => round(fn, iterations));
  return { msPerCall: median(results), rounds: results };
}

/**
 * Times `subject` against `baseline` in the same run, rounds interleaved so
 * both see the same machine conditions, and returns one entry with the ratio.
 */
export function compare(
  name: string,
  subject: () => unknown,
  baseline: () => unknown,
  options: TimingOptions & { target: number | null; unit?: 'µs' | 'ms' },
): BenchEntry {
  const { warmup = 200, rounds = 9, iterations = 500, target, unit = 'µs' } = options;
  for (let i = 0; i < warmup; i++) {
    subject();
    baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(round(subject, iterations));
    b.push(round(baseline, iterations));
  }
  const scale = unit === 'µs' ? 1000 : 1;
  const value = median(a) * scale;
  const base = median(b) * scale;
  const ratio = value / base;
  return { name, value, unit: `${unit}/op`, baseline: base, ratio, target, pass: target === null ? null : ratio <= target };
}

/** An entry for a figure with no baseline (throughput, latency…). */
export function figure(name: string, value: number, unit: string, target: number | null = null, lowerIsBetter = true): BenchEntry {
  const pass = target === null ? null : lowerIsBetter ? value <= target : value >= target;
  return { name, value, unit, baseline: null, ratio: null, target, pass };
}
