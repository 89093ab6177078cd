import { median, quantile } from '@rapport/metrics';

/** The median of a benchmark's runs; the benches always have samples, so none is a bug. */
export function medianOf(values: number[]): number {
  const value = median(values);
  if (value === null) throw new Error('no samples');
  return value;
}

/** The p-quantile (0.95 for p95) of a benchmark's samples, interpolated between order statistics. */
export function percentileOf(values: number[], p: number): number {
  if (values.length === 0) throw new Error('no samples');
  return quantile(
    [...values].sort((a, b) => a - b),
    p,
  );
}
