import { type Kysely, sql } from 'kysely';

/**
 * Conversation children (turns, events, surveys, evidence, metric facts) are written and replaced only
 * by the ingest store, in one transaction with their conversation, which deletes them explicitly.
 * The per-row foreign-key triggers cost about half of the bulk-insert time, so they go.
 */
const CHILDREN = ['turns', 'events', 'surveys', 'evidence', 'conversation_metrics'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of CHILDREN) {
    await sql
      .raw(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_organisation_id_conversation_id_fkey`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of CHILDREN) {
    await sql
      .raw(
        `ALTER TABLE ${table} ADD FOREIGN KEY (organisation_id, conversation_id) REFERENCES conversations ON DELETE CASCADE`,
      )
      .execute(db);
  }
}
