import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Uploads and jobs are `running` while a process works on them; a process killed mid-way (SIGKILL, a
 * crash, a power cut) cannot say it stopped. So the working process touches `alive_at` every
 * `heartbeatMs`, and a row still running whose heartbeat is older than `staleAfterMs` belongs to a
 * process that died: the server's sweeper (job-queue.ts) ends it, at start-up and then periodically.
 * A heartbeat is used rather than "whatever was running before I started", because the CLI may be
 * running a recompute or an ingest at the same time as the server.
 */
export const DEFAULT_STALE_AFTER_MS = 30_000;

export function heartbeatMs(staleAfterMs: number): number {
  return Math.max(100, Math.floor(staleAfterMs / 6));
}

/** Touches the row's `alive_at` until the returned function is called (and awaited). */
export function keepAlive(
  db: Kysely<Database>,
  table: 'uploads' | 'jobs',
  row: { organisationId: string; id: number | string },
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
): () => Promise<void> {
  let last: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    last = last
      .then(() =>
        sql`UPDATE ${sql.table(table)} SET alive_at = now()
          WHERE organisation_id = ${row.organisationId} AND id = ${row.id}`.execute(db),
      )
      .catch(() => {});
  }, heartbeatMs(staleAfterMs));
  timer.unref();
  return async () => {
    clearInterval(timer);
    await last;
  };
}

/** Ends the uploads of dead processes as failed, with how many records they had stored. */
export async function failStrandedUploads(db: Kysely<Database>, staleAfterMs: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    UPDATE uploads SET status = 'failed', finished_at = now(),
      error = 'The server stopped while this upload was running; ' || records_stored ||
        ' records had been stored (each whole), the rest not. Upload the file again: stored records are replaced.'
    WHERE status = 'running' AND alive_at < now() - make_interval(secs => ${staleAfterMs / 1000})
    RETURNING id`.execute(db);
  return rows.map((r) => r.id);
}

/** Ends the jobs of dead processes as failed; returns them, so that their work can be queued again. */
export async function failStrandedJobs(
  db: Kysely<Database>,
  staleAfterMs: number,
): Promise<{ id: string; organisation_id: string; queue: string }[]> {
  const { rows } = await sql<{ id: string; organisation_id: string; queue: string }>`
    UPDATE jobs SET state = 'failed', finished_at = now(),
      error = 'The process running this job stopped; it was queued again.'
    WHERE state = 'running' AND alive_at < now() - make_interval(secs => ${staleAfterMs / 1000})
    RETURNING id, organisation_id, queue`.execute(db);
  return rows;
}
