/**
 * Robust location and spread for comparing one agent with the team. The median and the median absolute
 * deviation (MAD) ignore a few extreme agents, so one outlier cannot hide another or flag everyone else.
 */

/**
 * 1 / Φ⁻¹(3/4): for normally distributed data, 1.4826 · MAD estimates the standard deviation σ, so one
 * robust unit reads like one standard deviation.
 */
export const MAD_TO_SIGMA = 1.4826;

/**
 * √(π/2): for normally distributed data the mean absolute deviation is σ·√(2/π), so 1.2533 times it
 * estimates σ. The fallback scale when more than half of the team shares the median value (MAD = 0).
 */
export const MEAN_ABSOLUTE_DEVIATION_TO_SIGMA = 1.2533;

/** The middle value; the mean of the two middle values for an even count; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Median absolute deviation from the median, unscaled (multiply by MAD_TO_SIGMA to estimate σ). */
export function mad(values: readonly number[]): number | null {
  const center = median(values);
  return center === null ? null : median(values.map((v) => Math.abs(v - center)));
}

/** Mean absolute deviation from the median (not from the mean: the same center as the MAD). */
export function meanAbsoluteDeviation(values: readonly number[]): number | null {
  const center = median(values);
  if (center === null) return null;
  return values.reduce((sum, v) => sum + Math.abs(v - center), 0) / values.length;
}

export interface RobustSpread {
  median: number;
  /**
   * Estimated σ: 1.4826 · MAD; when the MAD is 0, 1.2533 · mean absolute deviation; when that is 0 too
   * (every value equal), null: the values have no spread to measure a distance in.
   */
  scale: number | null;
  basis: 'mad' | 'meanAbsoluteDeviation' | null;
}

/** Median and σ estimate of a sample; null for an empty sample. */
export function robustSpread(values: readonly number[]): RobustSpread | null {
  const center = median(values);
  if (center === null) return null;
  const madValue = mad(values) ?? 0;
  if (madValue > 0) return { median: center, scale: MAD_TO_SIGMA * madValue, basis: 'mad' };
  const meanDeviation = meanAbsoluteDeviation(values) ?? 0;
  if (meanDeviation > 0) {
    return {
      median: center,
      scale: MEAN_ABSOLUTE_DEVIATION_TO_SIGMA * meanDeviation,
      basis: 'meanAbsoluteDeviation',
    };
  }
  return { median: center, scale: null, basis: null };
}

/**
 * (value − median) / scale, in robust units (≈ standard deviations). A value equal to the median is 0
 * whatever the spread. With no spread at all (every team value equal) any other value has no z: an
 * infinite or capped z would turn a one-conversation difference from a unanimous team into the most
 * severe finding; the caller falls back on the target instead.
 */
export function robustZ(value: number, spread: RobustSpread | null): number | null {
  if (spread === null) return null;
  if (value === spread.median) return 0;
  return spread.scale === null ? null : (value - spread.median) / spread.scale;
}
