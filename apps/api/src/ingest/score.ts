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
  return batch.map((item) => ({
    ...item,
    result: scoreConversation(item.record, engine, dismissals.get(item.record.id)),
  }));
}
