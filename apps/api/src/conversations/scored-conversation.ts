import { type EvidenceKind, METRIC_IDS, type MetricId } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { conversationMetricValue } from '../exports/conversations-csv.ts';
import { FACT_COLUMNS, toFacts } from '../exports/exports.repository.ts';

/**
 * One stored conversation as the engine scored it (DESIGN.md, `rapport conversation <id> --json`):
 * every metric id with its per-conversation value, and every piece of evidence with its kind.
 */
export interface ScoredConversationView {
  id: string;
  agentId: string;
  channel: 'voice' | 'chat' | 'email';
  /** The definitions version of the stored facts, "v2". */
  definitions: string;
  metrics: Record<MetricId, number | null>;
  evidence: {
    metric: string;
    kind: EvidenceKind;
    /** Index in the record's `turns` as ingested. */
    turn: number;
    /** `[start, end)` in that turn's original text. */
    start: number;
    end: number;
    text: string;
    suggestion?: string;
  }[];
}

export async function scoredConversation(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<ScoredConversationView | null> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT c.id AS conversation_id, c.agent_id, m.team_id, c.channel, c.queue, c.started_at, m.response_gaps,
      m.definitions, ${FACT_COLUMNS}
    FROM conversations c
    JOIN conversation_metrics m ON m.organisation_id = c.organisation_id AND m.conversation_id = c.id
    WHERE c.organisation_id = ${organisationId} AND c.id = ${id}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const facts = toFacts(row);
  const [turns, evidence] = await Promise.all([
    db
      .selectFrom('turns')
      .select(['idx', 'text'])
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', '=', id)
      .execute(),
    db
      .selectFrom('evidence')
      .select(['metric', 'kind', 'turn_index', 'span_start', 'span_end', 'text', 'suggestion'])
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', '=', id)
      .orderBy('idx')
      .execute(),
  ]);
  const turnText = new Map(turns.map((t) => [t.idx, t.text]));
  return {
    id: facts.conversationId,
    agentId: facts.agentId,
    channel: facts.channel as ScoredConversationView['channel'],
    definitions: `v${facts.definitions}`,
    metrics: Object.fromEntries(METRIC_IDS.map((m) => [m, conversationMetricValue(facts, m)])) as Record<
      MetricId,
      number | null
    >,
    evidence: evidence.map((e) => ({
      metric: e.metric,
      kind: e.kind,
      turn: e.turn_index,
      start: e.span_start,
      end: e.span_end,
      // The span of the turn as ingested: stored evidence text may be shortened for long turns.
      text: turnText.get(e.turn_index)?.slice(e.span_start, e.span_end) ?? e.text,
      ...(e.suggestion ? { suggestion: e.suggestion } : {}),
    })),
  };
}
