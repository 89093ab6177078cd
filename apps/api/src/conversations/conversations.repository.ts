import { coachingDirection, type MetricId } from '@rapport/metrics';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database } from '../db/database.ts';
import { conversationValueSql } from './metric-value-sql.ts';
import { type Snippet, snippetAround } from './snippet.ts';

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

type ConversationHeader = Omit<ConversationDetail, 'turns' | 'events' | 'survey' | 'evidence'>;
type ConversationBody = Pick<ConversationDetail, 'turns' | 'events' | 'survey' | 'evidence'>;

/**
 * A conversation without its transcript, and the current team of its agent, which decides who may
 * read it (auth/scope.ts): checked before anything of the transcript is read.
 */
export async function conversationHeader(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<{ header: ConversationHeader; agentTeamId: string | null } | null> {
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
      'a.team_id as agent_team_id',
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
  return {
    agentTeamId: conversation.agent_team_id ?? null,
    header: {
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
    },
  };
}

/** A conversation's transcript: turns, events, survey and the evidence spans to highlight. */
export async function conversationBody(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<ConversationBody> {
  // One statement, not four: a transcript opened under load then holds one pooled connection for one
  // round trip, where four queries at once took half the pool.
  const ofConversation = (eb: ExpressionBuilder<Database, 'turns' | 'events' | 'surveys' | 'evidence'>) =>
    eb.and([eb('organisation_id', '=', organisationId), eb('conversation_id', '=', id)]);
  const body = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('turns')
          .select(['idx', 'speaker', 'text', 'start_ms', 'end_ms'])
          .where(ofConversation)
          .orderBy('idx'),
      ).as('turns'),
      jsonArrayFrom(
        eb.selectFrom('events').select(['idx', 'type', 'at', 'data']).where(ofConversation).orderBy('idx'),
      ).as('events'),
      jsonObjectFrom(eb.selectFrom('surveys').select(['csat', 'comment', 'at']).where(ofConversation)).as(
        'survey',
      ),
      jsonArrayFrom(
        eb
          .selectFrom('evidence')
          .select(['idx', 'metric', 'turn_index', 'span_start', 'span_end', 'text', 'suggestion', 'kind'])
          .where(ofConversation)
          .orderBy('turn_index')
          .orderBy('span_start'),
      ).as('evidence'),
    ])
    .executeTakeFirstOrThrow();
  const { turns, events, survey, evidence } = body;
  return {
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

export const SEARCH_SORTS = ['started', 'agent', 'channel', 'customer', 'csat', 'flags', 'value'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface ConversationSearch {
  agentId?: string | undefined;
  teamId?: string | undefined;
  from: string;
  to: string;
  channel?: 'voice' | 'chat' | 'email' | undefined;
  /**
   * The conversations behind this metric's value: every one where it has a per-conversation value,
   * with that value. With `flagged`, only those where it flagged the agent (a flag or a missing
   * behaviour; credits are not flags).
   */
  metric?: MetricId | undefined;
  flagged?: boolean | undefined;
  /** Case-insensitive substring of any turn. */
  text?: string | undefined;
  /** Default: the metric's value, worst first, with a metric; otherwise the newest first. */
  sort?: SearchSort | undefined;
  order?: SortOrder | undefined;
  limit: number;
  offset: number;
}

export interface SearchRow {
  id: string;
  channel: 'voice' | 'chat' | 'email';
  startedAt: string;
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  queue: string | null;
  customerName: string | null;
  csat: number | null;
  /** Flags against the agent (missing behaviours included), all metrics. */
  flags: number;
  /** Which metrics flagged it and how often, most first. */
  flaggedFor: { metric: string; count: number }[];
  /** The searched metric's value in this conversation; null without a metric. */
  value: number | null;
  /** The first turn with the searched text, cut around the match; null without text. */
  snippet: Snippet | null;
}

/**
 * Which end of a metric's values is worse, so that a drill-down lists the conversations that pulled
 * the value the wrong way first: the slowest responses, the lowest CSAT. Context metrics (handle time,
 * scripted lines, conversations per day) list the largest first.
 */
export function worstFirst(metric: MetricId): SortOrder {
  return coachingDirection(metric) === 'higher' ? 'asc' : 'desc';
}

/** A page of conversations with how many match in all, sorted as asked. */
export async function searchConversations(
  db: Kysely<Database>,
  organisationId: string,
  search: ConversationSearch,
): Promise<{ total: number; sort: SearchSort; order: SortOrder; rows: SearchRow[] }> {
  const metric = search.metric ? conversationValueSql(search.metric, search.channel) : null;
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('conversation_metrics as m', (j) =>
      j.onRef('m.organisation_id', '=', 'c.organisation_id').onRef('m.conversation_id', '=', 'c.id'),
    )
    .leftJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'c.organisation_id').onRef('a.id', '=', 'c.agent_id'),
    )
    .leftJoin('surveys as s', (j) =>
      j.onRef('s.organisation_id', '=', 'c.organisation_id').onRef('s.conversation_id', '=', 'c.id'),
    )
    .where('c.organisation_id', '=', organisationId)
    .where('m.day', '>=', search.from)
    .where('m.day', '<=', search.to);
  if (search.agentId) query = query.where('c.agent_id', '=', search.agentId);
  // The agents' current team, as every access rule reads it (auth/scope.ts), not the stored one.
  if (search.teamId) query = query.where('a.team_id', '=', search.teamId);
  if (search.channel) query = query.where('c.channel', '=', search.channel);
  if (metric) query = query.where(metric.applies);
  if (search.metric && search.flagged) {
    const id = search.metric;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('evidence as e')
          .select('e.idx')
          .whereRef('e.organisation_id', '=', 'c.organisation_id')
          .whereRef('e.conversation_id', '=', 'c.id')
          .where('e.metric', '=', id)
          .where('e.kind', '<>', 'credit'),
      ),
    );
  }
  const pattern = search.text ? `%${search.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  if (pattern) {
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
  const sort = search.sort ?? (search.metric ? 'value' : 'started');
  const order = search.order ?? (sort === 'value' && search.metric ? worstFirst(search.metric) : 'desc');
  const direction = sql.raw(order === 'asc' ? 'ASC' : 'DESC');
  const flagCount = sql<number>`(SELECT count(*) FROM evidence e
    WHERE e.organisation_id = c.organisation_id AND e.conversation_id = c.id AND e.kind <> 'credit')`;
  const sortKey = {
    started: sql`c.started_at`,
    agent: sql`coalesce(a.name, c.agent_id)`,
    channel: sql`c.channel`,
    customer: sql`c.customer_name`,
    csat: sql`s.csat`,
    flags: flagCount,
    value: metric?.value ?? sql`c.started_at`,
  }[sort];
  const [rows, total] = await Promise.all([
    query
      .select([
        'c.id',
        'c.channel',
        'c.started_at',
        'c.agent_id',
        'a.name as agent_name',
        'm.team_id',
        'c.queue',
        'c.customer_name',
        's.csat',
        flagCount.as('flags'),
        (metric?.value ?? sql<number | null>`NULL::float8`).as('value'),
      ])
      // Missing values (no survey, no customer name) go last whichever way the column is sorted.
      .orderBy(sql`${sortKey} ${direction} NULLS LAST`)
      .orderBy('c.started_at', 'desc')
      .orderBy('c.id')
      .limit(search.limit)
      .offset(search.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const [flagged, matches] = await Promise.all([
    flagsByMetric(db, organisationId, ids),
    pattern ? firstMatches(db, organisationId, ids, pattern) : Promise.resolve(new Map<string, Match>()),
  ]);
  return {
    total: Number(total.n),
    sort,
    order,
    rows: rows.map((r) => {
      const match = matches.get(r.id);
      return {
        id: r.id,
        channel: r.channel,
        startedAt: iso(r.started_at),
        agentId: r.agent_id,
        agentName: r.agent_name,
        teamId: r.team_id || null,
        queue: r.queue,
        customerName: r.customer_name,
        csat: r.csat === null ? null : Number(r.csat),
        flags: Number(r.flags ?? 0),
        flaggedFor: flagged.get(r.id) ?? [],
        value: r.value === null ? null : Number(r.value),
        snippet: match && search.text ? snippetAround(match.text, search.text, match.turnIndex) : null,
      };
    }),
  };
}

/** The flags of each listed conversation per metric, most first (then in metric order). */
async function flagsByMetric(
  db: Kysely<Database>,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, { metric: string; count: number }[]>> {
  const byConversation = new Map<string, { metric: string; count: number }[]>();
  if (ids.length === 0) return byConversation;
  const rows = await db
    .selectFrom('evidence')
    .select(['conversation_id', 'metric', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('conversation_id', 'in', ids)
    .where('kind', '<>', 'credit')
    .groupBy(['conversation_id', 'metric'])
    .execute();
  for (const row of rows) {
    const list = byConversation.get(row.conversation_id) ?? [];
    list.push({ metric: row.metric, count: Number(row.n) });
    byConversation.set(row.conversation_id, list);
  }
  for (const list of byConversation.values()) {
    list.sort((a, b) => b.count - a.count || a.metric.localeCompare(b.metric));
  }
  return byConversation;
}

interface Match {
  turnIndex: number;
  text: string;
}

/** The first turn of each listed conversation that holds the searched text. */
async function firstMatches(
  db: Kysely<Database>,
  organisationId: string,
  ids: readonly string[],
  pattern: string,
): Promise<Map<string, Match>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('turns')
    .distinctOn('conversation_id')
    .select(['conversation_id', 'idx', 'text'])
    .where('organisation_id', '=', organisationId)
    .where('conversation_id', 'in', ids)
    .where('text', 'ilike', pattern)
    .orderBy('conversation_id')
    .orderBy('idx')
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, { turnIndex: r.idx, text: r.text }]));
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
