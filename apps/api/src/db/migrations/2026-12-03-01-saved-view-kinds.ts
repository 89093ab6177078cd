import { type Kysely, sql } from 'kysely';

/**
 * Saved views of conversation search beside those of the team overview: the column that said which
 * page a view opens becomes its `kind`, which may also be `search`. Every existing view is an
 * overview's (the old check allowed nothing else), so each keeps opening the page it did. Names stay
 * unique per owner and kind: the unique index follows the renamed column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE saved_views RENAME COLUMN page TO kind`.execute(db);
  await sql`
    ALTER TABLE saved_views
      DROP CONSTRAINT saved_views_page_check,
      ADD CONSTRAINT saved_views_kind_check CHECK (kind IN ('overview', 'search'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The older schema has no place for a search view.
  await sql`DELETE FROM saved_views WHERE kind <> 'overview'`.execute(db);
  await sql`
    ALTER TABLE saved_views
      DROP CONSTRAINT saved_views_kind_check,
      ADD CONSTRAINT saved_views_page_check CHECK (kind IN ('overview'))`.execute(db);
  await sql`ALTER TABLE saved_views RENAME COLUMN kind TO page`.execute(db);
}
