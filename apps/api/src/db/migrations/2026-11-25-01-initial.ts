import { type Kysely, sql } from 'kysely';

/** Frozen copy of the metric ids stored as fractions when this migration was written. */
const FRACTION_COLUMNS = [
  'first_response_ms',
  'response_time_ms',
  'response_within_target_rate',
  'handle_time_ms',
  'interruptions_per_conversation',
  'talk_ratio',
  'paraphrase_rate',
  'clarifying_question_rate',
  'empathy_rate',
  'negative_language_per100_words',
  'argument_rate',
  'thank_rate',
  'personalization_rate',
  'jargon_per100_words',
  'avg_sentence_words',
  'follow_up_rate',
  'transfer_without_explanation_rate',
  'overpromise_rate',
  'promise_kept_rate',
  'feedback_request_rate',
  'script_reliance',
  'csat',
  'feedback_sentiment',
  'customer_sentiment_shift',
  'resolution_rate',
];

const fractionColumnsSql = FRACTION_COLUMNS.map((c) => `${c}_num float8, ${c}_den float8`).join(', ');

/** One statement a call: PGlite's extended protocol takes a single command per query. */
async function run(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(
    db,
    `
    CREATE TABLE organisations (
      id text PRIMARY KEY,
      name text NOT NULL,
      time_zone text NOT NULL DEFAULT 'UTC',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO organisations (id, name) VALUES ('default', 'Default organisation');

    CREATE TABLE teams (
      organisation_id text NOT NULL REFERENCES organisations,
      id text NOT NULL,
      name text NOT NULL,
      PRIMARY KEY (organisation_id, id)
    );
    CREATE TABLE agents (
      organisation_id text NOT NULL REFERENCES organisations,
      id text NOT NULL,
      name text,
      team_id text,
      PRIMARY KEY (organisation_id, id)
    );
    CREATE TABLE customers (
      organisation_id text NOT NULL REFERENCES organisations,
      id text NOT NULL,
      name text,
      PRIMARY KEY (organisation_id, id)
    );
    CREATE TABLE conversations (
      organisation_id text NOT NULL,
      id text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('voice', 'chat', 'email')),
      started_at timestamptz NOT NULL,
      ended_at timestamptz NOT NULL,
      agent_id text NOT NULL,
      team_id text,
      customer_id text,
      customer_name text,
      queue text,
      ingested_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, id),
      FOREIGN KEY (organisation_id, agent_id) REFERENCES agents
    );
    CREATE INDEX conversations_agent_started ON conversations (organisation_id, agent_id, started_at);
    CREATE TABLE turns (
      organisation_id text NOT NULL,
      conversation_id text NOT NULL,
      idx int NOT NULL,
      speaker text NOT NULL,
      text text NOT NULL,
      start_ms int NOT NULL,
      end_ms int,
      PRIMARY KEY (organisation_id, conversation_id, idx),
      FOREIGN KEY (organisation_id, conversation_id) REFERENCES conversations ON DELETE CASCADE
    );
    CREATE TABLE events (
      organisation_id text NOT NULL,
      conversation_id text NOT NULL,
      idx int NOT NULL,
      type text NOT NULL,
      at timestamptz NOT NULL,
      data jsonb NOT NULL,
      PRIMARY KEY (organisation_id, conversation_id, idx),
      FOREIGN KEY (organisation_id, conversation_id) REFERENCES conversations ON DELETE CASCADE
    );
    CREATE TABLE surveys (
      organisation_id text NOT NULL,
      conversation_id text NOT NULL,
      csat real,
      comment text,
      at timestamptz,
      PRIMARY KEY (organisation_id, conversation_id),
      FOREIGN KEY (organisation_id, conversation_id) REFERENCES conversations ON DELETE CASCADE
    );
    CREATE TABLE evidence (
      organisation_id text NOT NULL,
      conversation_id text NOT NULL,
      idx int NOT NULL,
      metric text NOT NULL,
      turn_index int NOT NULL,
      span_start int NOT NULL,
      span_end int NOT NULL,
      text text NOT NULL,
      suggestion text,
      PRIMARY KEY (organisation_id, conversation_id, idx),
      FOREIGN KEY (organisation_id, conversation_id) REFERENCES conversations ON DELETE CASCADE
    );
    CREATE TABLE users (
      id serial PRIMARY KEY,
      organisation_id text NOT NULL REFERENCES organisations,
      email text NOT NULL UNIQUE,
      password_hash text,
      role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'hr', 'admin')),
      team_id text,
      agent_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );

  await run(
    db,
    `
    CREATE TABLE conversation_metrics (
      organisation_id text NOT NULL,
      conversation_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      channel text NOT NULL,
      queue text NOT NULL,
      day date NOT NULL,
      response_gaps int[] NOT NULL,
      ${fractionColumnsSql},
      PRIMARY KEY (organisation_id, conversation_id),
      FOREIGN KEY (organisation_id, conversation_id) REFERENCES conversations ON DELETE CASCADE
    );
    CREATE INDEX conversation_metrics_rollup_key
      ON conversation_metrics (organisation_id, team_id, agent_id, day, channel, queue);
    CREATE TABLE agent_day (
      organisation_id text NOT NULL,
      team_id text NOT NULL,
      agent_id text NOT NULL,
      day date NOT NULL,
      channel text NOT NULL,
      queue text NOT NULL,
      conversations int NOT NULL,
      response_gaps int[] NOT NULL,
      ${fractionColumnsSql},
      PRIMARY KEY (organisation_id, team_id, agent_id, day, channel, queue)
    );
    CREATE INDEX agent_day_org_day ON agent_day (organisation_id, day);
    CREATE AGGREGATE array_cat_agg(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP AGGREGATE array_cat_agg(anycompatiblearray)`.execute(db);
  await sql`
    DROP TABLE agent_day, conversation_metrics, users, evidence, surveys, events, turns,
      conversations, customers, agents, teams, organisations
  `.execute(db);
}
