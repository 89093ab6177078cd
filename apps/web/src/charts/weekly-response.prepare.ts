import { formatDay } from '../lib/format.ts';

export interface WeeklyResponseInput {
  week: string;
  responseTimeMs: number | null;
  responseTimeP90Ms: number | null;
  conversations: number;
}

export interface WeeklyResponsePoint {
  week: string;
  label: string;
  /** Seconds; null leaves a gap in the line instead of a fake zero. */
  meanSeconds: number | null;
  p90Seconds: number | null;
  conversations: number;
}

/** API series → chart rows: seconds for the axis, readable week labels, gaps kept as null. */
export function prepareWeeklyResponse(series: readonly WeeklyResponseInput[]): WeeklyResponsePoint[] {
  return [...series]
    .sort((a, b) => a.week.localeCompare(b.week))
    .map((p) => ({
      week: p.week,
      label: formatDay(p.week),
      meanSeconds: p.responseTimeMs === null ? null : p.responseTimeMs / 1_000,
      p90Seconds: p.responseTimeP90Ms === null ? null : p.responseTimeP90Ms / 1_000,
      conversations: p.conversations,
    }));
}
