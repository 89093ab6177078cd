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
import { teamScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { getConfig } from '../organisations/config.repository.ts';
import {
  agentTotals,
  latestDataDay,
  queuesWithData,
  type RollupFilter,
  weeklyTotals,
} from '../rollups/rollups.repository.ts';
import { teamNames } from './teams.repository.ts';

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
  /** The organisation's latest day with data: the page says so when it is before today. */
  latestDataDay: string | null;
  weekly: {
    week: string;
    responseTimeMs: number | null;
    responseTimeP90Ms: number | null;
    conversations: number;
  }[];
}

/** What a viewer asked for: a resolved period (organisationPeriod) and optional filters. */
export interface TeamOverviewRequest {
  from: string;
  to: string;
  teamId?: string | undefined;
  channel?: string | undefined;
  queue?: string | undefined;
}

/**
 * The team overview in four stages: resolve what the viewer asked for and may see (the one place
 * that scopes it), fetch the rollups, compute the values, shape the answer. A supervisor's request is
 * held to their team here, teams offered for the filter included, so no caller filters again.
 */
export async function teamOverview(
  db: Kysely<Database>,
  viewer: SessionUser,
  organisationId: string,
  request: TeamOverviewRequest,
): Promise<TeamOverview> {
  const scope = await resolveScope(db, viewer, organisationId, request);
  const facts = await fetchFacts(db, scope);
  return shapeOverview(scope, computeOverview(scope, facts));
}

interface Scope {
  filter: RollupFilter;
  period: { from: string; to: string };
  /** The teams the viewer may choose from: a supervisor's own, everyone else's all. */
  offeredTeamId: string | undefined;
  coaching: CoachingConfig;
}

async function resolveScope(
  db: Kysely<Database>,
  viewer: SessionUser,
  organisationId: string,
  request: TeamOverviewRequest,
): Promise<Scope> {
  const teamId = teamScope(viewer, request.teamId);
  const period = { from: request.from, to: request.to };
  const config = await getConfig(db, organisationId);
  return {
    filter: { organisationId, ...period, teamId, channel: request.channel, queue: request.queue },
    period,
    offeredTeamId: viewer.role === 'supervisor' ? teamId : undefined,
    coaching: config.coaching,
  };
}

async function fetchFacts(db: Kysely<Database>, scope: Scope) {
  const [teams, agents, weeks, queues, latest] = await Promise.all([
    teamNames(db, scope.filter.organisationId, scope.offeredTeamId),
    agentTotals(db, scope.filter),
    weeklyTotals(db, scope.filter),
    queuesWithData(db, scope.filter),
    latestDataDay(db, scope.filter.organisationId),
  ]);
  return { teams, agents, weeks, queues, latest };
}

type Facts = Awaited<ReturnType<typeof fetchFacts>>;

function computeOverview(scope: Scope, facts: Facts) {
  const weekList = bucketsOf(scope.period, 'week');
  const rows = facts.agents.map((a) => {
    const values = periodValues(a.totals);
    const own = new Map(facts.weeks.filter((w) => w.agentId === a.agentId).map((w) => [w.week, w.totals]));
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
  const targets = resolveCoachingConfig(scope.coaching).targets;
  return {
    rows,
    medians: pick((id) => median(rows.map((r) => r.metrics[id]).filter((v): v is number => v !== null))),
    targets: pick((id) => targets[id] ?? null),
    weekly: poolByWeek(facts.weeks),
    teams: facts.teams,
    queues: facts.queues,
    latestDataDay: facts.latest,
  };
}

function shapeOverview(scope: Scope, computed: ReturnType<typeof computeOverview>): TeamOverview {
  return {
    period: scope.period,
    teams: computed.teams,
    agents: computed.rows,
    teamMedians: computed.medians,
    targets: computed.targets,
    queues: computed.queues,
    weekly: computed.weekly,
    latestDataDay: computed.latestDataDay,
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
