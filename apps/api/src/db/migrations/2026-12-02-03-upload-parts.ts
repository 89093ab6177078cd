import { type Kysely, sql } from 'kysely';

/**
 * An upload received by a web instance waits here, in parts of about a megabyte, for the worker that
 * ingests it (RAPPORT_ROLE=worker, docs/operations.md): web and worker share only the database, not a
 * disk. The parts are deleted once the upload is done or failed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE upload_parts (
      organisation_id text NOT NULL,
      upload_id int NOT NULL,
      part int NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (organisation_id, upload_id, part)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE upload_parts`.execute(db);
}
