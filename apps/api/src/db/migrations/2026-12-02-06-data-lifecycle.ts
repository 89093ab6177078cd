import { type Kysely, sql } from 'kysely';

/**
 * Retention, erasure and keys that distribute by organisation (docs/scaling.md).
 *
 * - An organisation may keep transcripts for a number of days; past it, turns, evidence and survey
 *   comments go while the metric facts and rollups stay (retention/). A conversation says when and
 *   why its transcript went, so that the conversation view can say so and a recompute leaves its
 *   facts alone (there is nothing left to re-score them from).
 * - Erasing a customer (erasure/) finds their conversations by `customer_id`.
 * - The tables keyed by a serial or uuid `id` get `organisation_id` first in their primary key, as
 *   Citus needs of a table distributed by it; the ids stay unique on their own.
 */
const KEYED_BY_ID = ['coaching_sessions', 'disputes', 'uploads', 'audit_log', 'jobs'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE organisation_config
      ADD COLUMN transcript_retention_days int CHECK (transcript_retention_days BETWEEN 1 AND 36500)`.execute(
    db,
  );
  await sql`
    ALTER TABLE conversations
      ADD COLUMN transcript_removed text CHECK (transcript_removed IN ('retention', 'erasure')),
      ADD COLUMN transcript_removed_at timestamptz`.execute(db);
  // Retention walks the conversations whose transcript is still there, oldest first.
  await sql`
    CREATE INDEX conversations_transcript_kept ON conversations (organisation_id, started_at)
      WHERE transcript_removed IS NULL`.execute(db);
  await sql`CREATE INDEX conversations_customer ON conversations (organisation_id, customer_id)`.execute(db);
  for (const table of KEYED_BY_ID) {
    await sql
      .raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (organisation_id, id)`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of KEYED_BY_ID) {
    await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (id)`).execute(db);
  }
  await sql`DROP INDEX conversations_customer`.execute(db);
  await sql`DROP INDEX conversations_transcript_kept`.execute(db);
  await sql`ALTER TABLE conversations DROP COLUMN transcript_removed, DROP COLUMN transcript_removed_at`.execute(
    db,
  );
  await sql`ALTER TABLE organisation_config DROP COLUMN transcript_retention_days`.execute(db);
}
