import { type Kysely, sql } from 'kysely';

/** How far the storing of an upload has come, next to bytes_read/bytes_total for its receiving. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE uploads
      ADD COLUMN records_stored int NOT NULL DEFAULT 0,
      ADD COLUMN records_rejected int NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE uploads DROP COLUMN records_stored, DROP COLUMN records_rejected`.execute(db);
}
