import { durationScale, formatDay } from '../lib/format.ts';

export interface WeeklyResponseInput {
  week: string;
  responseTimeMs: number | null;
  responseTimeP90Ms: number | null;
  conversations: number;
}

export interface WeeklyResponsePoint {
  week: string;
  label: string;
  /** In the series unit; null leaves a gap in the line instead of a fake zero. */
  mean: number | null;
  p90: number | null;
  conversations: number;
}

export interface WeeklyResponseSeries {
  points: WeeklyResponsePoint[];
  /** ' s', ' min' or ' h': whichever suits the largest value. */
  unit: string;
}

/** API series → chart rows: one duration unit for the axis, readable week labels, gaps kept as null. */
export function prepareWeeklyResponse(series: readonly WeeklyResponseInput[]): WeeklyResponseSeries {
  const values = series.flatMap((p) => [p.responseTimeMs, p.responseTimeP90Ms]).filter((v) => v !== null);
  const { suffix, scale } = durationScale(Math.max(0, ...values));
  const round = (v: number | null) => (v === null ? null : Math.round(scale(v) * 100) / 100);
  return {
    unit: suffix,
    points: [...series]
      .sort((a, b) => a.week.localeCompare(b.week))
      .map((p) => ({
        week: p.week,
        label: formatDay(p.week),
        mean: round(p.responseTimeMs),
        p90: round(p.responseTimeP90Ms),
        conversations: p.conversations,
      })),
  };
}
