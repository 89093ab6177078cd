import { type Kysely, sql } from 'kysely';

/**
 * Removing a user keeps the row (audit entries, coaching notes and disputes point at it) but ends
 * their access: `removed_at` set, password and sessions gone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN removed_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN removed_at`.execute(db);
}
