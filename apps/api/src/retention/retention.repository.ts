import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { lockConversations } from '../ingest/write-locks.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
import { retentionCutoff } from './retention-policy.ts';

/** The organisation's retention: days to keep transcripts, or null for ever (the default). */
export async function retentionDays(db: Kysely<Database>, organisationId: string): Promise<number | null> {
  const row = await db
    .selectFrom('organisation_config')
    .select('transcript_retention_days')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row?.transcript_retention_days ?? null;
}

export async function setRetentionDays(
  db: Kysely<Database>,
  organisationId: string,
  days: number | null,
): Promise<void> {
  await db
    .insertInto('organisation_config')
    .values({ organisation_id: organisationId, transcript_retention_days: days })
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({ transcript_retention_days: days, updated_at: new Date() }),
    )
    .execute();
}

export interface RetentionRun {
  /** Null when the organisation keeps transcripts for ever: nothing was looked at. */
  days: number | null;
  cutoff: string | null;
  conversations: number;
  turns: number;
  evidence: number;
  surveyComments: number;
}

/**
 * Removes the transcripts of conversations that started more than the organisation's retention ago:
 * their turns, evidence and survey comments. The conversation row, its events, metric facts and the
 * rollups stay, so that scorecards, trends and overviews of the past read as before; the conversation
 * is marked, so that its view says the transcript was removed by retention and a recompute keeps its
 * facts. Works in batches of conversations, each one transaction under the conversations' write
 * locks (ingest/write-locks.ts), so that ingest and recompute may run meanwhile.
 */
export async function applyRetention(
  db: Kysely<Database>,
  organisationId: string,
  now: Date,
  batchSize = 1_000,
): Promise<RetentionRun> {
  const days = await retentionDays(db, organisationId);
  const run: RetentionRun = {
    days,
    cutoff: null,
    conversations: 0,
    turns: 0,
    evidence: 0,
    surveyComments: 0,
  };
  if (days === null) return run;
  const cutoff = retentionCutoff(now, days);
  run.cutoff = cutoff.toISOString();
  for (;;) {
    const removed = await db.transaction().execute(async (trx) => {
      // The partial index conversations_transcript_kept holds exactly these, oldest first.
      const rows = await trx
        .selectFrom('conversations')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('transcript_removed', 'is', null)
        .where('started_at', '<', cutoff)
        .orderBy('started_at')
        .limit(batchSize)
        .execute();
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return null;
      await lockConversations(trx, organisationId, ids);
      const removed = await removeTranscripts(trx, organisationId, ids, 'retention');
      await bumpDataVersion(trx, organisationId);
      return removed;
    });
    if (!removed) break;
    run.conversations += removed.conversations;
    run.turns += removed.turns;
    run.evidence += removed.evidence;
    run.surveyComments += removed.surveyComments;
  }
  return run;
}

/**
 * Deletes the turns and evidence of these conversations, clears their survey comments and marks
 * them as `reason`: in the caller's transaction, which holds their write locks.
 */
export async function removeTranscripts(
  trx: Kysely<Database>,
  organisationId: string,
  ids: readonly string[],
  reason: 'retention' | 'erasure',
): Promise<{ conversations: number; turns: number; evidence: number; surveyComments: number }> {
  const turns = await trx
    .deleteFrom('turns')
    .where('organisation_id', '=', organisationId)
    .where('conversation_id', 'in', ids)
    .executeTakeFirst();
  const evidence = await trx
    .deleteFrom('evidence')
    .where('organisation_id', '=', organisationId)
    .where('conversation_id', 'in', ids)
    .executeTakeFirst();
  const comments = await trx
    .updateTable('surveys')
    .set({ comment: null })
    .where('organisation_id', '=', organisationId)
    .where('conversation_id', 'in', ids)
    .where('comment', 'is not', null)
    .executeTakeFirst();
  const marked = await trx
    .updateTable('conversations')
    .set({ transcript_removed: reason, transcript_removed_at: sql`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return {
    conversations: Number(marked.numUpdatedRows),
    turns: Number(turns.numDeletedRows),
    evidence: Number(evidence.numDeletedRows),
    surveyComments: Number(comments.numUpdatedRows),
  };
}

/** Organisations with a retention setting: what `rapport retention run` walks. */
export async function organisationsWithRetention(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('organisation_config')
    .select('organisation_id')
    .where('transcript_retention_days', 'is not', null)
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}
