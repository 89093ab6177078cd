/**
 * Did a metric change after a coaching session, or is the change within noise?
 *
 * Method (percentile bootstrap of the difference, two independent samples):
 * 1. The unit is the conversation: each window (before / after the session) is the list of the agent's
 *    per-conversation fractions `{ num, den }` of that metric. The window's value is the ratio of sums
 *    `Σ num / Σ den`, the same pooled value the scorecard shows (not a mean of per-conversation ratios).
 * 2. Each of `resamples` rounds (default 2,000) draws as many conversations as each window holds, with
 *    replacement, from that window alone (the before draws first, then the after draws), and records
 *    `value(after*) − value(before*)`. Rounds where a value is undefined (a zero denominator) are dropped;
 *    when more than half are, there is no interval.
 * 3. The interval is the 2.5th and 97.5th percentiles of the recorded differences (for the default 95 %;
 *    linear interpolation between order statistics). The change is significant when it excludes 0.
 * 4. Windows with fewer than `minSample` units (default 5, the floor below which coaching flags nothing)
 *    get no interval: a bootstrap of two or three conversations is far narrower than the truth.
 *
 * Deterministic: every draw comes from the `random` function passed in (`seededRandom(seed)`), so the
 * same samples and seed give the same interval. Pure: no clock, no I/O.
 */
import type { Fraction } from '../catalog.ts';

export const CHANGE_RESAMPLES = 2_000;
export const CHANGE_CONFIDENCE = 0.95;
export const MIN_CHANGE_SAMPLE = 5;

export interface ChangeOptions {
  /** Uniform numbers in [0, 1); pass `seededRandom(seed)` for reproducible intervals. */
  random: () => number;
  resamples?: number;
  confidence?: number;
  minSample?: number;
}

export interface MetricChange {
  before: number | null;
  after: number | null;
  /** after − before; null when either window has no value. */
  difference: number | null;
  /** Bootstrap interval of the difference; null when a window is too small or values are undefined. */
  interval: { low: number; high: number } | null;
  /** The interval excludes 0. */
  significant: boolean;
}

/** Σ num / Σ den; null for an empty sample or a zero denominator (never 0). */
export function ratioOfSums(sample: readonly Fraction[]): number | null {
  let num = 0;
  let den = 0;
  for (const f of sample) {
    num += f.num;
    den += f.den;
  }
  return den > 0 ? num / den : null;
}

/** The change of a ratio-of-sums metric between two windows of per-conversation fractions. */
export function fractionChange(
  before: readonly Fraction[],
  after: readonly Fraction[],
  options: ChangeOptions,
): MetricChange {
  return bootstrapChange(before, after, ratioOfSums, options);
}

/**
 * The same bootstrap for any statistic over a window's units (e.g. the nearest-rank p90 of the gaps
 * pooled over resampled conversations).
 */
export function bootstrapChange<T>(
  before: readonly T[],
  after: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  options: ChangeOptions,
): MetricChange {
  const beforeValue = statistic(before);
  const afterValue = statistic(after);
  const difference = beforeValue === null || afterValue === null ? null : afterValue - beforeValue;
  const point = { before: beforeValue, after: afterValue, difference };
  const minSample = options.minSample ?? MIN_CHANGE_SAMPLE;
  if (difference === null || before.length < minSample || after.length < minSample) {
    return { ...point, interval: null, significant: false };
  }

  const resamples = options.resamples ?? CHANGE_RESAMPLES;
  const differences: number[] = [];
  for (let round = 0; round < resamples; round++) {
    const b = statistic(resample(before, options.random));
    const a = statistic(resample(after, options.random));
    if (a !== null && b !== null) differences.push(a - b);
  }
  if (differences.length * 2 < resamples) return { ...point, interval: null, significant: false };

  differences.sort((x, y) => x - y);
  const alpha = 1 - (options.confidence ?? CHANGE_CONFIDENCE);
  const interval = { low: quantile(differences, alpha / 2), high: quantile(differences, 1 - alpha / 2) };
  return { ...point, interval, significant: interval.low > 0 || interval.high < 0 };
}

function resample<T>(units: readonly T[], random: () => number): T[] {
  const drawn = new Array<T>(units.length);
  for (let i = 0; i < units.length; i++) drawn[i] = units[Math.floor(random() * units.length)] as T;
  return drawn;
}

/** Linear interpolation between order statistics of a sorted, non-empty sample (R's type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const below = sorted[lower] as number;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return below + (above - below) * (position - lower);
}

/**
 * mulberry32: a small, fast 32-bit generator, plenty for resampling (not for secrets). The same seed
 * gives the same sequence on every platform.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
