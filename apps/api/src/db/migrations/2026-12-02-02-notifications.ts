import { type Kysely, sql } from 'kysely';

/**
 * Notifications (notifications/): each event once (its kind and subject are unique, so a retried
 * request or a second digest run for the same week notifies nobody twice), one row per recipient for
 * the in-app list, and an outbox of email and webhook deliveries that the job queue turns into pg-boss
 * jobs: an event and its deliveries commit with the change that caused them, or not at all.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE notification_events (
      organisation_id text NOT NULL,
      id uuid NOT NULL,
      kind text NOT NULL,
      subject_key text NOT NULL,
      data jsonb NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, id),
      UNIQUE (organisation_id, kind, subject_key)
    )`.execute(db);
  await sql`
    CREATE TABLE notifications (
      organisation_id text NOT NULL,
      id serial NOT NULL,
      event_id uuid NOT NULL,
      user_id int NOT NULL,
      kind text NOT NULL,
      subject_key text NOT NULL,
      in_app boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      PRIMARY KEY (organisation_id, id)
    )`.execute(db);
  await sql`CREATE INDEX notifications_by_user ON notifications (organisation_id, user_id, id)`.execute(db);
  await sql`CREATE INDEX notifications_unread ON notifications (organisation_id, user_id)
    WHERE in_app AND read_at IS NULL`.execute(db);
  await sql`CREATE INDEX notifications_by_subject ON notifications (organisation_id, kind, subject_key)`.execute(
    db,
  );
  await sql`
    CREATE TABLE notification_deliveries (
      organisation_id text NOT NULL,
      id uuid NOT NULL,
      event_id uuid NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
      user_id int,
      state text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'queued', 'sent', 'failed', 'skipped')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      queued_at timestamptz,
      finished_at timestamptz,
      PRIMARY KEY (organisation_id, id)
    )`.execute(db);
  // The relay reads the pending rows of every organisation, oldest first.
  await sql`CREATE INDEX notification_deliveries_pending ON notification_deliveries (created_at)
    WHERE state = 'pending'`.execute(db);
  await sql`CREATE INDEX notification_deliveries_by_event ON notification_deliveries (organisation_id, event_id)`.execute(
    db,
  );
  await sql`
    CREATE TABLE notification_preferences (
      organisation_id text NOT NULL,
      user_id int NOT NULL,
      kind text NOT NULL,
      in_app boolean NOT NULL,
      email boolean NOT NULL,
      PRIMARY KEY (organisation_id, user_id, kind)
    )`.execute(db);
  await sql`
    CREATE TABLE organisation_webhooks (
      organisation_id text PRIMARY KEY,
      url text NOT NULL,
      secret text NOT NULL,
      enabled boolean NOT NULL,
      updated_by int,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'organisation_webhooks',
    'notification_preferences',
    'notification_deliveries',
    'notifications',
    'notification_events',
  ]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
