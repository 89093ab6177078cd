import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Writes to a conversation's rows (turns, facts, evidence) and to the rollup rows they feed are
 * serialised with transaction-scoped advisory locks, so that ingest, uploads, recompute and dispute
 * decisions may run at once on the same conversations: without them two transactions delete and insert
 * the same facts or rollup keys and one aborts (`duplicate key … conversation_metrics_pkey`).
 *
 * Deadlock-free by construction: a transaction takes all its conversation locks first, then all its
 * rollup-day locks, each set in one statement in ascending order of the lock key itself (not of the
 * ids, whose hashes may order differently), and never takes a conversation lock after a rollup lock.
 */
export async function lockConversations(
  trx: Kysely<Database>,
  organisationId: string,
  conversationIds: readonly string[],
): Promise<void> {
  if (conversationIds.length === 0) return;
  await takeLocks(
    trx,
    conversationIds.map((id) => `conversation:${organisationId}:${id}`),
  );
}

/** The rollup rows of these (agent, day) pairs, whatever their team, channel and queue. */
export async function lockRollupDays(
  trx: Kysely<Database>,
  organisationId: string,
  keys: readonly { agent_id: string; day: string }[],
): Promise<void> {
  if (keys.length === 0) return;
  await takeLocks(
    trx,
    keys.map((k) => `agent-day:${organisationId}:${k.agent_id}:${String(k.day).slice(0, 10)}`),
  );
}

async function takeLocks(trx: Kysely<Database>, names: readonly string[]): Promise<void> {
  await sql`
    SELECT pg_advisory_xact_lock(k) FROM (
      SELECT DISTINCT hashtextextended(n, 0) AS k FROM jsonb_array_elements_text(${JSON.stringify(names)}::jsonb) AS n
      ORDER BY k
    ) ordered`.execute(trx);
}
