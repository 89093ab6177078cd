import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { recomputeConversations } from '../ingest/recompute.ts';
import { markJobDone, markJobFailed, markJobRunning, recordJobProgress } from './jobs.repository.ts';
import { DEFAULT_STALE_AFTER_MS, keepAlive } from './liveness.ts';

export interface RecomputeJobData {
  organisationId: string;
  /** The HTTP request that asked for it (a configuration change), for the worker's log lines. */
  requestId?: string | null;
}

/**
 * Re-scores an organisation's stored conversations with its current configuration (read when the job
 * starts), writing progress after each batch to the job's row. The queue's worker runs it for each
 * job; `pnpm rapport recompute` runs it in the foreground. A failure is recorded and rethrown, so
 * that pg-boss can retry: a retry starts over, which is safe because each batch is rewritten whole.
 */
export async function runRecomputeJob(
  db: Kysely<Database>,
  jobId: string,
  data: RecomputeJobData,
  onProgress?: (done: number, total: number) => void,
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
): Promise<{ recomputed: number }> {
  const job = { organisationId: data.organisationId, id: jobId };
  await markJobRunning(db, job);
  const stopHeartbeat = keepAlive(db, 'jobs', job, staleAfterMs);
  // recomputeConversations reports synchronously; the writes are chained so that they land in order.
  let progressWritten: Promise<void> = Promise.resolve();
  try {
    const result = await recomputeConversations(db, data.organisationId, {
      onProgress: (done, total) => {
        onProgress?.(done, total);
        progressWritten = progressWritten.then(() => recordJobProgress(db, job, done, total));
      },
    });
    await stopHeartbeat();
    await progressWritten;
    await markJobDone(db, job, result);
    return result;
  } catch (error) {
    await stopHeartbeat();
    await progressWritten.catch(() => {});
    await markJobFailed(db, job, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
