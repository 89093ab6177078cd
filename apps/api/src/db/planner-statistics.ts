import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

/** The tables a bulk ingest grows, whose row estimates the dashboard's query plans depend on. */
const GROWN_BY_INGEST = [
  'conversations',
  // The facts and rollups by their keys only: their dozens of metric columns are summed, never
  // filtered or joined on, and their statistics took 1.4 of the 1.7 s of the analysis after the demo.
  'conversation_metrics (organisation_id, conversation_id, agent_id, team_id, channel, queue, day)',
  'agent_day (organisation_id, team_id, agent_id, day, channel, queue)',
  'evidence',
  'turns',
  'events',
  'surveys',
  'customers',
  'agents',
] as const;

/** PostgreSQL's autovacuum analyses a table once about a tenth of it has changed; so do we. */
const GROWTH_SHARE = 0.1;
/** Below this, any plan is quick: small imports (and the tests' fixtures) skip the analysis. */
const MIN_CONVERSATIONS = 1_000;

/**
 * Refreshes the planner's statistics after an ingest that grew the data by a tenth or more (and by at least MIN_CONVERSATIONS). Without
 * them the plans stay those of the empty tables: after the 20,000 demo conversations an agent's
 * conversation list took 5.4 s in a nested loop over every conversation of the period, 20 ms with
 * statistics. PGlite runs no autovacuum at all, and PostgreSQL's runs only after its next nap.
 */
export async function analyzeAfterGrowth(
  db: Kysely<Database>,
  organisationId: string,
  storedNow: number,
): Promise<boolean> {
  if (storedNow < MIN_CONVERSATIONS) return false;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM conversations WHERE organisation_id = ${organisationId}`.execute(db);
  const total = rows[0]?.n ?? 0;
  if (storedNow < GROWTH_SHARE * total) return false;
  await sql.raw(`ANALYZE ${GROWN_BY_INGEST.join(', ')}`).execute(db);
  return true;
}
