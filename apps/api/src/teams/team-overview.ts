import {
  ATTENTION_RULE,
  addFractions,
  addMoments,
  attentionScore,
  bucketsOf,
  CHANNELS,
  type Channel,
  type CoachingConfig,
  type CoachingTarget,
  type CoachingTrend,
  channelTarget,
  coachingDirection,
  type DayRange,
  type FractionMoments,
  isTimeMetric,
  METRICS,
  type MetricGroup,
  type MetricId,
  type MetricUnit,
  type MetricValues,
  MIN_CONVERSATIONS,
  metricDefinition,
  missesTarget,
  NO_MOMENTS,
  type PeriodChange,
  type PeriodPreset,
  type PeriodTotals,
  peerMedian,
  periodChange,
  periodValues,
  previousPeriod,
  resolveCoachingConfig,
  sampleSize,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import { teamScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { teamOpportunities } from '../coaching/opportunities.service.ts';
import type { Database } from '../db/database.ts';
import { FRACTION_METRICS } from '../db/metric-columns.ts';
import { getConfig, type OrganisationConfig } from '../organisations/config.repository.ts';
import { type PeriodRequest, requestPeriod } from '../period.ts';
import { type TeamTotals, teamTotalsFrom } from '../read-cache/shared-totals.ts';
import { type ReviewSummary, reviewSummaries } from '../reviews/reviews.repository.ts';
import {
  latestDataDay,
  queuesWithData,
  type RollupFilter,
  weeklyChannelTotals,
  weeklyTotals,
} from '../rollups/rollups.repository.ts';
import { changeMoments } from './change-moments.repository.ts';
import { teamNames } from './teams.repository.ts';

/**
 * The columns a first visit shows: per group of the registry, the metric that best says whether the
 * rule is kept (responses within the channel's target say more than a pooled mean; empathy is the tone
 * rule every seed repeats), plus the response time for the one channel chosen or per channel.
 */
export const DEFAULT_OVERVIEW_METRICS = [
  'responseTimeMs',
  'responseWithinTargetRate',
  'interruptionsPerConversation',
  'empathyRate',
  'jargonPer100Words',
  'followUpRate',
  'csat',
  'conversationsPerDay',
] as const satisfies readonly MetricId[];

/** How many of an agent's opportunities the overview names; the count says how many there are. */
export const TOP_OPPORTUNITIES = 3;

export type TargetStatus = 'meets' | 'misses' | 'no target' | 'no data';

export interface OverviewColumn {
  /** `metricId`, or `metricId:channel` for a duration shown per channel. */
  key: string;
  metricId: MetricId;
  /** The channel a duration column is for; null for metrics pooled over the channels shown. */
  channel: Channel | null;
  group: MetricGroup;
  label: string;
  unit: MetricUnit;
  better: 'lower' | 'higher' | null;
  target: CoachingTarget | null;
  /** Whose bar the target is: "organisation target" or "chat response target". */
  targetSource: string | null;
  /**
   * Median over the listed agents with a value over at least MIN_CONVERSATIONS conversations (the one
   * peer set of every team median), and how many those are.
   */
  teamMedian: number | null;
  teamAgents: number;
  teamMinConversations: number;
}

export interface OverviewCell {
  value: number | null;
  n: number;
  /** One value per week of `weeks` (null: no data that week), for a sparkline. */
  weekly: (number | null)[];
  status: TargetStatus;
  /** Against the previous period (period-change.ts); null when no comparison was asked for. */
  change: PeriodChange | null;
}

export interface OverviewOpportunity {
  metricId: MetricId;
  /** The channel a time metric's opportunity is for; null for a metric read over every channel. */
  channel: Channel | null;
  /** With the channel for a time metric: "Response time · email". */
  label: string;
  unit: MetricUnit;
  value: number;
  teamMedian: number | null;
  severity: number;
  score: number;
  trend: CoachingTrend;
}

export interface OverviewAgent {
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  conversations: number;
  /** attentionScore of all the agent's opportunities: the "needs attention" ranking key. */
  attention: number;
  opportunityCount: number;
  /** The top `TOP_OPPORTUNITIES`, highest score first. */
  opportunities: OverviewOpportunity[];
  /** By column key. */
  cells: Record<string, OverviewCell>;
}

export interface TeamOverview {
  period: DayRange;
  preset: PeriodPreset | null;
  /** The period compared with, when a comparison was asked for. */
  previousPeriod: DayRange | null;
  channel: Channel | null;
  teams: { id: string; name: string }[];
  /** The Monday of every week touching the period: the x of every sparkline. */
  weeks: string[];
  columns: OverviewColumn[];
  /** Ranked: most in need of attention first, then by name. */
  agents: OverviewAgent[];
  attentionRule: string;
  /** Queues with data in the period, for the queue filter. */
  queues: string[];
  /** Each listed agent's human-review numbers for the period, by agent id. */
  reviews: Record<string, ReviewSummary>;
  /** The organisation's latest day with data: the page says so when it is before today. */
  latestDataDay: string | null;
  /** Weekly response time per channel, pooled over the listed agents, every week with data. */
  weekly: {
    week: string;
    channel: Channel;
    responseTimeMs: number | null;
    responseTimeP90Ms: number | null;
    conversations: number;
  }[];
}

/** What a viewer asked for: a period (a preset or dates, requestPeriod) and optional filters. */
export interface TeamOverviewRequest extends PeriodRequest {
  teamId?: string | undefined;
  channel?: Channel | undefined;
  queue?: string | undefined;
  /** The metrics to show, in any order (shown in registry order); default DEFAULT_OVERVIEW_METRICS. */
  metrics?: readonly MetricId[] | undefined;
  /** Compare with previousPeriod(period) and test each change against the noise. */
  compare?: boolean | undefined;
}

/**
 * The team overview in four stages: resolve what the viewer asked for and may see (the one place
 * that scopes it, the period included), fetch the rollups and the listed agents' human reviews,
 * compute the values, shape the answer. A supervisor's request is
 * held to their team here, teams offered for the filter included, so no caller filters again.
 */
export async function teamOverview(
  db: Kysely<Database>,
  viewer: SessionUser,
  organisationId: string,
  request: TeamOverviewRequest,
  totals: TeamTotals = teamTotalsFrom(db),
): Promise<TeamOverview> {
  const scope = await resolveScope(db, viewer, organisationId, request);
  const facts = await fetchFacts(db, scope, totals);
  return shapeOverview(scope, computeOverview(scope, facts));
}

interface Scope {
  filter: RollupFilter;
  period: DayRange;
  preset: PeriodPreset | null;
  previous: DayRange | null;
  channel: Channel | null;
  /** The teams the viewer may choose from: a supervisor's own, everyone else's all. */
  offeredTeamId: string | undefined;
  metrics: MetricId[];
  coaching: CoachingConfig;
  responseTargetsMs: OrganisationConfig['responseTargetsMs'];
}

async function resolveScope(
  db: Kysely<Database>,
  viewer: SessionUser,
  organisationId: string,
  request: TeamOverviewRequest,
): Promise<Scope> {
  const teamId = teamScope(viewer, request.teamId);
  const [period, config] = await Promise.all([
    requestPeriod(db, organisationId, request),
    getConfig(db, organisationId),
  ]);
  const chosen = new Set(request.metrics ?? DEFAULT_OVERVIEW_METRICS);
  return {
    filter: { organisationId, ...period, teamId, channel: request.channel, queue: request.queue },
    period,
    preset: request.preset ?? null,
    previous: request.compare ? previousPeriod(period) : null,
    channel: request.channel ?? null,
    offeredTeamId: viewer.role === 'supervisor' ? teamId : undefined,
    metrics: METRICS.map((m) => m.id).filter((id) => chosen.has(id)),
    coaching: config.coaching,
    responseTargetsMs: config.responseTargetsMs,
  };
}

/**
 * `totals`: the period totals per agent, shared in the read cache with the team's scorecards and
 * opportunities (read-cache/shared-totals.ts); read here, never changed.
 */
async function fetchFacts(db: Kysely<Database>, scope: Scope, totals: TeamTotals) {
  const { filter, previous } = scope;
  const earlier = previous ? { ...filter, ...previous } : null;
  const periodTotals = Promise.all([totals.agentTotals(filter), totals.agentChannelTotals(filter)] as const);
  const [teams, [agents, channelAgents], weeks, channelWeeks, queues, latest, opportunities] =
    await Promise.all([
      teamNames(db, filter.organisationId, scope.offeredTeamId),
      periodTotals,
      weeklyTotals(db, filter),
      weeklyChannelTotals(db, filter),
      queuesWithData(db, filter),
      latestDataDay(db, filter.organisationId),
      // Opportunities read every queue and, but for the time metrics of a chosen channel, every channel,
      // as the scorecard's do, so both name the same ones: with neither chosen, the totals just read.
      teamOpportunities(
        db,
        filter.organisationId,
        scope.period,
        filter.teamId,
        scope,
        scope.channel,
        filter.queue || filter.channel ? undefined : periodTotals,
      ),
    ]);
  const [[earlierAgents, earlierChannelAgents, moments], reviews] = await Promise.all([
    earlier
      ? Promise.all([
          totals.agentTotals(earlier),
          totals.agentChannelTotals(earlier),
          changeMoments(db, filter, earlier),
        ])
      : Promise.resolve([[], [], []] as const),
    reviewSummaries(
      db,
      filter.organisationId,
      agents.map((a) => a.agentId),
      scope.period,
    ),
  ]);
  return {
    teams,
    agents,
    channelAgents,
    weeks,
    channelWeeks,
    queues,
    latest,
    opportunities,
    earlierAgents,
    earlierChannelAgents,
    moments,
    reviews,
  };
}

type Facts = Awaited<ReturnType<typeof fetchFacts>>;

type MomentsByMetric = Partial<Record<MetricId, FractionMoments>>;

/** Period totals with their values worked out once. */
interface Measured {
  totals: PeriodTotals;
  values: MetricValues;
}

const measure = (totals: PeriodTotals): Measured => ({ totals, values: periodValues(totals) });
const channelKey = (agentId: string, channel: string | null) => `${agentId}\u0000${channel ?? ''}`;

function computeOverview(scope: Scope, facts: Facts) {
  const weekList = bucketsOf(scope.period, 'week');
  const targets = resolveCoachingConfig(scope.coaching).targets;

  // Everything keyed by agent and channel ('' for all the channels shown pooled).
  const current = new Map<string, Measured>();
  const earlier = new Map<string, Measured>();
  const weekly = new Map<string, Map<string, Measured>>();
  for (const a of facts.agents) current.set(channelKey(a.agentId, null), measure(a.totals));
  for (const a of facts.channelAgents) current.set(channelKey(a.agentId, a.channel), measure(a.totals));
  for (const a of facts.earlierAgents) earlier.set(channelKey(a.agentId, null), measure(a.totals));
  for (const a of facts.earlierChannelAgents)
    earlier.set(channelKey(a.agentId, a.channel), measure(a.totals));
  const addWeek = (key: string, week: string, totals: PeriodTotals) => {
    const own = weekly.get(key) ?? new Map<string, Measured>();
    own.set(week, measure(totals));
    weekly.set(key, own);
  };
  for (const w of facts.weeks) addWeek(channelKey(w.agentId, null), w.week, w.totals);
  for (const w of facts.channelWeeks) addWeek(channelKey(w.agentId, w.channel), w.week, w.totals);
  const moments = pooledMoments(facts.moments);

  const channelsWithData = CHANNELS.filter((c) => facts.channelAgents.some((a) => a.channel === c));
  const columns = scope.metrics.flatMap((metricId) => {
    // Durations are never pooled across channels: shown for the channel chosen, or once per channel.
    if (!isTimeMetric(metricId)) return [columnOf(scope, targets, metricId, null)];
    const channels = scope.channel ? [scope.channel] : channelsWithData;
    return channels.map((channel) => columnOf(scope, targets, metricId, channel));
  });

  const rows = facts.agents.map((agent): OverviewAgent => {
    const opportunities = facts.opportunities.get(agent.agentId) ?? [];
    const cells: Record<string, OverviewCell> = {};
    for (const column of columns) {
      const key = channelKey(agent.agentId, column.channel);
      cells[column.key] = cellOf(column, {
        now: current.get(key),
        before: earlier.get(key),
        weeks: weekList.map((week) => weekly.get(key)?.get(week)),
        moments: scope.previous
          ? {
              later: moments.get(`${key}\u0000later`),
              earlier: moments.get(`${key}\u0000earlier`),
            }
          : null,
      });
    }
    return {
      agentId: agent.agentId,
      agentName: agent.agentName,
      teamId: agent.teamId,
      conversations: agent.totals.conversations,
      attention: attentionScore(opportunities),
      opportunityCount: opportunities.length,
      opportunities: opportunities.slice(0, TOP_OPPORTUNITIES).map((o) => ({
        metricId: o.metricId,
        channel: o.channel,
        label: o.label,
        unit: metricDefinition(o.metricId).unit,
        value: o.value,
        teamMedian: o.teamMedian,
        severity: o.severity,
        score: o.score,
        trend: o.trend,
      })),
      cells,
    };
  });
  rows.sort(
    (a, b) =>
      b.attention - a.attention ||
      (a.agentName ?? a.agentId).localeCompare(b.agentName ?? b.agentId) ||
      a.agentId.localeCompare(b.agentId),
  );
  for (const column of columns) {
    // The one peer set of every team median (coaching/peers.ts): a team line leaves nobody out.
    const team = peerMedian(rows.map((r) => r.cells[column.key]));
    column.teamMedian = team.median;
    column.teamAgents = team.peers;
    column.teamMinConversations = team.minConversations;
  }
  return {
    weekList,
    columns,
    rows,
    weekly: poolByWeek(facts.channelWeeks),
    teams: facts.teams,
    queues: facts.queues,
    latestDataDay: facts.latest,
    reviews: facts.reviews,
  };
}

function columnOf(
  scope: Scope,
  targets: Partial<Record<MetricId, CoachingTarget>>,
  metricId: MetricId,
  channel: Channel | null,
): OverviewColumn {
  const definition = metricDefinition(metricId);
  let target: CoachingTarget | null = null;
  let targetSource: string | null = null;
  if (channel !== null) {
    // A duration has no organisation-wide bar; for one channel, that channel's response target is one.
    target = channelTarget(metricId, channel, scope.responseTargetsMs);
    targetSource = target === null ? null : `${channel} response target`;
  } else if (targets[metricId]) {
    target = targets[metricId] ?? null;
    targetSource = 'organisation target';
  }
  return {
    key: channel === null ? metricId : `${metricId}:${channel}`,
    metricId,
    channel,
    group: definition.group,
    label: definition.label,
    unit: definition.unit,
    better: coachingDirection(metricId),
    target,
    targetSource,
    teamMedian: null,
    teamAgents: 0,
    teamMinConversations: MIN_CONVERSATIONS,
  };
}

function cellOf(
  column: OverviewColumn,
  data: {
    now: Measured | undefined;
    before: Measured | undefined;
    weeks: (Measured | undefined)[];
    moments: { later: MomentsByMetric | undefined; earlier: MomentsByMetric | undefined } | null;
  },
): OverviewCell {
  const id = column.metricId;
  const value = data.now?.values[id] ?? null;
  const status: TargetStatus =
    value === null
      ? 'no data'
      : column.target === null
        ? 'no target'
        : missesTarget(column.target, value)
          ? 'misses'
          : 'meets';
  let change: PeriodChange | null = null;
  if (data.moments) {
    if ((FRACTION_METRICS as readonly MetricId[]).includes(id)) {
      change = periodChange(data.moments.earlier?.[id] ?? NO_MOMENTS, data.moments.later?.[id] ?? NO_MOMENTS);
    } else {
      // A percentile or a per-day count has no per-conversation fraction to test: shown, not tested.
      const before = data.before?.values[id] ?? null;
      change = {
        before,
        after: value,
        difference: before === null || value === null ? null : value - before,
        z: null,
        verdict: 'not tested',
      };
    }
  }
  return {
    value,
    n: data.now ? sampleSize(id, data.now.totals) : 0,
    weekly: data.weeks.map((w) => w?.values[id] ?? null),
    status,
    change,
  };
}

/**
 * Moments keyed by agent, channel ('' for all channels pooled) and side: the facts come per channel,
 * and a pooled metric's moments are their sum.
 */
function pooledMoments(rows: Facts['moments']): Map<string, MomentsByMetric> {
  const result = new Map<string, MomentsByMetric>();
  const add = (key: string, moments: MomentsByMetric) => {
    const into = result.get(key) ?? {};
    for (const [id, m] of Object.entries(moments) as [MetricId, FractionMoments][]) {
      into[id] = addMoments(into[id] ?? NO_MOMENTS, m);
    }
    result.set(key, into);
  };
  for (const row of rows) {
    const side = row.later ? 'later' : 'earlier';
    add(`${channelKey(row.agentId, row.channel)}\u0000${side}`, row.moments);
    add(`${channelKey(row.agentId, null)}\u0000${side}`, row.moments);
  }
  return result;
}

function shapeOverview(scope: Scope, computed: ReturnType<typeof computeOverview>): TeamOverview {
  return {
    period: scope.period,
    preset: scope.preset,
    previousPeriod: scope.previous,
    channel: scope.channel,
    teams: computed.teams,
    weeks: computed.weekList,
    columns: computed.columns,
    agents: computed.rows,
    attentionRule: ATTENTION_RULE,
    queues: computed.queues,
    latestDataDay: computed.latestDataDay,
    weekly: computed.weekly,
    reviews: computed.reviews,
  };
}

function poolByWeek(
  points: { week: string; channel: string; totals: PeriodTotals }[],
): TeamOverview['weekly'] {
  const byWeek = new Map<string, { week: string; channel: Channel; totals: PeriodTotals }>();
  for (const { week, channel, totals } of points) {
    if (!(CHANNELS as readonly string[]).includes(channel)) continue;
    const key = `${week} ${channel}`;
    const pooled = byWeek.get(key) ?? {
      week,
      channel: channel as Channel,
      totals: { conversations: 0, activeDays: 0, sums: {}, responseGapsMs: [] },
    };
    pooled.totals.conversations += totals.conversations;
    addFractions(pooled.totals.sums, totals.sums);
    pooled.totals.responseGapsMs.push(...totals.responseGapsMs);
    byWeek.set(key, pooled);
  }
  return [...byWeek.values()].map(({ week, channel, totals }) => {
    const values = periodValues(totals);
    return {
      week,
      channel,
      responseTimeMs: values.responseTimeMs,
      responseTimeP90Ms: values.responseTimeP90Ms,
      conversations: totals.conversations,
    };
  });
}
