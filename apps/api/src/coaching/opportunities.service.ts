import {
  type AgentCoachingValues,
  addDays,
  bucketsOf,
  CHANNELS,
  type Channel,
  type ChannelCoachingInput,
  type CoachingEvidence,
  type CoachingEvidenceCandidates,
  type CoachingOpportunity,
  type CoachingWeek,
  type DayRange,
  findOpportunities,
  METRIC_IDS,
  type MetricId,
  mondayOf,
  type PeriodTotals,
  periodValues,
  sampleSize,
} from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { AgentSummary } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import type { OrganisationConfig } from '../organisations/config.repository.ts';
import { type TeamTotals, teamTotalsFrom } from '../read-cache/shared-totals.ts';
import {
  type AgentTotals,
  agentBucketTotals,
  agentChannelTotals,
  agentTotals,
  bucketTotals,
  weeklyChannelTotals,
  weeklyTotals,
} from '../rollups/rollups.repository.ts';

const TREND_WEEKS = 8;
const EVIDENCE_PER_METRIC = 12;

function coachingValues(totals: PeriodTotals): AgentCoachingValues {
  const values = periodValues(totals);
  return Object.fromEntries(METRIC_IDS.map((id) => [id, { value: values[id], n: sampleSize(id, totals) }]));
}

/** What coaching reads of the organisation's settings: its targets and weights, and the channels' response targets. */
export type CoachingSettings = Pick<OrganisationConfig, 'coaching' | 'responseTargetsMs'>;

/**
 * Ranked coaching opportunities for an agent and period (METRICS.md): against the other agents of the
 * team and the organisation's targets, with the 8-week trend ending at the period's end and evidence.
 * Time metrics are read per channel the agent has conversations on (only `channel`'s when one is
 * chosen), each against the team on that channel and the channel's response target; the other metrics
 * over every channel.
 */
export async function coachingOpportunities(
  db: Kysely<Database>,
  organisationId: string,
  agent: AgentSummary,
  period: DayRange,
  settings: CoachingSettings,
  channel: Channel | null = null,
  totals: TeamTotals = teamTotalsFrom(db),
): Promise<CoachingOpportunity[]> {
  const filter = { organisationId, ...period, teamId: agent.teamId ?? undefined };
  const [team, split] = await Promise.all([
    totals.agentTotals(filter),
    totals.agentChannelTotals({ ...filter, channel: channel ?? undefined }),
  ]);
  const own = team.find((a) => a.agentId === agent.id);
  if (!own) return [];
  const trendPeriod = trendPeriodOf(period);
  const [weeks, channelWeeks, evidence] = await Promise.all([
    bucketTotals(db, { organisationId, ...trendPeriod, agentId: agent.id }, 'week'),
    agentBucketTotals(
      db,
      { organisationId, ...trendPeriod, agentId: agent.id, channel: channel ?? undefined },
      'week',
      true,
    ),
    evidenceCandidates(db, organisationId, agent.id, period),
  ]);
  const weeksByChannel = new Map<string, Map<string, PeriodTotals>>();
  for (const w of channelWeeks)
    addWeek(weeksByChannel, channelKey(w.agentId, w.channel ?? ''), w.bucket, w.totals);
  return findOpportunities({
    agent: coachingValues(own.totals),
    peers: team.filter((a) => a.agentId !== agent.id).map((a) => coachingValues(a.totals)),
    config: settings.coaching,
    responseTargetsMs: settings.responseTargetsMs,
    weekly: weeklySeries(new Map(weeks.map((w) => [w.bucket, w.totals])), trendPeriod),
    evidence: evidence.pooled,
    channels: channelInputs(agent.id, split, weeksByChannel, trendPeriod, evidence.byChannel),
  });
}

const channelKey = (agentId: string, channel: string) => `${agentId}\u0000${channel}`;

function addWeek(
  into: Map<string, Map<string, PeriodTotals>>,
  key: string,
  week: string,
  totals: PeriodTotals,
): void {
  const own = into.get(key) ?? new Map<string, PeriodTotals>();
  own.set(week, totals);
  into.set(key, own);
}

