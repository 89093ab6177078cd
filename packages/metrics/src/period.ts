import { type Fraction, METRICS, type MetricId } from './catalog.ts';

/** What an agent (or team) accumulated over a period: sums of per-conversation fractions. */
export interface PeriodTotals {
  conversations: number;
  activeDays: number;
  sums: Partial<Record<MetricId, Fraction>>;
  responseGapsMs: number[];
  /** Conversations behind each metric (those where it applied): the `n` shown beside a value. */
  counts?: Partial<Record<MetricId, number>>;
}

export type MetricValues = Record<MetricId, number | null>;

/** Nearest-rank percentile (METRICS.md): the value at rank ceil(p·n) of the sorted sample. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per pair: an overview sorts thousands.
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Period value of every metric; an empty denominator gives null, never 0. */
export function periodValues(totals: PeriodTotals): MetricValues {
  const values = {} as MetricValues;
  for (const metric of METRICS) {
    values[metric.id] = periodValue(metric.id, metric.aggregate, totals);
  }
  return values;
}

function periodValue(id: MetricId, aggregate: string, totals: PeriodTotals): number | null {
  if (aggregate === 'p90') return nearestRank(totals.responseGapsMs, 0.9);
  if (aggregate === 'perActiveDay') {
    return totals.activeDays === 0 ? null : totals.conversations / totals.activeDays;
  }
  const sum = totals.sums[id];
  return sum && sum.den > 0 ? sum.num / sum.den : null;
}

/** The sample size behind a metric's period value: conversations where the metric applied. */
export function sampleSize(id: MetricId, totals: PeriodTotals): number {
  if (id === 'conversationsPerDay') return totals.conversations;
  if (id === 'responseTimeP90Ms') return totals.counts?.responseTimeMs ?? 0;
  return totals.counts?.[id] ?? 0;
}

/** Adds one conversation's fractions into running sums. */
export function addFractions(
  into: Partial<Record<MetricId, Fraction>>,
  from: Partial<Record<MetricId, Fraction>>,
): void {
  for (const [id, f] of Object.entries(from) as [MetricId, Fraction][]) {
    const sum = into[id] ?? { num: 0, den: 0 };
    sum.num += f.num;
    sum.den += f.den;
    into[id] = sum;
  }
}
