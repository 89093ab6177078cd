import { type Kysely, sql } from 'kysely';

/**
 * Metric definitions v2: evidence says whether it counts against the agent (`flag`), for them
 * (`credit`) or marks a behaviour that did not happen (`missing`); facts remember the definitions
 * version that computed them. Rows written before this migration were computed with v1, whose
 * evidence was flags and misses only; the recompute that start-up queues for v1 facts rewrites them.
 * Organisations may replace each lexicon's exceptions list, as they replace its entries.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE evidence
      ADD COLUMN kind text NOT NULL DEFAULT 'flag' CHECK (kind IN ('flag', 'credit', 'missing'))`.execute(db);
  await sql`ALTER TABLE conversation_metrics ADD COLUMN definitions smallint NOT NULL DEFAULT 1`.execute(db);
  await sql`ALTER TABLE organisation_config ADD COLUMN lexicon_exceptions jsonb NOT NULL DEFAULT '{}'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE organisation_config DROP COLUMN lexicon_exceptions`.execute(db);
  await sql`ALTER TABLE conversation_metrics DROP COLUMN definitions`.execute(db);
  await sql`ALTER TABLE evidence DROP COLUMN kind`.execute(db);
}
