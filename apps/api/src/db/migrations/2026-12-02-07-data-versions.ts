import { type Kysely, sql } from 'kysely';

/**
 * One number per organisation that every write changing what a dashboard reads raises, in the write's
 * own transaction (read-cache/data-versions.repository.ts). A read result cached under an older number
 * is never served again, on any server process: they all read the number from here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE data_versions (
      organisation_id text PRIMARY KEY REFERENCES organisations,
      version bigint NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE data_versions`.execute(db);
}
