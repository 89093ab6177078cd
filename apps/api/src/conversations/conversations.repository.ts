import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface ConversationDetail {
  id: string;
  channel: 'voice' | 'chat' | 'email';
  startedAt: string;
  endedAt: string;
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  customerName: string | null;
  queue: string | null;
  /** Set when the turns, evidence and survey comment were removed; the metric facts remain. */
  transcriptRemoved: { reason: 'retention' | 'erasure'; at: string } | null;
  turns: { index: number; speaker: string; text: string; startMs: number; endMs: number | null }[];
  events: { index: number; type: string; at: string; data: unknown }[];
  survey: { csat: number | null; comment: string | null; at: string | null } | null;
  evidence: {
    index: number;
    metric: string;
    turnIndex: number;
    start: number;
    end: number;
    text: string;
    suggestion: string | null;
    /** `flag` counts against the agent, `credit` for them, `missing` marks what did not happen. */
    kind: 'flag' | 'credit' | 'missing';
  }[];
}

export async function conversationDetail(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<ConversationDetail | null> {
  const conversation = await db
    .selectFrom('conversations as c')
    .leftJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'c.organisation_id').onRef('a.id', '=', 'c.agent_id'),
    )
    .select([
      'c.id',
      'c.channel',
      'c.started_at',
      'c.ended_at',
      'c.agent_id',
      'a.name as agent_name',
      'c.team_id',
      'c.customer_name',
      'c.queue',
      'c.transcript_removed',
      'c.transcript_removed_at',
    ])
    .where('c.organisation_id', '=', organisationId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!conversation) return null;
  const [turns, events, survey, evidence] = await Promise.all([
    db
      .selectFrom('turns')
      .select(['idx', 'speaker', 'text', 'start_ms', 'end_ms'])
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', '=', id)
      .orderBy('idx')
      .execute(),
    db
      .selectFrom('events')
      .select(['idx', 'type', 'at', 'data'])
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', '=', id)
      .orderBy('idx')
      .execute(),
    db
      .selectFrom('surveys')
      .select(['csat', 'comment', 'at'])
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('evidence')
      .select(['idx', 'metric', 'turn_index', 'span_start', 'span_end', 'text', 'suggestion', 'kind'])
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', '=', id)
      .orderBy('turn_index')
      .orderBy('span_start')
      .execute(),
  ]);
  return {
    id: conversation.id,
    channel: conversation.channel,
    startedAt: iso(conversation.started_at),
    endedAt: iso(conversation.ended_at),
    agentId: conversation.agent_id,
    agentName: conversation.agent_name,
    teamId: conversation.team_id,
    customerName: conversation.customer_name,
    queue: conversation.queue,
    transcriptRemoved:
      conversation.transcript_removed && conversation.transcript_removed_at
        ? { reason: conversation.transcript_removed, at: iso(conversation.transcript_removed_at) }
        : null,
    turns: turns.map((t) => ({
      index: t.idx,
      speaker: t.speaker,
      text: t.text,
      startMs: t.start_ms,
      endMs: t.end_ms,
    })),
    events: events.map((e) => ({ index: e.idx, type: e.type, at: iso(e.at), data: e.data })),
    survey: survey
      ? { csat: survey.csat, comment: survey.comment, at: survey.at ? iso(survey.at) : null }
      : null,
    evidence: evidence.map((e) => ({
      index: e.idx,
      metric: e.metric,
      turnIndex: e.turn_index,
      start: e.span_start,
      end: e.span_end,
      text: e.text,
      suggestion: e.suggestion,
      kind: e.kind,
    })),
  };
}

export interface ConversationSearch {
  agentId?: string | undefined;
  teamId?: string | undefined;
  from: string;
  to: string;
  channel?: 'voice' | 'chat' | 'email' | undefined;
  /** Only conversations flagged for this metric (a flag or a missing behaviour; credits are not flags). */
  metric?: string | undefined;
  /** Case-insensitive substring of any turn. */
  text?: string | undefined;
  limit: number;
  offset: number;
}

/** A page of conversations, newest first, with how many match in all. */
export async function searchConversations(
  db: Kysely<Database>,
  organisationId: string,
  search: ConversationSearch,
) {
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('conversation_metrics as m', (j) =>
      j.onRef('m.organisation_id', '=', 'c.organisation_id').onRef('m.conversation_id', '=', 'c.id'),
    )
    .leftJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'c.organisation_id').onRef('a.id', '=', 'c.agent_id'),
    )
    .where('c.organisation_id', '=', organisationId)
    .where('m.day', '>=', search.from)
    .where('m.day', '<=', search.to);
  if (search.agentId) query = query.where('c.agent_id', '=', search.agentId);
  // The agents' current team, as every access rule reads it (auth/scope.ts), not the stored one.
  if (search.teamId) query = query.where('a.team_id', '=', search.teamId);
  if (search.channel) query = query.where('c.channel', '=', search.channel);
  if (search.metric) {
    const metric = search.metric;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('evidence as e')
          .select('e.idx')
          .whereRef('e.organisation_id', '=', 'c.organisation_id')
          .whereRef('e.conversation_id', '=', 'c.id')
          .where('e.metric', '=', metric)
          .where('e.kind', '<>', 'credit'),
      ),
    );
  }
  if (search.text) {
    const pattern = `%${search.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('turns as t')
          .select('t.idx')
          .whereRef('t.organisation_id', '=', 'c.organisation_id')
          .whereRef('t.conversation_id', '=', 'c.id')
          .where('t.text', 'ilike', pattern),
      ),
    );
  }
  const [rows, total] = await Promise.all([
    query
      .select(({ selectFrom }) => [
        'c.id',
        'c.channel',
        'c.started_at',
        'c.agent_id',
        'a.name as agent_name',
        'm.team_id',
        'c.queue',
        selectFrom('evidence as e')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .whereRef('e.organisation_id', '=', 'c.organisation_id')
          .whereRef('e.conversation_id', '=', 'c.id')
          .where('e.kind', '<>', 'credit')
          .as('flags'),
      ])
      .orderBy('c.started_at', 'desc')
      .orderBy('c.id')
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      startedAt: iso(r.started_at),
      agentId: r.agent_id,
      agentName: r.agent_name,
      teamId: r.team_id || null,
      queue: r.queue,
      flags: Number(r.flags ?? 0),
    })),
  };
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
