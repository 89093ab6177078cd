import { type Kysely, sql } from 'kysely';
import type { Database, JobState } from '../db/database.ts';

export type QueueName = 'recompute';

/** What `admin.jobs.status` answers: never the table row itself. */
export interface JobStatus {
  id: string;
  queue: string;
  state: JobState;
  /** Items done of the total; the total is null until the job has counted its work. */
  progress: { done: number; total: number | null };
  result: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export async function createJob(
  db: Kysely<Database>,
  job: { id: string; organisationId: string; queue: QueueName; createdBy: number | null },
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({ id: job.id, organisation_id: job.organisationId, queue: job.queue, created_by: job.createdBy })
    .execute();
}

/** A job as its rows are keyed (organisation first, docs/scaling.md); pg-boss's data carries the organisation. */
export interface JobKey {
  organisationId: string;
  id: string;
}

export async function deleteJob(db: Kysely<Database>, job: JobKey): Promise<void> {
  await db
    .deleteFrom('jobs')
    .where('organisation_id', '=', job.organisationId)
    .where('id', '=', job.id)
    .execute();
}

/** A retry starts over: progress and any earlier error are cleared. */
export async function markJobRunning(db: Kysely<Database>, job: JobKey): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      state: 'running',
      done: 0,
      total: null,
      error: null,
      started_at: new Date(),
      finished_at: null,
      alive_at: sql`now()`,
    })
    .where('organisation_id', '=', job.organisationId)
    .where('id', '=', job.id)
    .execute();
}

export async function recordJobProgress(
  db: Kysely<Database>,
  job: JobKey,
  done: number,
  total: number,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ done, total })
    .where('organisation_id', '=', job.organisationId)
    .where('id', '=', job.id)
    .execute();
}

export async function markJobDone(db: Kysely<Database>, job: JobKey, result: unknown): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'done', result: JSON.stringify(result ?? null), finished_at: new Date() })
    .where('organisation_id', '=', job.organisationId)
    .where('id', '=', job.id)
    .execute();
}

export async function markJobFailed(db: Kysely<Database>, job: JobKey, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'failed', error, finished_at: new Date() })
    .where('organisation_id', '=', job.organisationId)
    .where('id', '=', job.id)
    .execute();
}

/** The newest job of the queue that has not started yet, if any. */
export async function queuedJobId(
  db: Kysely<Database>,
  organisationId: string,
  queue: QueueName,
): Promise<string | null> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('queue', '=', queue)
    .where('state', '=', 'queued')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A job of the organisation, or null when there is none with that id (in this organisation). */
export async function jobStatus(
  db: Kysely<Database>,
  organisationId: string,
  id: string,
): Promise<JobStatus | null> {
  const row = await db
    .selectFrom('jobs')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return {
    id: row.id,
    queue: row.queue,
    state: row.state,
    progress: { done: row.done, total: row.total },
    result: row.result,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** The organisation's jobs that have not finished, newest first: what the admin's job panel follows. */
export async function unfinishedJobs(db: Kysely<Database>, organisationId: string): Promise<JobStatus[]> {
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('state', 'in', ['queued', 'running'])
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const statuses = await Promise.all(rows.map((row) => jobStatus(db, organisationId, row.id)));
  return statuses.filter((status): status is JobStatus => status !== null);
}