/**
 * The agent's readings per channel for the time metrics: on each channel where the agent has
 * conversations, their values beside the peers' on that channel (`split` holds only the agent's
 * teammates and the agent), with that channel's weeks and evidence.
 */
function channelInputs(
  agentId: string,
  split: readonly (AgentTotals & { channel: string })[],
  weeks: ReadonlyMap<string, ReadonlyMap<string, PeriodTotals>>,
  trendPeriod: DayRange,
  evidence?: ReadonlyMap<Channel, CoachingEvidenceCandidates>,
): ChannelCoachingInput[] {
  return CHANNELS.flatMap((channel) => {
    const members = split.filter((s) => s.channel === channel);
    const own = members.find((s) => s.agentId === agentId);
    if (!own) return [];
    return [
      {
        channel,
        agent: coachingValues(own.totals),
        peers: members.filter((s) => s.agentId !== agentId).map((s) => coachingValues(s.totals)),
        weekly: weeklySeries(weeks.get(channelKey(agentId, channel)) ?? new Map(), trendPeriod),
        ...(evidence ? { evidence: evidence.get(channel) ?? {} } : {}),
      },
    ];
  });
}

/** The 8 weeks whose trend an opportunity reports: the week of the period's end and the 7 before. */
function trendPeriodOf(period: DayRange): DayRange {
  return { from: addDays(mondayOf(period.to), -7 * (TREND_WEEKS - 1)), to: period.to };
}

/** Every week of the trend period per metric, weeks without data as null with n 0. */
function weeklySeries(
  weekTotals: ReadonlyMap<string, PeriodTotals>,
  trendPeriod: DayRange,
): Partial<Record<MetricId, CoachingWeek[]>> {
  const weeks = bucketsOf(trendPeriod, 'week');
  const values = new Map(weeks.map((week) => [week, weekTotals.get(week)]));
  const computed = new Map([...values].map(([week, totals]) => [week, totals ? periodValues(totals) : null]));
  const weekly: Partial<Record<MetricId, CoachingWeek[]>> = {};
  for (const id of METRIC_IDS) {
    weekly[id] = weeks.map((week) => {
      const totals = values.get(week);
      return { week, value: computed.get(week)?.[id] ?? null, n: totals ? sampleSize(id, totals) : 0 };
    });
  }
  return weekly;
}

/**
 * The period's totals per agent, over every channel and per channel (only `channel`'s when one is
 * chosen), of every queue: what teamOpportunities reads first, unless its caller has them already.
 */
export type TeamPeriodTotals = readonly [AgentTotals[], (AgentTotals & { channel: string })[]];

/**
 * The coaching opportunities of every agent the rollup filter selects (a team, or every team), without
 * evidence: what the team overview lists. The same rule as an agent's own (coachingOpportunities):
 * each agent against the other agents of their team over the same period, time metrics per channel
 * (only `channel`'s when one is chosen) and the others over every channel, with the same 8-week trend,
 * so the overview and the scorecard name the same opportunities. Four reads for any number of agents.
 */
