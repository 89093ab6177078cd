import { type Kysely, sql } from 'kysely';

/**
 * Saved views: a named overview (filters, period, sort, columns) that its owner reopens from a link
 * and may share with the organisation. Keyed by organisation first, like every table, so that it can
 * be distributed by organisation; names are unique per owner whatever their case.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE saved_views (
      organisation_id text NOT NULL REFERENCES organisations,
      id serial,
      owner_id int NOT NULL REFERENCES users,
      page text NOT NULL CHECK (page IN ('overview')),
      name text NOT NULL,
      shared boolean NOT NULL DEFAULT false,
      state jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX saved_views_owner_name ON saved_views (organisation_id, owner_id, page, lower(name))`.execute(
    db,
  );
  await sql`CREATE INDEX saved_views_shared ON saved_views (organisation_id, page) WHERE shared`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE saved_views`.execute(db);
}
