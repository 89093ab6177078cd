import { bucketsOf, type DayRange, type MetricId, type PeriodTotals, periodValues } from '@rapport/metrics';

/** Everything the review packet prints, gathered before drawing: review-pdf.ts only lays it out. */
export interface ReviewPacket {
  period: DayRange;
  generatedAt: Date;
  timeZone: string;
  sections: AgentReview[];
}

export interface AgentReview {
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  conversations: number;
  /** The metric definitions the numbers were computed with ("v2"). */
  definitions: string;
  /** The dashboard's scorecard rows (scorecard-detail.ts): the same values, sample sizes and team medians. */
  scorecard: PacketMetric[];
  trends: MetricTrend[];
  coaching: CoachingEntry[];
}

export interface PacketMetric {
  id: MetricId;
  label: string;
  value: number | null;
  /** Conversations behind the value. */
  n: number;
  teamMedian: number | null;
  /** The organisation's bar: met at or below (`lower`) or at or above (`higher`) the value. */
  target: { direction: 'lower' | 'higher'; value: number } | null;
}

export interface MetricTrend {
  metric: MetricId;
  /** One point per week of the period (weeks start on Monday); null where the agent had no data. */
  points: { week: string; value: number | null }[];
}

export interface CoachingEntry {
  date: string;
  focusMetrics: string[];
  /** null where the reader may not see notes (HR). */
  note: string | null;
  coach: string | null;
  acknowledgedAt: string | null;
}

/** The behaviours a review meeting usually opens with: speed, empathy, outcome, satisfaction. */
export const TREND_METRICS = [
  'responseTimeMs',
  'empathyRate',
  'resolutionRate',
  'csat',
] as const satisfies readonly MetricId[];

/** A value per week for each trend metric; weeks without conversations stay null (a gap, not a zero). */
export function weeklyTrends(
  range: DayRange,
  weekly: readonly { week: string; totals: PeriodTotals }[],
  metrics: readonly MetricId[] = TREND_METRICS,
): MetricTrend[] {
  const byWeek = new Map(weekly.map((point) => [point.week, periodValues(point.totals)]));
  const weeks = bucketsOf(range, 'week');
  return metrics.map((metric) => ({
    metric,
    points: weeks.map((week) => ({ week, value: byWeek.get(week)?.[metric] ?? null })),
  }));
}
