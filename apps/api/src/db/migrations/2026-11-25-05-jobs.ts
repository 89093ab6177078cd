import { type Kysely, sql } from 'kysely';

/**
 * Long work as the app shows it: one row per job that pg-boss runs (same id), with its progress and
 * outcome. pg-boss owns delivery, locking and retries in its own schema; this table is what
 * `admin.jobs.status` reads, from any API process, whether or not it runs the worker.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE jobs (
      id uuid PRIMARY KEY,
      organisation_id text NOT NULL REFERENCES organisations,
      queue text NOT NULL,
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
      done int NOT NULL DEFAULT 0,
      total int,
      result jsonb,
      error text,
      created_by int REFERENCES users ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX jobs_organisation ON jobs (organisation_id, queue, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE jobs`.execute(db);
}
