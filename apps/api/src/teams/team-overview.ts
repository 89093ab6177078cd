import {
  addFractions,
  bucketsOf,
  type CoachingConfig,
  type CoachingTarget,
  type MetricId,
  median,
  type PeriodTotals,
  periodValues,
  resolveCoachingConfig,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { agentTotals, weeklyTotals } from '../rollups/rollups.repository.ts';

export const OVERVIEW_METRICS = [
  'firstResponseMs',
  'responseTimeMs',
  'responseTimeP90Ms',
  'handleTimeMs',
  'interruptionsPerConversation',
  'talkRatio',
] as const satisfies readonly MetricId[];

type OverviewMetric = (typeof OVERVIEW_METRICS)[number];

export interface TeamOverview {
  period: { from: string; to: string };
  teams: { id: string; name: string }[];
  agents: {
    agentId: string;
    agentName: string | null;
    teamId: string | null;
    conversations: number;
    metrics: Record<OverviewMetric, number | null>;
    /** Weekly mean response time for a sparkline, every week of the period (null: no data). */
    sparkline: { week: string; responseTimeMs: number | null }[];
  }[];
  /** Median over the listed agents with a value, and the organisation's target, per metric. */
  teamMedians: Record<OverviewMetric, number | null>;
  targets: Record<OverviewMetric, CoachingTarget | null>;
  /** Queues with data in the period, for the queue filter. */
  queues: string[];
  weekly: {
    week: string;
    responseTimeMs: number | null;
    responseTimeP90Ms: number | null;
    conversations: number;
  }[];
}

/** The overview of a resolved period (the router resolves it: organisationPeriod in period.ts). */
export async function teamOverview(
  db: Kysely<Database>,
  organisationId: string,
  input: {
    from: string;
    to: string;
    teamId?: string | undefined;
    channel?: string | undefined;
    queue?: string | undefined;
  },
  coaching: CoachingConfig = {},
): Promise<TeamOverview> {
  const period = { from: input.from, to: input.to };
  const filter = {
    organisationId,
    ...period,
    teamId: input.teamId,
    channel: input.channel,
    queue: input.queue,
  };

  const [teams, agents, weeks] = await Promise.all([
    db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('organisation_id', '=', organisationId)
      .orderBy('name')
      .execute(),
    agentTotals(db, filter),
    weeklyTotals(db, filter),
  ]);
  const queues = await sql<{ queue: string }>`
    SELECT DISTINCT queue FROM agent_day
    WHERE organisation_id = ${organisationId} AND queue <> '' AND day BETWEEN ${period.from}::date AND ${period.to}::date
      ${input.teamId ? sql`AND team_id = ${input.teamId}` : sql``}
    ORDER BY queue`.execute(db);

  const weekList = bucketsOf(period, 'week');
  const rows = agents.map((a) => {
    const values = periodValues(a.totals);
    const own = new Map(weeks.filter((w) => w.agentId === a.agentId).map((w) => [w.week, w.totals]));
    return {
      agentId: a.agentId,
      agentName: a.agentName,
      teamId: a.teamId,
      conversations: a.totals.conversations,
      metrics: pick((id) => values[id]),
      sparkline: weekList.map((week) => {
        const totals = own.get(week);
        return { week, responseTimeMs: totals ? periodValues(totals).responseTimeMs : null };
      }),
    };
  });
  const config = resolveCoachingConfig(coaching);
  return {
    period,
    teams,
    agents: rows,
    teamMedians: pick((id) => median(rows.map((r) => r.metrics[id]).filter((v): v is number => v !== null))),
    targets: pick((id) => config.targets[id] ?? null),
    queues: queues.rows.map((r) => r.queue),
    weekly: poolByWeek(weeks),
  };
}

function pick<T>(value: (id: OverviewMetric) => T): Record<OverviewMetric, T> {
  return Object.fromEntries(OVERVIEW_METRICS.map((id) => [id, value(id)])) as Record<OverviewMetric, T>;
}

function poolByWeek(points: { week: string; totals: PeriodTotals }[]): TeamOverview['weekly'] {
  const byWeek = new Map<string, PeriodTotals>();
  for (const { week, totals } of points) {
    const pooled = byWeek.get(week) ?? { conversations: 0, activeDays: 0, sums: {}, responseGapsMs: [] };
    pooled.conversations += totals.conversations;
    addFractions(pooled.sums, totals.sums);
    pooled.responseGapsMs.push(...totals.responseGapsMs);
    byWeek.set(week, pooled);
  }
  return [...byWeek].map(([week, totals]) => {
    const values = periodValues(totals);
    return {
      week,
      responseTimeMs: values.responseTimeMs,
      responseTimeP90Ms: values.responseTimeP90Ms,
      conversations: totals.conversations,
    };
  });
}
