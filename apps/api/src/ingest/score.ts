import {
  applyDismissals,
  type ConversationResult,
  computeConversation,
  type Dismissal,
  type EngineOptions,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { upheldDismissals } from '../disputes/disputes.repository.ts';
import { type ScoringPool, startScoringPool } from '../scoring/scoring-pool.ts';
import { withEvidenceExcerpts, withExcerptText } from './evidence-excerpt.ts';
import type { ConversationRecord } from './record.ts';

/**
 * The engine's result for one conversation, less the flags that upheld disputes dismissed. Evidence
 * quotes are bounded first (evidence-excerpt.ts), so that a dispute quotes what is stored.
 */
export function scoreConversation(
  record: ConversationRecord,
  engine: EngineOptions,
  dismissals: readonly Dismissal[] = [],
): ConversationResult {
  return applyDismissals(
    withEvidenceExcerpts(computeConversation(record, engine)),
    dismissals.map(withExcerptText),
  );
}

/**
 * Scores a batch with the organisation's upheld disputes for its conversations: every path that
 * writes facts (ingest, re-ingest, recompute) goes through here, so a dismissed flag stays dismissed.
 */
export async function scoreBatch<T extends { record: ConversationRecord }>(
  db: Kysely<Database>,
  organisationId: string,
  batch: readonly T[],
  engine: EngineOptions,
): Promise<(T & { result: ConversationResult })[]> {
  const dismissals = await upheldDismissals(
    db,
    organisationId,
    batch.map((item) => item.record.id),
  );
  const tasks = batch.map((item) => ({
    record: item.record,
    dismissals: dismissals.get(item.record.id) ?? [],
  }));
  const results = pool
    ? await pool.score(tasks, engine)
    : tasks.map((task) => scoreConversation(task.record, engine, task.dismissals));
  return batch.map((item, i) => ({ ...item, result: results[i] as ConversationResult }));
}

let pool: ScoringPool | null = null;

/**
 * Where batches are scored from now on in this process: a pool of worker threads (the server, so that
 * its event loop never runs the engine) or, with null, inline (the CLI, tests, the pool's workers).
 */
export function scoreBatchesWith(scoringPool: ScoringPool | null): void {
  pool = scoringPool;
}

/**
 * Runs `work` with batches scored in a pool of `size` worker threads (default cores − 1, at least 1),
 * then closes the pool; a size of 0 runs it with batches scored inline. The CLI's ingest of a large
 * file and its recompute score on every core while the main thread parses and writes.
 */
export async function withScoringPool<T>(work: () => Promise<T>, size?: number): Promise<T> {
  if (size === 0) return work();
  const scoringPool = startScoringPool(size);
  scoreBatchesWith(scoringPool);
  try {
    return await work();
  } finally {
    scoreBatchesWith(null);
    await scoringPool.close();
  }
}
