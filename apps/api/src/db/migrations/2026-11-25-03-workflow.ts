import { type Kysely, sql } from 'kysely';

/** Coaching, disputes, per-organisation configuration, uploads and the audit log. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE organisation_config (
      organisation_id text PRIMARY KEY REFERENCES organisations,
      targets jsonb NOT NULL DEFAULT '{}',
      weights jsonb NOT NULL DEFAULT '{}',
      response_targets_ms jsonb NOT NULL DEFAULT '{}',
      lexicons jsonb NOT NULL DEFAULT '{}',
      scripts jsonb NOT NULL DEFAULT '[]',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE coaching_sessions (
      id serial PRIMARY KEY,
      organisation_id text NOT NULL REFERENCES organisations,
      agent_id text NOT NULL,
      created_by int NOT NULL REFERENCES users,
      focus_metrics jsonb NOT NULL,
      note text NOT NULL,
      session_date date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      FOREIGN KEY (organisation_id, agent_id) REFERENCES agents
    )`.execute(db);
  await sql`CREATE INDEX coaching_sessions_agent ON coaching_sessions (organisation_id, agent_id, session_date)`.execute(
    db,
  );
  // A dispute names its flag by content (metric, turn, span), which survives re-ingestion.
  await sql`
    CREATE TABLE disputes (
      id serial PRIMARY KEY,
      organisation_id text NOT NULL REFERENCES organisations,
      conversation_id text NOT NULL,
      agent_id text NOT NULL,
      metric text NOT NULL,
      turn_index int NOT NULL,
      span_start int NOT NULL,
      span_end int NOT NULL,
      text text NOT NULL,
      comment text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'rejected')),
      created_by int NOT NULL REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_by int REFERENCES users,
      decided_at timestamptz,
      decision_note text
    )`.execute(db);
  await sql`CREATE INDEX disputes_conversation ON disputes (organisation_id, conversation_id)`.execute(db);
  await sql`
    CREATE TABLE uploads (
      id serial PRIMARY KEY,
      organisation_id text NOT NULL REFERENCES organisations,
      user_id int REFERENCES users,
      file_name text NOT NULL,
      format text NOT NULL,
      bytes_total bigint,
      bytes_read bigint NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
      summary jsonb,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      organisation_id text NOT NULL REFERENCES organisations,
      user_id int REFERENCES users,
      actor text NOT NULL,
      action text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log (organisation_id, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE audit_log, uploads, disputes, coaching_sessions, organisation_config`.execute(db);
}
