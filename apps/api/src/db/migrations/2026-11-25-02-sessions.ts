import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE organisations ADD COLUMN demo boolean NOT NULL DEFAULT false`.execute(db);
  // Only a hash of the session token is stored: a leaked table does not leak sessions.
  await sql`
    CREATE TABLE sessions (
      token_hash text PRIMARY KEY,
      user_id int NOT NULL REFERENCES users ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (user_id)`.execute(db);
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

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE login_failures`.execute(db);
  await sql`DROP TABLE sessions`.execute(db);
  await sql`ALTER TABLE organisations DROP COLUMN demo`.execute(db);
}
