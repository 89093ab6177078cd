import type { Dismissal, MetricId } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';

export type DisputeStatus = 'open' | 'upheld' | 'rejected';

/** A flag as conversations.byId returns it: what a dispute names (by content, not by row id). */
export interface Flag {
  metric: MetricId;
  turnIndex: number;
  start: number;
  end: number;
  text: string;
}

export interface Dispute extends Flag {
  id: number;
  conversationId: string;
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  comment: string;
  status: DisputeStatus;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** Who a stored conversation belongs to; null when there is none with that id. */
export async function conversationOwner(
  db: Kysely<Database>,
  organisationId: string,
  conversationId: string,
): Promise<{ agentId: string } | null> {
  const row = await db
    .selectFrom('conversations')
    .select('agent_id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
  return row ? { agentId: row.agent_id } : null;
}

/** Whether the conversation's stored evidence holds exactly this flag. */
export async function flagExists(
  db: Kysely<Database>,
  organisationId: string,
  conversationId: string,
  flag: Flag,
): Promise<boolean> {
  const row = await db
    .selectFrom('evidence')
    .select('idx')
    .where('organisation_id', '=', organisationId)
    .where('conversation_id', '=', conversationId)
    .where('metric', '=', flag.metric)
    .where('turn_index', '=', flag.turnIndex)
    .where('span_start', '=', flag.start)
    .where('span_end', '=', flag.end)
    .where('text', '=', flag.text)
    // A credit counts for the agent: there is nothing to dispute.
    .where('kind', '<>', 'credit')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Opens a dispute; null when the flag already has an open one. The conversation row is locked so that
 * two requests for the same flag cannot both open one. `onOpened` runs in the same transaction (the
 * notification of whoever decides commits with the dispute, or neither does).
 */
export async function insertDispute(
  db: Kysely<Database>,
  organisationId: string,
  dispute: { conversationId: string; agentId: string; flag: Flag; comment: string; createdBy: number },
  onOpened?: (trx: Kysely<Database>, id: number) => Promise<unknown>,
): Promise<number | null> {
  const { flag } = dispute;
  return db.transaction().execute(async (trx) => {
    await sql`SELECT 1 FROM conversations WHERE organisation_id = ${organisationId}
      AND id = ${dispute.conversationId} FOR UPDATE`.execute(trx);
    const open = await trx
      .selectFrom('disputes')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', '=', dispute.conversationId)
      .where('metric', '=', flag.metric)
      .where('turn_index', '=', flag.turnIndex)
      .where('span_start', '=', flag.start)
      .where('span_end', '=', flag.end)
      .where('text', '=', flag.text)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open) return null;
    const row = await trx
      .insertInto('disputes')
      .values({
        organisation_id: organisationId,
        conversation_id: dispute.conversationId,
        agent_id: dispute.agentId,
        metric: flag.metric,
        turn_index: flag.turnIndex,
        span_start: flag.start,
        span_end: flag.end,
        text: flag.text,
        comment: dispute.comment,
        created_by: dispute.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await onOpened?.(trx, row.id);
    await bumpDataVersion(trx, organisationId);
    return row.id;
  });
}

function disputes(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('disputes as d')
    .leftJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'd.organisation_id').onRef('a.id', '=', 'd.agent_id'),
    )
    .innerJoin('users as author', 'author.id', 'd.created_by')
    .leftJoin('users as decider', 'decider.id', 'd.decided_by')
    .select([
      'd.id',
      'd.conversation_id',
      'd.agent_id',
      'a.name as agent_name',
      'a.team_id',
      'd.metric',
      'd.turn_index',
      'd.span_start',
      'd.span_end',
      'd.text',
      'd.comment',
      'd.status',
      'author.email as created_by',
      'd.created_at',
      'decider.email as decided_by',
      'd.decided_at',
      'd.decision_note',
    ])
    .where('d.organisation_id', '=', organisationId);
}

type DisputeRow = Awaited<ReturnType<ReturnType<typeof disputes>['executeTakeFirstOrThrow']>>;

function toDispute(row: DisputeRow): Dispute {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    teamId: row.team_id,
    metric: row.metric as MetricId,
    turnIndex: row.turn_index,
    start: row.span_start,
    end: row.span_end,
    text: row.text,
    comment: row.comment,
    status: row.status,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionNote: row.decision_note,
  };
}

export async function disputeById(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<Dispute | null> {
  const row = await disputes(db, organisationId).where('d.id', '=', id).executeTakeFirst();
  return row ? toDispute(row) : null;
}

/** Newest first; by agent, by the agent's current team, by status, or all. */
export async function listDisputes(
  db: Kysely<Database>,
  organisationId: string,
  filter: { agentId?: string | undefined; teamId?: string | undefined; status?: DisputeStatus | undefined },
): Promise<Dispute[]> {
  let query = disputes(db, organisationId).orderBy('d.created_at', 'desc').orderBy('d.id', 'desc');
  if (filter.agentId) query = query.where('d.agent_id', '=', filter.agentId);
  if (filter.teamId) query = query.where('a.team_id', '=', filter.teamId);
  if (filter.status) query = query.where('d.status', '=', filter.status);
  return (await query.execute()).map(toDispute);
}

/** Records the decision once; false when the dispute is no longer open. */
export async function decideDispute(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
  decision: { status: 'upheld' | 'rejected'; decidedBy: number; note: string | null },
): Promise<boolean> {
  const updated = await db
    .updateTable('disputes')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: sql<Date>`now()`,
      decision_note: decision.note,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** The flags that upheld disputes dismiss, per conversation, for scoring (ingest and recompute). */
export async function upheldDismissals(
  db: Kysely<Database>,
  organisationId: string,
  conversationIds: readonly string[],
): Promise<Map<string, Dismissal[]>> {
  const dismissals = new Map<string, Dismissal[]>();
  if (conversationIds.length === 0) return dismissals;
  const rows = await db
    .selectFrom('disputes')
    .select(['conversation_id', 'metric', 'turn_index', 'span_start', 'span_end', 'text'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'upheld')
    .where(
      sql<boolean>`conversation_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(conversationIds)}::jsonb))`,
    )
    .execute();
  for (const row of rows) {
    const list = dismissals.get(row.conversation_id) ?? [];
    dismissals.set(row.conversation_id, list);
    list.push({
      metric: row.metric,
      turnIndex: row.turn_index,
      start: row.span_start,
      end: row.span_end,
      text: row.text,
    });
  }
  return dismissals;
}
