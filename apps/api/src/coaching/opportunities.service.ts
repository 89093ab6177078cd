import {
  type AgentCoachingValues,
  addDays,
  bucketsOf,
  type CoachingConfig,
  type CoachingEvidence,
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
import { agentTotals, bucketTotals, weeklyTotals } from '../rollups/rollups.repository.ts';

const TREND_WEEKS = 8;
const EVIDENCE_PER_METRIC = 12;

function coachingValues(totals: PeriodTotals): AgentCoachingValues {
  const values = periodValues(totals);
  return Object.fromEntries(METRIC_IDS.map((id) => [id, { value: values[id], n: sampleSize(id, totals) }]));
}

/**
 * Ranked coaching opportunities for an agent and period (METRICS.md): against the other agents of the
 * team and the organisation's targets, with the 8-week trend ending at the period's end and evidence.
 */
export async function coachingOpportunities(
  db: Kysely<Database>,
  organisationId: string,
  agent: AgentSummary,
  period: DayRange,
  config: CoachingConfig,
): Promise<CoachingOpportunity[]> {
  const team = await agentTotals(db, { organisationId, ...period, teamId: agent.teamId ?? undefined });
  const own = team.find((a) => a.agentId === agent.id);
  if (!own) return [];
  const trendPeriod = trendPeriodOf(period);
  const [weeks, evidence] = await Promise.all([
    bucketTotals(db, { organisationId, ...trendPeriod, agentId: agent.id }, 'week'),
    evidenceCandidates(db, organisationId, agent.id, period),
  ]);
  return findOpportunities({
    agent: coachingValues(own.totals),
    peers: team.filter((a) => a.agentId !== agent.id).map((a) => coachingValues(a.totals)),
    config,
    weekly: weeklySeries(new Map(weeks.map((w) => [w.bucket, w.totals])), trendPeriod),
    evidence,
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
 * The coaching opportunities of every agent the rollup filter selects (a team, or every team), without
 * evidence: what the team overview lists. The same rule as an agent's own (coachingOpportunities):
 * each agent against the other agents of their team over the same period, all channels, with the same
 * 8-week trend, so the overview and the scorecard name the same opportunities. Two reads for any
 * number of agents.
 */
export async function teamOpportunities(
  db: Kysely<Database>,
  organisationId: string,
  period: DayRange,
  teamId: string | undefined,
  config: CoachingConfig,
): Promise<Map<string, CoachingOpportunity[]>> {
  const trendPeriod = trendPeriodOf(period);
  const [agents, weeks] = await Promise.all([
    agentTotals(db, { organisationId, ...period, teamId }),
    weeklyTotals(db, { organisationId, ...trendPeriod, teamId }),
  ]);
  const byAgentWeek = new Map<string, Map<string, PeriodTotals>>();
  for (const w of weeks) {
    const own = byAgentWeek.get(w.agentId) ?? new Map<string, PeriodTotals>();
    own.set(w.week, w.totals);
    byAgentWeek.set(w.agentId, own);
  }
  const values = agents.map((a) => ({
    agentId: a.agentId,
    teamId: a.teamId,
    values: coachingValues(a.totals),
  }));
  const result = new Map<string, CoachingOpportunity[]>();
  for (const agent of values) {
    const peers = values.filter((p) => p.teamId === agent.teamId && p.agentId !== agent.agentId);
    result.set(
      agent.agentId,
      findOpportunities({
        agent: agent.values,
        peers: peers.map((p) => p.values),
        config,
        weekly: weeklySeries(byAgentWeek.get(agent.agentId) ?? new Map(), trendPeriod),
      }),
    );
  }
  return result;
}

/** The latest flagged evidence of the agent's conversations in the period, per metric. */
async function evidenceCandidates(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  period: DayRange,
): Promise<Partial<Record<MetricId, CoachingEvidence[]>>> {
  const rows = await sql<{
    metric: MetricId;
    conversation_id: string;
    turn_index: number;
    span_start: number;
    span_end: number;
    text: string;
    suggestion: string | null;
    kind: 'flag' | 'missing';
    started_at: Date;
  }>`
    SELECT metric, conversation_id, turn_index, span_start, span_end, text, suggestion, kind, started_at FROM (
      SELECT e.*, m.day, c.started_at,
        row_number() OVER (PARTITION BY e.metric ORDER BY c.started_at DESC, e.idx) AS rank
      FROM evidence e
      JOIN conversation_metrics m ON m.organisation_id = e.organisation_id AND m.conversation_id = e.conversation_id
      JOIN conversations c ON c.organisation_id = e.organisation_id AND c.id = e.conversation_id
      WHERE e.organisation_id = ${organisationId} AND m.agent_id = ${agentId} AND e.kind <> 'credit'
        AND m.day BETWEEN ${period.from}::date AND ${period.to}::date
    ) ranked WHERE rank <= ${EVIDENCE_PER_METRIC}`.execute(db);
  const byMetric: Partial<Record<MetricId, CoachingEvidence[]>> = {};
  for (const row of rows.rows) {
    const list = byMetric[row.metric] ?? [];
    byMetric[row.metric] = list;
    list.push({
      conversationId: row.conversation_id,
      turnIndex: row.turn_index,
      start: row.span_start,
      end: row.span_end,
      text: row.text,
      at: new Date(row.started_at).toISOString(),
      ...(row.suggestion ? { suggestion: row.suggestion } : {}),
      ...(row.kind === 'missing' ? { missing: true } : {}),
    });
  }
  return byMetric;
}
