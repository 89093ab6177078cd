import { median } from '@rapport/metrics';

/** The median of a benchmark's runs; the benches always have samples, so none is a bug. */
export function medianOf(values: number[]): number {
  const value = median(values);
  if (value === null) throw new Error('no samples');
  return value;
}
