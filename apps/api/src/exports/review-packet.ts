import {
  bucketsOf,
  type Channel,
  type CoachingTrend,
  type DayRange,
  type MemberTotals,
  type MetricId,
  type PeriodTotals,
  peerMedians,
  periodValues,
} from '@rapport/metrics';

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
  /**
   * The dashboard's scorecard rows (scorecard-detail.ts): the same values, sample sizes and team
   * medians; a time metric once per channel with data, as the card's channel lines.
   */
  scorecard: PacketMetric[];
  /** The ranked coaching opportunities of the scorecard page, with their evidence. */
  opportunities: PacketOpportunity[];
  trends: MetricTrend[];
  coaching: CoachingEntry[];
}

export interface PacketOpportunity {
  metricId: MetricId;
  /** A time metric's channel; null for a metric read over every channel. */
  channel: Channel | null;
  /** With the channel for a time metric: "Response time · email". */
  label: string;
  value: number;
  n: number;
  teamMedian: number | null;
  /** Teammates behind the team median, and the fewest conversations each needed. */
  peers: number;
  minConversations: number;
  target: { direction: 'lower' | 'higher'; value: number } | null;
  worseThanTeam: boolean;
  missesTarget: boolean;
  trend: CoachingTrend;
  /** Quoted words (null where the flag is on a whole turn or a missing behaviour), with the day. */
  evidence: { text: string | null; suggestion?: string | undefined; day: string | null }[];
}

export interface PacketMetric {
  id: MetricId;
  /** A time metric's channel; null for a metric read over every channel. */
  channel: Channel | null;
  /** With the channel for a time metric: "Response time · voice". */
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
  /** A time metric's channel (its points are that channel's only); null for the others. */
  channel: Channel | null;
  /**
   * One point per week of the period (weeks start on Monday); null where the agent had no data. `team`
   * is the week's team median over the scorecard's peer set (teammates with ≥ 5 conversations).
   */
  points: { week: string; value: number | null; team: number | null }[];
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

/**
 * A value per week for each trend metric beside the team median of that week; weeks without
 * conversations stay null (a gap, not a zero). `team` holds the agent's team members' weekly totals;
 * with `channel`, both are that channel's only.
 */
export function weeklyTrends(
  range: DayRange,
  agentId: string,
  weekly: readonly { week: string; totals: PeriodTotals }[],
  team: readonly (MemberTotals & { week: string })[] = [],
  metrics: readonly MetricId[] = TREND_METRICS,
  channel: Channel | null = null,
): MetricTrend[] {
  const byWeek = new Map(weekly.map((point) => [point.week, periodValues(point.totals)]));
  const weeks = bucketsOf(range, 'week');
  const medians = new Map(
    weeks.map((week) => [
      week,
      peerMedians(
        team.filter((m) => m.week === week),
        agentId,
      ),
    ]),
  );
  return metrics.map((metric) => ({
    metric,
    channel,
    points: weeks.map((week) => ({
      week,
      value: byWeek.get(week)?.[metric] ?? null,
      team: medians.get(week)?.[metric].median ?? null,
    })),
  }));
}