export async function teamOpportunities(
  db: Kysely<Database>,
  organisationId: string,
  period: DayRange,
  teamId: string | undefined,
  settings: CoachingSettings,
  channel: Channel | null = null,
  periodTotals?: Promise<TeamPeriodTotals>,
): Promise<Map<string, CoachingOpportunity[]>> {
  const trendPeriod = trendPeriodOf(period);
  const byChannel = { channel: channel ?? undefined };
  const [[agents, split], weeks, channelWeeks] = await Promise.all([
    periodTotals ??
      Promise.all([
        agentTotals(db, { organisationId, ...period, teamId }),
        agentChannelTotals(db, { organisationId, ...period, teamId, ...byChannel }),
      ]),
    weeklyTotals(db, { organisationId, ...trendPeriod, teamId }),
    weeklyChannelTotals(db, { organisationId, ...trendPeriod, teamId, ...byChannel }),
  ]);
  const byAgentWeek = new Map<string, Map<string, PeriodTotals>>();
  for (const w of weeks) addWeek(byAgentWeek, w.agentId, w.week, w.totals);
  const byChannelWeek = new Map<string, Map<string, PeriodTotals>>();
  for (const w of channelWeeks) addWeek(byChannelWeek, channelKey(w.agentId, w.channel), w.week, w.totals);
  const values = agents.map((a) => ({
    agentId: a.agentId,
    teamId: a.teamId,
    values: coachingValues(a.totals),
  }));
  const result = new Map<string, CoachingOpportunity[]>();
  for (const agent of values) {
    const peers = values.filter((p) => p.teamId === agent.teamId && p.agentId !== agent.agentId);
    const teammates = split.filter((s) => s.teamId === agent.teamId);
    result.set(
      agent.agentId,
      findOpportunities({
        agent: agent.values,
        peers: peers.map((p) => p.values),
        config: settings.coaching,
        responseTargetsMs: settings.responseTargetsMs,
        weekly: weeklySeries(byAgentWeek.get(agent.agentId) ?? new Map(), trendPeriod),
        channels: channelInputs(agent.agentId, teammates, byChannelWeek, trendPeriod),
      }),
    );
  }
  return result;
}

/**
 * The latest flagged evidence of the agent's conversations in the period, per metric: over every
 * channel, and per channel for the time metrics' readings.
 */
async function evidenceCandidates(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  period: DayRange,
): Promise<{
  pooled: CoachingEvidenceCandidates;
  byChannel: Map<Channel, CoachingEvidenceCandidates>;
}> {
  const rows = await sql<{
    metric: MetricId;
    channel: Channel;
    conversation_id: string;
    turn_index: number;
    span_start: number;
    span_end: number;
    text: string;
    suggestion: string | null;
    kind: 'flag' | 'missing';
    started_at: Date;
  }>`
    SELECT metric, channel, conversation_id, turn_index, span_start, span_end, text, suggestion, kind, started_at FROM (
      SELECT e.*, m.day, c.started_at, c.channel,
        row_number() OVER (PARTITION BY e.metric, c.channel ORDER BY c.started_at DESC, e.idx) AS rank
      FROM evidence e
      JOIN conversation_metrics m ON m.organisation_id = e.organisation_id AND m.conversation_id = e.conversation_id
      JOIN conversations c ON c.organisation_id = e.organisation_id AND c.id = e.conversation_id
      WHERE e.organisation_id = ${organisationId} AND m.agent_id = ${agentId} AND e.kind <> 'credit'
        AND m.day BETWEEN ${period.from}::date AND ${period.to}::date
    ) ranked WHERE rank <= ${EVIDENCE_PER_METRIC}`.execute(db);
  const pooled: Partial<Record<MetricId, CoachingEvidence[]>> = {};
  const byChannel = new Map<Channel, Partial<Record<MetricId, CoachingEvidence[]>>>();
  const add = (
    into: Partial<Record<MetricId, CoachingEvidence[]>>,
    metric: MetricId,
    e: CoachingEvidence,
  ) => {
    const list = into[metric] ?? [];
    into[metric] = list;
    list.push(e);
  };
  for (const row of rows.rows) {
    const evidence: CoachingEvidence = {
      conversationId: row.conversation_id,
      turnIndex: row.turn_index,
      start: row.span_start,
      end: row.span_end,
      text: row.text,
      at: new Date(row.started_at).toISOString(),
      ...(row.suggestion ? { suggestion: row.suggestion } : {}),
      ...(row.kind === 'missing' ? { missing: true } : {}),
    };
    // Each channel's latest pieces: their union holds the latest EVIDENCE_PER_METRIC of all channels.
    add(pooled, row.metric, evidence);
    const channel = byChannel.get(row.channel) ?? {};
    byChannel.set(row.channel, channel);
    add(channel, row.metric, evidence);
  }
  return { pooled, byChannel };
}
