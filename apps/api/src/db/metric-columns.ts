import { METRIC_IDS, type MetricId } from '@rapport/metrics';

/**
 * Storage names of a metric's fraction, `firstResponseMs` → `first_response_ms_num` / `_den`, and in
 * rollups `_n`, the number of conversations behind the sums.
 */
export function metricColumns(id: MetricId): { num: string; den: string; n: string } {
  const base = id.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
  return { num: `${base}_num`, den: `${base}_den`, n: `${base}_n` };
}

/** Metrics stored as fractions (all but the ones aggregated from other columns). */
export const FRACTION_METRICS: readonly MetricId[] = METRIC_IDS.filter(
  (id) => id !== 'responseTimeP90Ms' && id !== 'conversationsPerDay',
);
