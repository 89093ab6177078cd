import type { CoachingDirection } from './targets.ts';

/** How an agent's weekly values move over the last 8 weeks, judged in the metric's direction. */
export type CoachingTrend = 'improving' | 'steady' | 'worsening' | 'not enough data';

/** One week of one metric: the agent's value and the conversations behind it (null and 0: no data). */
export interface CoachingWeek {
  /** Sorts chronologically as a string: the ISO date of the week's Monday, or a zero-padded ISO week. */
  week: string;
  value: number | null;
  n: number;
}

export const TREND_WEEKS = 8;
/** A slope through fewer usable weeks says more about one odd week than about a direction. */
export const MIN_TREND_WEEKS = 4;
/**
 * Steady band, in robust units of the team per week: the line must move at least 0.1 team σ a week
 * (0.7 σ across the 8 weeks, most of the one unit that flags an agent) to count as a change.
 */
export const TREND_BAND_PER_WEEK = 0.1;

export interface WeightedPoint {
  x: number;
  y: number;
  w: number;
}

/** Weighted least-squares slope of y on x; null with fewer than two distinct x or no weight. */
export function weightedSlope(points: readonly WeightedPoint[]): number | null {
  const totalWeight = points.reduce((sum, p) => sum + p.w, 0);
  if (totalWeight <= 0) return null;
  const meanX = points.reduce((sum, p) => sum + p.w * p.x, 0) / totalWeight;
  const meanY = points.reduce((sum, p) => sum + p.w * p.y, 0) / totalWeight;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += p.w * (p.x - meanX) * (p.y - meanY);
    sxx += p.w * (p.x - meanX) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}

export interface TrendResult {
  trend: CoachingTrend;
  /** Fitted change per week in the metric's unit; null when it could not be fitted. */
  slopePerWeek: number | null;
  /** Weeks that entered the fit (value present, n ≥ 1). */
  weeks: number;
}

/**
 * The trend of the `TREND_WEEKS` latest weeks given. Each week keeps its position (x = its index among
 * them), so weeks without data leave a gap rather than closing up: give one entry per week. The fit is
 * weighted by n, since a weekly value's variance shrinks as 1/n; it needs `MIN_TREND_WEEKS` weeks with
 * n ≥ 1. `scale` is the yardstick of the steady band: the team's robust σ (the caller falls back on
 * |target| where the team has no spread); without one the trend is 'not enough data'.
 */
export function weeklyTrend(
  weeks: readonly CoachingWeek[],
  direction: CoachingDirection,
  scale: number | null,
): TrendResult {
  const latest = [...weeks]
    .sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0))
    .slice(-TREND_WEEKS);
  const points: WeightedPoint[] = [];
  latest.forEach((week, x) => {
    if (week.value !== null && Number.isFinite(week.value) && week.n >= 1) {
      points.push({ x, y: week.value, w: week.n });
    }
  });
  if (points.length < MIN_TREND_WEEKS) {
    return { trend: 'not enough data', slopePerWeek: null, weeks: points.length };
  }
  const slopePerWeek = weightedSlope(points);
  if (slopePerWeek === null || scale === null || !(scale > 0)) {
    return { trend: 'not enough data', slopePerWeek, weeks: points.length };
  }
  const improvementPerWeek = direction === 'higher' ? slopePerWeek : -slopePerWeek;
  const band = TREND_BAND_PER_WEEK * scale;
  const trend =
    improvementPerWeek >= band ? 'improving' : improvementPerWeek <= -band ? 'worsening' : 'steady';
  return { trend, slopePerWeek, weeks: points.length };
}
