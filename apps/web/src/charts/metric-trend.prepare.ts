import type { MetricUnit } from '../lib/api-types.ts';
import { chartScale, formatDay } from '../lib/format.ts';

export interface MetricTrendInput {
  period: string;
  agent: number | null;
  agentN: number;
  team: number | null;
}

export interface MetricTrendPoint {
  period: string;
  label: string;
  /** In the axis unit (seconds, percent, …); null leaves a gap, never a fake zero. */
  agent: number | null;
  team: number | null;
  agentN: number;
}

export interface MetricTrendSeries {
  points: MetricTrendPoint[];
  /** The axis unit's suffix: ' s', ' %' or '' for counts and scores. */
  unit: string;
  /** Weeks in which the agent has a value: a chart with none says so instead of drawing an empty frame. */
  agentWeeks: number;
}

/** API trend points → chart rows in the metric's display unit, in time order, gaps kept as null. */
export function prepareMetricTrend(points: readonly MetricTrendInput[], unit: MetricUnit): MetricTrendSeries {
  const values = points.flatMap((p) => [p.agent, p.team]).filter((v): v is number => v !== null);
  const { suffix, scale } = chartScale(unit, Math.max(0, ...values));
  const rows = [...points]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((p) => ({
      period: p.period,
      label: formatDay(p.period),
      agent: p.agent === null ? null : round(scale(p.agent)),
      team: p.team === null ? null : round(scale(p.team)),
      agentN: p.agentN,
    }));
  return { points: rows, unit: suffix, agentWeeks: rows.filter((r) => r.agent !== null).length };
}

function round(value: number): number {
  return Math.round(value * 1_000) / 1_000;
}
