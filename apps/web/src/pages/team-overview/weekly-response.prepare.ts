import { bucketsOf, type DayRange } from '@rapport/metrics/calendar';
import { durationScale, formatDay } from '../../lib/format.ts';

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

/**
 * API series → chart rows: one row for every Monday-started week that touches the period, whether the
 * API listed it or not (a week without data is null, so the line breaks there instead of bridging it),
 * one duration unit for the axis, readable week labels.
 */
export function prepareWeeklyResponse(
  series: readonly WeeklyResponseInput[],
  period: DayRange,
): WeeklyResponseSeries {
  const values = series.flatMap((p) => [p.responseTimeMs, p.responseTimeP90Ms]).filter((v) => v !== null);
  const { suffix, scale } = durationScale(Math.max(0, ...values));
  const round = (v: number | null) => (v === null ? null : Math.round(scale(v) * 100) / 100);
  const byWeek = new Map(series.map((p) => [p.week, p]));
  return {
    unit: suffix,
    points: bucketsOf(period, 'week').map((week) => {
      const p = byWeek.get(week);
      return {
        week,
        label: formatDay(week),
        mean: round(p?.responseTimeMs ?? null),
        p90: round(p?.responseTimeP90Ms ?? null),
        conversations: p?.conversations ?? 0,
      };
    }),
  };
}
