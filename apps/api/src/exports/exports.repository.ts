import {
  CHANNELS,
  type Channel,
  type CoachingOpportunity,
  type DayRange,
  type Fraction,
  isTimeMetric,
  type MetricId,
  type PeriodTotals,
  peerMedians,
} from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import { coachingOpportunities } from '../coaching/opportunities.service.ts';
import { flaggedWordsOnly } from '../coaching/viewer-evidence.ts';
import type { Database } from '../db/database.ts';
import { FRACTION_METRICS, metricColumns } from '../db/metric-columns.ts';
import { getConfig } from '../organisations/config.repository.ts';
import { organisationTimeZone } from '../organisations/organisations.repository.ts';
import {
  type AgentTotals,
  agentBucketTotals,
  agentChannelTotals,
  agentTotals,
  weeklyTotals,
} from '../rollups/rollups.repository.ts';
import { type ScorecardMetric, scorecardDetail } from '../scorecard/scorecard-detail.ts';
import type { AgentPeriod } from './agents-csv.ts';
import type { ConversationFacts } from './conversations-csv.ts';
import type { ExportScope } from './export-request.ts';
import {
  type CoachingEntry,
  type MetricTrend,
  type PacketMetric,
  type PacketOpportunity,
  type ReviewPacket,
  TREND_METRICS,
  weeklyTrends,
} from './review-packet.ts';

const NO_TOTALS: PeriodTotals = { conversations: 0, activeDays: 0, sums: {}, responseGapsMs: [] };

type Roster = { id: string; name: string | null; team_id: string | null }[];

/**
 * The agents an export covers, by their current team (as access checks see them), in team and name
 * order. Agents without a conversation in the period are listed too, with no data.
 */
async function roster(db: Kysely<Database>, scope: ExportScope): Promise<Roster> {
  let query = db
    .selectFrom('agents')
    .select(['id', 'name', 'team_id'])
    .where('organisation_id', '=', scope.organisationId);
  if (scope.agentId) query = query.where('id', '=', scope.agentId);
  if (scope.teamId !== undefined) query = query.where('team_id', '=', scope.teamId);
  return query.orderBy('team_id').orderBy('name').orderBy('id').execute();
}

/**
 * Each agent's totals over the whole period, from the same rollup read as the scorecard (agentTotals):
 * values computed from them equal agentScorecard's exactly. The read is not narrowed by team on purpose:
 * an agent's scorecard counts all their conversations, also those from before a move between teams.
 */
export async function agentPeriods(db: Kysely<Database>, scope: ExportScope): Promise<AgentPeriod[]> {
  const period = { organisationId: scope.organisationId, from: scope.from, to: scope.to };
  const [agents, totals, channelTotals] = await Promise.all([
    roster(db, scope),
    agentTotals(db, { ...period, agentId: scope.agentId }),
    agentChannelTotals(db, { ...period, agentId: scope.agentId }),
  ]);
  const byId = new Map(totals.map((t) => [t.agentId, t.totals]));
  const byChannelId = new Map(channelTotals.map((t) => [`${t.agentId}\u0000${t.channel}`, t.totals]));
  // Each team's members, read as the scorecard reads them (scorecard-detail.ts), for each agent's
  // team median over the same peer set as the card's: their teammates with ≥ 5 conversations.
  const teams = [...new Set(agents.map((a) => a.team_id))];
  // The time metrics' medians per channel, as the card's channel lines read them.
  const members = new Map(
    await Promise.all(
      teams.map(async (teamId) => {
        const filter = { ...period, teamId: teamId ?? undefined };
        const [all, split] = await Promise.all([agentTotals(db, filter), agentChannelTotals(db, filter)]);
        return [teamId, { all, split }] as const;
      }),
    ),
  );
  return agents.map((a) => {
    const team = members.get(a.team_id);
    const onChannel = (channel: Channel) => ({
      totals: byChannelId.get(`${a.id}\u0000${channel}`) ?? NO_TOTALS,
      teamMedians: peerMedians(channelMembers(team?.split ?? [], channel), a.id),
    });
    return {
      agentId: a.id,
      agentName: a.name,
      teamId: a.team_id,
      totals: byId.get(a.id) ?? NO_TOTALS,
      teamMedians: peerMedians(team?.all ?? [], a.id),
      byChannel: Object.fromEntries(CHANNELS.map((c) => [c, onChannel(c)])) as AgentPeriod['byChannel'],
    };
  });
}

function channelMembers(split: readonly (AgentTotals & { channel: string })[], channel: Channel) {
  return split.filter((s) => s.channel === channel);
}

export const FACT_COLUMNS = sql.raw(
  FRACTION_METRICS.map((id) => {
    const c = metricColumns(id);
    return `m.${c.num}, m.${c.den}`;
  }).join(', '),
);

/**
 * Every conversation of the export with its stored metric facts: agent by agent (the roster's order),
 * each agent's in time order. Read in pages by keyset on the conversations_agent_started index, so that
 * 100k conversations stream in bounded memory, every page is an index range whatever the planner's
 * statistics, and no transaction stays open while a slow client downloads (PGlite has one connection).
 */
