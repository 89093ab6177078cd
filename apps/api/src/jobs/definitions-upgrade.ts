import { DEFINITIONS_VERSION, definitionsLabel } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { JobQueue } from './job-queue.ts';

/** An organisation whose stored facts were computed by older definitions, and how many there are. */
export interface OutdatedFacts {
  organisationId: string;
  conversations: number;
  oldest: number;
}

/** Facts of conversations whose transcript was removed cannot be re-scored and do not count. */
export async function outdatedFacts(db: Kysely<Database>): Promise<OutdatedFacts[]> {
  const { rows } = await sql<{ organisation_id: string; conversations: string | number; oldest: number }>`
    SELECT m.organisation_id, count(*) AS conversations, min(m.definitions) AS oldest
    FROM conversation_metrics m
    JOIN conversations c ON c.organisation_id = m.organisation_id AND c.id = m.conversation_id
    WHERE m.definitions < ${DEFINITIONS_VERSION} AND c.transcript_removed IS NULL
    GROUP BY m.organisation_id ORDER BY m.organisation_id`.execute(db);
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    conversations: Number(r.conversations),
    oldest: r.oldest,
  }));
}

/**
 * At start-up: every organisation whose facts are older than the engine's definitions gets a recompute
 * job (the same job a lexicon change queues), so that no number mixes two definitions for longer than
 * the recompute takes. Returns the queued job ids.
 */
export async function queueDefinitionsUpgrade(
  db: Kysely<Database>,
  jobs: Pick<JobQueue, 'enqueueRecompute'>,
  log: (message: string) => void,
): Promise<string[]> {
  const ids: string[] = [];
  for (const outdated of await outdatedFacts(db)) {
    const id = await jobs.enqueueRecompute(outdated.organisationId, null);
    ids.push(id);
    log(
      `${outdated.conversations} conversations of ${outdated.organisationId} were scored with ${definitionsLabel(outdated.oldest)}: recompute job ${id} brings them to ${definitionsLabel()}`,
    );
  }
  return ids;
}
