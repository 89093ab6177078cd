import { type Kysely, sql } from 'kysely';

/**
 * Sign-in attempts as counter rows, one per limit key, bumped by a single atomic upsert before a
 * password is checked: failures counted after the check let 40 parallel guesses all through.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE login_failures`.execute(db);
  await sql`
    CREATE TABLE login_limits (
      key text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      attempts int NOT NULL,
      known_until timestamptz
    )`.execute(db);
  await sql`CREATE INDEX login_limits_window_start ON login_limits (window_start)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE login_limits`.execute(db);
  await sql`
    CREATE TABLE login_failures (
      id bigserial PRIMARY KEY,
      email text NOT NULL,
      address text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX login_failures_email ON login_failures (email, at)`.execute(db);
  await sql`CREATE INDEX login_failures_address ON login_failures (address, at)`.execute(db);
}