export async function* conversationFacts(
  db: Kysely<Database>,
  scope: ExportScope,
  pageSize = 1_000,
): AsyncGenerator<ConversationFacts> {
  const [timeZone, agents] = await Promise.all([
    organisationTimeZone(db, scope.organisationId),
    roster(db, scope),
  ]);
  // The period's instants bound the index range; the stored day (as the rollups count it) decides.
  const start = sql`(${scope.from}::date::timestamp AT TIME ZONE ${timeZone})`;
  const end = sql`((${scope.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;
  for (const agent of agents) {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const { rows }: { rows: Record<string, unknown>[] } = await sql<Record<string, unknown>>`
        SELECT c.id AS conversation_id, c.agent_id, m.team_id, m.channel, c.queue, c.started_at,
          c.started_at::text AS started_key, m.response_gaps, m.definitions, ${FACT_COLUMNS}
        FROM conversations c
        JOIN conversation_metrics m ON m.organisation_id = c.organisation_id AND m.conversation_id = c.id
        WHERE c.organisation_id = ${scope.organisationId} AND c.agent_id = ${agent.id}
          AND c.started_at >= ${start} AND c.started_at < ${end}
          AND m.day BETWEEN ${scope.from}::date AND ${scope.to}::date
          ${after ? sql`AND (c.started_at, c.id) > (${after.at}::timestamptz, ${after.id})` : sql``}
        ORDER BY c.started_at, c.id
        LIMIT ${pageSize}`.execute(db);
      for (const row of rows) yield toFacts(row);
      const last = rows.at(-1);
      if (rows.length < pageSize || !last) break;
      after = { at: last.started_key as string, id: last.conversation_id as string };
    }
  }
}

/** A conversation_metrics row (joined with its conversation) as the facts of one conversation. */
export function toFacts(row: Record<string, unknown>): ConversationFacts {
  const fractions: Partial<Record<MetricId, Fraction>> = {};
  for (const id of FRACTION_METRICS) {
    const c = metricColumns(id);
    const num = row[c.num];
    const den = row[c.den];
    if (num !== null && den !== null && num !== undefined && den !== undefined) {
      fractions[id] = { num: Number(num), den: Number(den) };
    }
  }
  const startedAt = row.started_at;
  return {
    conversationId: row.conversation_id as string,
    agentId: row.agent_id as string,
    // The facts table stores '' for "no team" (a rollup key); the export says so with an empty cell.
    teamId: (row.team_id as string) || null,
    channel: row.channel as string,
    queue: (row.queue as string | null) ?? null,
    startedAt: (startedAt instanceof Date ? startedAt : new Date(String(startedAt))).toISOString(),
    responseGapsMs: (row.response_gaps as number[]).map(Number),
    definitions: Number(row.definitions),
    fractions,
  };
}

/** Coaching sessions held in or before the period, oldest first, per agent; notes only when allowed. */
export async function coachingHistory(
  db: Kysely<Database>,
  organisationId: string,
  agentIds: readonly string[],
  to: string,
  withNotes: boolean,
): Promise<Map<string, CoachingEntry[]>> {
  const history = new Map<string, CoachingEntry[]>();
  if (agentIds.length === 0) return history;
  const rows = await db
    .selectFrom('coaching_sessions as s')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select(['s.agent_id', 's.session_date', 's.focus_metrics', 's.note', 's.acknowledged_at', 'u.email'])
    .where('s.organisation_id', '=', organisationId)
    .where('s.agent_id', 'in', agentIds)
    .where('s.session_date', '<=', to)
    .orderBy('s.session_date')
    .orderBy('s.id')
    .execute();
  for (const row of rows) {
    const list = history.get(row.agent_id) ?? [];
    list.push({
      date: String(row.session_date),
      focusMetrics: Array.isArray(row.focus_metrics) ? row.focus_metrics.map(String) : [],
      note: withNotes ? row.note : null,
      coach: row.email,
      acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString().slice(0, 10) : null,
    });
    history.set(row.agent_id, list);
  }
  return history;
}

/**
 * Everything the review packet prints, for one agent or every agent of the scope. The scorecard rows are
 * the dashboard's own (scorecardDetail), so the packet and the screen never disagree.
 */
export async function reviewPacket(
  db: Kysely<Database>,
  scope: ExportScope,
  generatedAt: Date,
): Promise<ReviewPacket> {
  const range = { from: scope.from, to: scope.to };
  const own = { organisationId: scope.organisationId, ...range, agentId: scope.agentId };
  const [timeZone, agents, config, weekly, channelWeekly] = await Promise.all([
    organisationTimeZone(db, scope.organisationId),
    roster(db, scope),
    getConfig(db, scope.organisationId),
    weeklyTotals(db, own),
    agentBucketTotals(db, own, 'week', true),
  ]);
  // Each team's weekly members once, for every agent's team line (the scorecard's peer set).
  const teamIds = [...new Set(agents.map((a) => a.team_id))];
  const teamWeeks = new Map(
    await Promise.all(
      teamIds.map(async (teamId) => {
        const filter = { organisationId: scope.organisationId, ...range, teamId: teamId ?? undefined };
        const [all, split] = await Promise.all([
          agentBucketTotals(db, filter, 'week'),
          agentBucketTotals(db, filter, 'week', true),
        ]);
        return [teamId, { all: all.map(memberWeek), split: split.map(memberWeek) }] as const;
      }),
    ),
  );
  const [coaching, details, opportunities] = await Promise.all([
    coachingHistory(
      db,
      scope.organisationId,
      agents.map((a) => a.id),
      scope.to,
      scope.coachingNotes,
    ),
    Promise.all(
      agents.map((a) =>
        scorecardDetail(
          db,
          scope.organisationId,
          { id: a.id, name: a.name, teamId: a.team_id },
          range,
          config,
        ),
      ),
    ),
    Promise.all(
      agents.map((a) =>
        coachingOpportunities(
          db,
          scope.organisationId,
          { id: a.id, name: a.name, teamId: a.team_id },
          range,
          config,
        ),
      ),
    ),
  ]);
  const sections = details.map(({ agent, conversations, definitions, metrics }, i) => ({
    agentId: agent.id,
    agentName: agent.name,
    teamId: agent.teamId,
    conversations,
    definitions,
    scorecard: metrics.flatMap(packetMetrics),
    opportunities: (opportunities[i] ?? []).map((o) => packetOpportunity(o, scope.coachingNotes)),
    trends: packetTrends(
      range,
      agent.id,
      weekly.filter((w) => w.agentId === agent.id),
      channelWeekly.filter((w) => w.agentId === agent.id).map(memberWeek),
      teamWeeks.get(agent.teamId) ?? { all: [], split: [] },
    ),
    coaching: coaching.get(agent.id) ?? [],
  }));
  return { period: range, generatedAt, timeZone, sections };
}

type MemberWeek = { week: string; agentId: string; channel: string | null; totals: PeriodTotals };

function memberWeek(p: { bucket: string; agentId: string; channel: string | null; totals: PeriodTotals }) {
  return { week: p.bucket, agentId: p.agentId, channel: p.channel, totals: p.totals };
}

/**
 * A scorecard card as the packet's rows: a time metric once per channel with data, as the card's
 * channel lines (a pooled mean of voice seconds and email hours describes neither), or one row of no
 * data; every other metric once.
 */
function packetMetrics(m: ScorecardMetric): PacketMetric[] {
  const row = { id: m.id, channel: null, label: m.label, value: m.value, n: m.n };
  if (m.byChannel === null) return [{ ...row, teamMedian: m.teamMedian, target: m.target }];
  if (m.byChannel.length === 0) return [{ ...row, value: null, n: 0, teamMedian: null, target: null }];
  return m.byChannel.map((c) => ({
    id: m.id,
    channel: c.channel,
    label: `${m.label} · ${c.channel}`,
    value: c.value,
    n: c.n,
    teamMedian: c.teamMedian,
    target: c.target,
  }));
}

/**
 * The packet's weekly charts in TREND_METRICS order: a time metric once per channel on which the agent
 * has data in the period, that channel's weeks beside the team's on it; the others over every channel.
 */
function packetTrends(
  range: DayRange,
  agentId: string,
  weekly: readonly { week: string; totals: PeriodTotals }[],
  channelWeekly: readonly MemberWeek[],
  team: { all: readonly MemberWeek[]; split: readonly MemberWeek[] },
): MetricTrend[] {
  return TREND_METRICS.flatMap((metric) => {
    if (!isTimeMetric(metric)) return weeklyTrends(range, agentId, weekly, team.all, [metric]);
    return CHANNELS.filter((c) => channelWeekly.some((w) => w.channel === c)).flatMap((c) =>
      weeklyTrends(
        range,
        agentId,
        channelWeekly.filter((w) => w.channel === c),
        team.split.filter((w) => w.channel === c),
        [metric],
        c,
      ),
    );
  });
}

/**
 * An opportunity as the packet prints it. Readers who may not read transcripts (HR, who also get no
 * coaching notes) get the flagged words only, as agents.opportunities answers them.
 */
function packetOpportunity(o: CoachingOpportunity, readsTranscripts: boolean): PacketOpportunity {
  return {
    metricId: o.metricId,
    channel: o.channel,
    label: o.label,
    value: o.value,
    n: o.n,
    teamMedian: o.teamMedian,
    peers: o.peerCount,
    minConversations: o.peerMinConversations,
    target: o.target,
    worseThanTeam: o.worseThanTeam,
    missesTarget: o.missesTarget,
    trend: o.trend,
    evidence: o.evidence.map((e) => {
      const shown = readsTranscripts
        ? { text: e.text, suggestion: e.suggestion }
        : flaggedWordsOnly(o.metricId, e);
      return { text: shown.text, suggestion: shown.suggestion, day: e.at ? e.at.slice(0, 10) : null };
    }),
  };
}
