import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/connect.ts';
import { createJob, deleteJob, queuedJobId } from './jobs.repository.ts';
import { DEFAULT_STALE_AFTER_MS, failStrandedJobs, failStrandedUploads, heartbeatMs } from './liveness.ts';
import { pgliteExecutor } from './pglite-executor.ts';
import { type RecomputeJobData, runRecomputeJob } from './recompute.job.ts';

/**
 * A recompute's progress in the server's log, about every tenth of the way and at the end: the log
 * answers even while the embedded database is too busy to answer the job panel at once.
 */
function logProgress(jobId: string): (done: number, total: number) => void {
  let logged = 0;
  return (done, total) => {
    if (done - logged < total / 10 && done !== total) return;
    logged = done;
    console.log(`Recompute ${jobId}: ${done} / ${total} conversations`);
  };
}

/** Long work runs as pg-boss jobs in the app's own database (DESIGN.md), PostgreSQL or PGlite. */
export interface JobQueue {
  /**
   * Queues a re-score of the organisation's stored metrics and returns the job id. When a recompute
   * for the organisation is already waiting, that job's id is returned instead: it reads the
   * configuration when it starts, so it will include the change that asked for this one.
   */
  enqueueRecompute(organisationId: string, requestedBy: number | null): Promise<string>;
  /** Stops taking work and waits (a while) for the running job; the database stays open. */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /** Run the workers in this process (the server does); without, the queue only takes jobs in. */
  work?: boolean;
  /** How often an idle worker looks for jobs, seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** How long stop() waits for a running job before pg-boss marks it failed (it is retried later). */
  stopTimeoutMs?: number;
  /** Heartbeat age after which a running job or upload is taken as stranded (jobs/liveness.ts). */
  staleAfterMs?: number;
}

const RECOMPUTE = 'recompute';

/**
 * 'stately' keeps at most one waiting and one running job per singleton key (the organisation), so two
 * recomputes of one organisation never run at once and overwrite each other's facts out of order.
 * A recompute of a million conversations takes minutes, not hours: two hours is a generous expiry.
 */
const RECOMPUTE_QUEUE: PgBoss.Queue = {
  name: RECOMPUTE,
  policy: 'stately',
  retryLimit: 2,
  retryDelay: 30,
  expireInSeconds: 2 * 3600,
};

export async function startJobQueue(
  handle: DatabaseHandle,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const { db } = handle;
  const boss = new PgBoss({
    ...connectionOf(handle),
    // No cron schedules are used: without the timekeeper there is one polling loop less.
    schedule: false,
    // Maintenance (expiring, archiving and deleting old jobs) works on PGlite too; every 5 minutes.
    supervise: true,
    maintenanceIntervalSeconds: 300,
  });
  boss.on('error', (error) => console.error(`Job queue: ${error.message}`));
  await boss.start();
  await boss.createQueue(RECOMPUTE, RECOMPUTE_QUEUE);
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  if (options.work) {
    await boss.work<RecomputeJobData>(
      RECOMPUTE,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([job]) =>
        job ? runRecomputeJob(db, job.id, job.data, logProgress(job.id), staleAfterMs) : undefined,
    );
  }

  const enqueueRecompute = async (organisationId: string, requestedBy: number | null) => {
    // Twice at most: a waiting job can start between a refused send and the look-up of its id.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const id = randomUUID();
      // The row exists before the job, so that a worker never finds a job without its row.
      await createJob(db, { id, organisationId, queue: RECOMPUTE, createdBy: requestedBy });
      const sent = await boss
        .send(RECOMPUTE, { organisationId } satisfies RecomputeJobData, { id, singletonKey: organisationId })
        .catch(async (error: unknown) => {
          await deleteJob(db, { organisationId, id });
          throw error;
        });
      if (sent) return sent;
      await deleteJob(db, { organisationId, id });
      const waiting = await queuedJobId(db, organisationId, RECOMPUTE);
      if (waiting) return waiting;
    }
    throw new Error('Could not queue the recompute: the queue kept refusing it.');
  };

  /**
   * Work left by a process that died: its uploads end failed with their count, its recompute jobs
   * are cancelled in pg-boss (which would keep them active until their expiry, blocking the next
   * recompute of the organisation behind them) and queued again, so that the re-score completes.
   */
  const recoverStranded = async () => {
    await failStrandedUploads(db, staleAfterMs);
    for (const job of await failStrandedJobs(db, staleAfterMs)) {
      await boss.cancel(RECOMPUTE, job.id).catch(() => {});
      await enqueueRecompute(job.organisation_id, null);
    }
  };
  let sweeping: Promise<void> = Promise.resolve();
  const sweeper = options.work
    ? setInterval(() => {
        sweeping = sweeping
          .then(recoverStranded)
          .catch((error: Error) => console.error(`Job queue: recovering stranded work: ${error.message}`));
      }, heartbeatMs(staleAfterMs))
    : null;
  if (options.work) await recoverStranded();

  return {
    enqueueRecompute,
    stop: async () => {
      if (sweeper) clearInterval(sweeper);
      await sweeping;
      await boss.stop({ graceful: true, timeout: options.stopTimeoutMs ?? 10_000 });
    },
  };
}

/** PostgreSQL: pg-boss's own small pool on the same URL. PGlite: the app's instance, see pglite-executor.ts. */
function connectionOf(handle: DatabaseHandle): PgBoss.ConstructorOptions {
  if (handle.pglite) return { db: pgliteExecutor(handle.db, handle.pglite) };
  if (handle.url) return { connectionString: handle.url, max: 3, application_name: 'rapport-jobs' };
  throw new Error('The job queue needs a PostgreSQL URL or the embedded database.');
}
