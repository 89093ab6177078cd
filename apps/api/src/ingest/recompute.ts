import type { EngineOptions } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { upheldDismissals } from '../disputes/disputes.repository.ts';
import { loadEngineOptions } from '../organisations/config.repository.ts';
import { yieldToEventLoop } from './event-loop.ts';
import type { ConversationRecord } from './record.ts';
import { scoreBatch } from './score.ts';
import { replaceFacts } from './store.ts';

type StoredEvent = NonNullable<ConversationRecord['events']>[number];

export interface RecomputeOptions {
  /** Only these conversations; all of the organisation's otherwise. */
  conversationIds?: readonly string[];
  batchSize?: number;
  engine?: EngineOptions;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Re-scores stored conversations with the organisation's current configuration and rewrites their
 * facts and rollups, batch by batch (each batch atomic), in id order so that work can resume.
 */
export async function recomputeConversations(
  db: Kysely<Database>,
  organisationId: string,
  options: RecomputeOptions = {},
): Promise<{ recomputed: number }> {
  const engine = options.engine ?? (await loadEngineOptions(db, organisationId));
  const batchSize = options.batchSize ?? 500;
  // A conversation whose transcript was removed (retention, erasure) keeps the facts it was scored with:
  // there is nothing left to score it from.
  let query = db
    .selectFrom('conversations')
    .where('organisation_id', '=', organisationId)
    .where('transcript_removed', 'is', null);
  if (options.conversationIds) {
    if (options.conversationIds.length === 0) return { recomputed: 0 };
    query = query.where('id', 'in', options.conversationIds);
  }
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let done = 0;
  let after = '';
  for (;;) {
    const ids = await query.select('id').where('id', '>', after).orderBy('id').limit(batchSize).execute();
    if (ids.length === 0) break;
    const batchIds = ids.map((r) => r.id);
    // Read and scored before the batch's locks are taken: scoring holds no lock, and on PGlite the
    // transaction holds the only connection, which readers wait for. Under the locks, a conversation
    // re-imported or with a dispute decided since is read and scored again, as it is stored now.
    const versions = await scoringVersions(db, organisationId, batchIds);
    const prepared = await scoreStored(db, organisationId, batchIds, engine);
    const recomputed = await replaceFacts(db, organisationId, batchIds, async (trx) => {
      const current = await scoringVersions(trx, organisationId, batchIds);
      // Gone from `current`: deleted, or its transcript removed since; neither gets new facts.
      const changed = new Set(
        batchIds.filter((id) => current.has(id) && current.get(id) !== versions.get(id)),
      );
      const unchanged = prepared.filter((c) => current.has(c.record.id) && !changed.has(c.record.id));
      if (changed.size === 0) return unchanged;
      const rescored = await scoreStored(trx, organisationId, [...changed], engine);
      return [...unchanged, ...rescored];
    });
    done += recomputed;
    after = ids[ids.length - 1]?.id as string;
    options.onProgress?.(done, Number(total));
    // Readers get their turn between two batches (they keep the old facts until a batch commits).
    await yieldToEventLoop();
  }
  return { recomputed: done };
}

async function scoreStored(
  db: Kysely<Database>,
  organisationId: string,
  ids: readonly string[],
  engine: EngineOptions,
) {
  const records = await loadRecords(db, organisationId, ids);
  return scoreBatch(
    db,
    organisationId,
    records.map((record) => ({ record })),
    engine,
  );
}

/**
 * What a conversation's facts are computed from besides the configuration: the stored conversation
 * (a re-import replaces its row: `xmin`, the transaction that wrote the row, changes) and its upheld
 * disputes. Conversations whose transcript was removed have no version: they are not re-scored. Read before the conversation is, so that any change that lands after shows as another version.
 */
async function scoringVersions(
  db: Kysely<Database>,
  organisationId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const [rows, dismissals] = await Promise.all([
    db
      .selectFrom('conversations')
      .select(['id', sql<string>`xmin::text`.as('written_by')])
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', ids)
      .where('transcript_removed', 'is', null)
      .execute(),
    upheldDismissals(db, organisationId, ids),
  ]);
  return new Map(rows.map((r) => [r.id, JSON.stringify([r.written_by, dismissals.get(r.id) ?? []])]));
}

/** Stored conversations back in the interaction log format, as the metric engine reads them. */
export async function loadRecords(
  db: Kysely<Database>,
  organisationId: string,
  ids: readonly string[],
): Promise<ConversationRecord[]> {
  if (ids.length === 0) return [];
  const [conversations, agents, turns, events, surveys] = await Promise.all([
    db
      .selectFrom('conversations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('agents')
      .innerJoin('conversations', (j) =>
        j
          .onRef('conversations.agent_id', '=', 'agents.id')
          .onRef('conversations.organisation_id', '=', 'agents.organisation_id'),
      )
      .select(['agents.id', 'agents.name'])
      .where('conversations.organisation_id', '=', organisationId)
      .where('conversations.id', 'in', ids)
      .execute(),
    db
      .selectFrom('turns')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', 'in', ids)
      .orderBy('conversation_id')
      .orderBy('idx')
      .execute(),
    db
      .selectFrom('events')
      .select(['conversation_id', 'data'])
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', 'in', ids)
      .orderBy('conversation_id')
      .orderBy('idx')
      .execute(),
    db
      .selectFrom('surveys')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('conversation_id', 'in', ids)
      .execute(),
  ]);
  const agentNames = new Map(agents.map((a) => [a.id, a.name]));
  const group = <T extends { conversation_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.conversation_id, [...(map.get(row.conversation_id) ?? []), row]);
    return map;
  };
  const turnsOf = group(turns);
  const eventsOf = group(events);
  const surveyOf = new Map(surveys.map((s) => [s.conversation_id, s]));
  return conversations.map((c) => {
    const survey = surveyOf.get(c.id);
    return {
      id: c.id,
      channel: c.channel,
      startedAt: new Date(c.started_at).toISOString(),
      endedAt: new Date(c.ended_at).toISOString(),
      agent: { id: c.agent_id, name: agentNames.get(c.agent_id) ?? null, team: c.team_id },
      customer: c.customer_id || c.customer_name ? { id: c.customer_id, name: c.customer_name } : null,
      queue: c.queue,
      turns: (turnsOf.get(c.id) ?? []).map((t) => ({
        speaker: t.speaker,
        text: t.text,
        startMs: t.start_ms,
        endMs: t.end_ms,
      })),
      ...(c.events_given ? { events: (eventsOf.get(c.id) ?? []).map((e) => e.data as StoredEvent) } : {}),
      survey: survey
        ? {
            csat: survey.csat,
            comment: survey.comment,
            at: survey.at ? new Date(survey.at).toISOString() : null,
          }
        : null,
    };
  });
}
