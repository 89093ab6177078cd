import type { DayRange, Fraction, MetricId } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { metricColumns } from '../db/metric-columns.ts';

export interface CoachingSession {
  id: number;
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  focusMetrics: MetricId[];
  note: string;
  /** 'YYYY-MM-DD'. */
  sessionDate: string;
  createdBy: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface NewCoachingSession {
  agentId: string;
  createdBy: number;
  focusMetrics: readonly MetricId[];
  note: string;
  sessionDate: string;
}

export async function insertSession(
  db: Kysely<Database>,
  organisationId: string,
  session: NewCoachingSession,
): Promise<number> {
  const row = await db
    .insertInto('coaching_sessions')
    .values({
      organisation_id: organisationId,
      agent_id: session.agentId,
      created_by: session.createdBy,
      focus_metrics: JSON.stringify(session.focusMetrics),
      note: session.note,
      session_date: session.sessionDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function sessions(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('coaching_sessions as s')
    .innerJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 's.organisation_id').onRef('a.id', '=', 's.agent_id'),
    )
    .innerJoin('users as u', 'u.id', 's.created_by')
    .select([
      's.id',
      's.agent_id',
      'a.name as agent_name',
      'a.team_id',
      's.focus_metrics',
      's.note',
      's.session_date',
      'u.email as created_by',
      's.created_at',
      's.acknowledged_at',
    ])
    .where('s.organisation_id', '=', organisationId);
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessions>['executeTakeFirstOrThrow']>>;

function toSession(row: SessionRow): CoachingSession {
  return {
    id: row.id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    teamId: row.team_id,
    focusMetrics: row.focus_metrics as MetricId[],
    note: row.note,
    sessionDate: row.session_date,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
  };
}

export async function sessionById(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<CoachingSession | null> {
  const row = await sessions(db, organisationId).where('s.id', '=', id).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** Newest session first; by agent, by the agent's current team, or all. */
export async function listSessions(
  db: Kysely<Database>,
  organisationId: string,
  filter: { agentId?: string | undefined; teamId?: string | undefined },
): Promise<CoachingSession[]> {
  let query = sessions(db, organisationId).orderBy('s.session_date', 'desc').orderBy('s.id', 'desc');
  if (filter.agentId) query = query.where('s.agent_id', '=', filter.agentId);
  if (filter.teamId) query = query.where('a.team_id', '=', filter.teamId);
  return (await query.execute()).map(toSession);
}

/** Sets acknowledged_at once; false when it was already set (or the session does not exist). */
export async function acknowledgeSession(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<boolean> {
  const updated = await db
    .updateTable('coaching_sessions')
    .set({ acknowledged_at: sql<Date>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** The agent's per-conversation fractions of one metric in a period, where the metric applied. */
export async function conversationFractions(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  metric: MetricId,
  period: DayRange,
): Promise<Fraction[]> {
  const c = metricColumns(metric);
  const result = await sql<{ num: number; den: number }>`
    SELECT ${sql.ref(c.num)}::float8 AS num, ${sql.ref(c.den)}::float8 AS den
    FROM conversation_metrics
    WHERE organisation_id = ${organisationId} AND agent_id = ${agentId}
      AND day BETWEEN ${period.from}::date AND ${period.to}::date AND ${sql.ref(c.den)} IS NOT NULL
    ORDER BY day, conversation_id`.execute(db);
  return result.rows.map((r) => ({ num: Number(r.num), den: Number(r.den) }));
}

/** The response gaps of each of the agent's conversations with at least one, for the pooled p90. */
export async function conversationGaps(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  period: DayRange,
): Promise<number[][]> {
  const rows = await db
    .selectFrom('conversation_metrics')
    .select('response_gaps')
    .where('organisation_id', '=', organisationId)
    .where('agent_id', '=', agentId)
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .where(sql<boolean>`cardinality(response_gaps) > 0`)
    .orderBy('day')
    .orderBy('conversation_id')
    .execute();
  return rows.map((r) => r.response_gaps.map(Number));
}

/** Conversations on each of the agent's active days in a period, for conversations per active day. */
export async function conversationsPerActiveDay(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
  period: DayRange,
): Promise<number[]> {
  const rows = await db
    .selectFrom('conversation_metrics')
    .select((eb) => ['day', eb.fn.countAll<number>().as('conversations')])
    .where('organisation_id', '=', organisationId)
    .where('agent_id', '=', agentId)
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows.map((r) => Number(r.conversations));
}
