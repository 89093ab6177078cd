import { type Kysely, sql } from 'kysely';

/** A heartbeat on running uploads and jobs, so that those of a process that died can be told apart. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE uploads ADD COLUMN alive_at timestamptz NOT NULL DEFAULT now()`.execute(db);
  await sql`ALTER TABLE jobs ADD COLUMN alive_at timestamptz NOT NULL DEFAULT now()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE uploads DROP COLUMN alive_at`.execute(db);
  await sql`ALTER TABLE jobs DROP COLUMN alive_at`.execute(db);
}
