import {
  DEFINITIONS_VERSION,
  type EvidenceKind,
  METRIC_IDS,
  type MetricId,
  nearestRank,
} from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { FRACTION_METRICS, metricColumns } from '../db/metric-columns.ts';

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
  const conversation = await db
    .selectFrom('conversations')
    .select(['id', 'agent_id', 'channel'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!conversation) return null;
  const columns = FRACTION_METRICS.flatMap((m) => [metricColumns(m).num, metricColumns(m).den]);
  const [facts, turns, evidence] = await Promise.all([
    sql<Record<string, number | null> & { response_gaps: number[]; definitions: number }>`
      SELECT response_gaps, definitions, ${sql.raw(columns.join(', '))} FROM conversation_metrics
      WHERE organisation_id = ${organisationId} AND conversation_id = ${id}`.execute(db),
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
  const row = facts.rows[0];
  const metrics = Object.fromEntries(METRIC_IDS.map((m) => [m, metricValue(m, row)])) as Record<
    MetricId,
    number | null
  >;
  const turnText = new Map(turns.map((t) => [t.idx, t.text]));
  return {
    id: conversation.id,
    agentId: conversation.agent_id,
    channel: conversation.channel,
    definitions: `v${row?.definitions ?? DEFINITIONS_VERSION}`,
    metrics,
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

function metricValue(
  metric: MetricId,
  row: (Record<string, number | null> & { response_gaps: number[] }) | undefined,
): number | null {
  if (!row) return null;
  // One conversation on its one day.
  if (metric === 'conversationsPerDay') return 1;
  if (metric === 'responseTimeP90Ms') return nearestRank(row.response_gaps ?? [], 0.9);
  const { num, den } = metricColumns(metric);
  const n = row[num];
  const d = row[den];
  return n === null || n === undefined || d === null || d === undefined || d === 0
    ? null
    : Number(n) / Number(d);
}
