import { addFractions, type MetricId, type PeriodTotals, periodValues } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { agentTotals, weeklyTotals } from '../rollups/rollups.repository.ts';
import { resolvePeriodInput } from '../routers/inputs.ts';

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
  }[];
  weekly: {
    week: string;
    responseTimeMs: number | null;
    responseTimeP90Ms: number | null;
    conversations: number;
  }[];
}

/** Without dates: the 30 days ending on the latest day with data, so a fresh import shows at once. */
export async function teamOverview(
  db: Kysely<Database>,
  organisationId: string,
  input: { from?: string | undefined; to?: string | undefined; teamId?: string | undefined },
): Promise<TeamOverview> {
  const period = await resolvePeriodInput(db, organisationId, input);
  const filter = { organisationId, ...period, teamId: input.teamId };

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

  return {
    period,
    teams,
    agents: agents.map((a) => {
      const values = periodValues(a.totals);
      return {
        agentId: a.agentId,
        agentName: a.agentName,
        teamId: a.teamId,
        conversations: a.totals.conversations,
        metrics: Object.fromEntries(OVERVIEW_METRICS.map((id) => [id, values[id]])) as Record<
          OverviewMetric,
          number | null
        >,
      };
    }),
    weekly: poolByWeek(weeks),
  };
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
