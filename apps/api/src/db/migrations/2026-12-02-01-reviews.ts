import { type Kysely, sql } from 'kysely';

/**
 * Human review beside the automatic one: rubrics and their versions, reviews of conversations (with
 * the agent's acknowledgement or appeal), review assignments and calibration sessions. Every table is
 * keyed by organisation first, so that it distributes with the rest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE rubrics (
      organisation_id text NOT NULL REFERENCES organisations,
      id serial NOT NULL,
      latest_version int NOT NULL,
      -- The rubric the product ships, added once per organisation.
      built_in boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX rubrics_one_built_in ON rubrics (organisation_id) WHERE built_in`.execute(db);
  // A version is never changed: a review keeps the version it was made with, and so its score.
  await sql`
    CREATE TABLE rubric_versions (
      organisation_id text NOT NULL,
      rubric_id int NOT NULL,
      version int NOT NULL,
      definition jsonb NOT NULL,
      created_by int REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, rubric_id, version),
      FOREIGN KEY (organisation_id, rubric_id) REFERENCES rubrics
    )`.execute(db);
  await sql`
    CREATE TABLE review_settings (
      organisation_id text PRIMARY KEY REFERENCES organisations,
      show_reviewer_to_agents boolean NOT NULL DEFAULT true
    )`.execute(db);
  await sql`
    CREATE TABLE calibration_sessions (
      organisation_id text NOT NULL REFERENCES organisations,
      id serial NOT NULL,
      conversation_id text NOT NULL,
      rubric_id int NOT NULL,
      rubric_version int NOT NULL,
      benchmark_reviewer_id int NOT NULL REFERENCES users,
      created_by int NOT NULL REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, id),
      FOREIGN KEY (organisation_id, rubric_id, rubric_version) REFERENCES rubric_versions
    )`.execute(db);
  await sql`
    CREATE TABLE calibration_reviewers (
      organisation_id text NOT NULL,
      calibration_id int NOT NULL,
      reviewer_id int NOT NULL REFERENCES users,
      PRIMARY KEY (organisation_id, calibration_id, reviewer_id),
      FOREIGN KEY (organisation_id, calibration_id) REFERENCES calibration_sessions
    )`.execute(db);
  await sql`
    CREATE TABLE reviews (
      organisation_id text NOT NULL REFERENCES organisations,
      id serial NOT NULL,
      conversation_id text NOT NULL,
      agent_id text NOT NULL,
      -- The conversation's day (organisation time zone), as the scorecard's periods count it.
      day date NOT NULL,
      rubric_id int NOT NULL,
      rubric_version int NOT NULL,
      reviewer_id int NOT NULL REFERENCES users,
      answers jsonb NOT NULL,
      pre_answers jsonb NOT NULL,
      turn_comments jsonb NOT NULL DEFAULT '[]',
      comment text NOT NULL DEFAULT '',
      score double precision,
      critical_score double precision,
      auto_failed boolean NOT NULL,
      section_scores jsonb NOT NULL,
      calibration_id int,
      created_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      appeal_comment text,
      appealed_at timestamptz,
      appeal_status text CHECK (appeal_status IN ('open', 'upheld', 'rejected')),
      appeal_decided_by int REFERENCES users,
      appeal_decided_at timestamptz,
      appeal_note text,
      PRIMARY KEY (organisation_id, id),
      FOREIGN KEY (organisation_id, rubric_id, rubric_version) REFERENCES rubric_versions,
      FOREIGN KEY (organisation_id, calibration_id) REFERENCES calibration_sessions
    )`.execute(db);
  await sql`CREATE INDEX reviews_agent_day ON reviews (organisation_id, agent_id, day)`.execute(db);
  await sql`CREATE INDEX reviews_conversation ON reviews (organisation_id, conversation_id)`.execute(db);
  // One answer per reviewer in a calibration session.
  await sql`CREATE UNIQUE INDEX reviews_one_per_calibration ON reviews (organisation_id, calibration_id, reviewer_id)
    WHERE calibration_id IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE review_assignments (
      organisation_id text NOT NULL REFERENCES organisations,
      id serial NOT NULL,
      team_id text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      rubric_id int NOT NULL,
      -- The plan as asked (per agent or a share, filters, reviewers), kept for the record.
      plan jsonb NOT NULL,
      created_by int NOT NULL REFERENCES users,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, id),
      FOREIGN KEY (organisation_id, rubric_id) REFERENCES rubrics
    )`.execute(db);
  await sql`
    CREATE TABLE review_assignment_items (
      organisation_id text NOT NULL,
      assignment_id int NOT NULL,
      conversation_id text NOT NULL,
      agent_id text NOT NULL,
      reviewer_id int NOT NULL REFERENCES users,
      review_id int,
      PRIMARY KEY (organisation_id, assignment_id, conversation_id),
      FOREIGN KEY (organisation_id, assignment_id) REFERENCES review_assignments,
      FOREIGN KEY (organisation_id, review_id) REFERENCES reviews
    )`.execute(db);
  await sql`CREATE INDEX review_assignment_items_reviewer ON review_assignment_items (organisation_id, reviewer_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE review_assignment_items, review_assignments, reviews, calibration_reviewers,
    calibration_sessions, review_settings, rubric_versions, rubrics`.execute(db);
}
