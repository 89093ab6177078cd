import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/connect.ts';
import {
  type DeliveryJob,
  type DeliveryOptions,
  deliverEmail,
  deliverWebhook,
  EMAIL_QUEUE,
  relayDeliveries,
  WEBHOOK_QUEUE,
} from '../notifications/deliveries.ts';
import { runWeeklyDigest } from '../notifications/digest.job.ts';
import type { Mailer } from '../notifications/mailer.ts';
import { type Logger, log as processLog } from '../observability/log.ts';
import { timeJob } from '../observability/metrics.ts';
import type { UploadOutcome } from '../uploads/ingest-upload.ts';
import { deleteOrphanedUploadParts } from '../uploads/upload-parts.repository.ts';
import { createJob, deleteJob, queuedJobId } from './jobs.repository.ts';
import { DEFAULT_STALE_AFTER_MS, failStrandedJobs, failStrandedUploads, heartbeatMs } from './liveness.ts';
import { pgliteExecutor } from './pglite-executor.ts';
import { type RecomputeJobData, runRecomputeJob } from './recompute.job.ts';
import { runUploadJob, type UploadJobData } from './upload.job.ts';

/**
 * A recompute's progress in the server's log, about every tenth of the way and at the end: the log
 * answers even while the embedded database is too busy to answer the job panel at once.
 */
function logProgress(jobId: string, log: Logger): (done: number, total: number) => void {
  let logged = 0;
  return (done, total) => {
    if (done - logged < total / 10 && done !== total) return;
    logged = done;
    log.info({ done, total }, `Recompute ${jobId}: ${done} / ${total} conversations`);
  };
}

/** Long work runs as pg-boss jobs in the app's own database (DESIGN.md), PostgreSQL or PGlite. */
export interface JobQueue {
  /**
   * Queues a re-score of the organisation's stored metrics and returns the job id. When a recompute
   * for the organisation is already waiting, that job's id is returned instead: it reads the
   * configuration when it starts, so it will include the change that asked for this one.
   */
  enqueueRecompute(
    organisationId: string,
    requestedBy: number | null,
    options?: { requestId?: string | null },
  ): Promise<string>;
  /** Queues the ingest of an upload stored in parts (RAPPORT_ROLE=web hands uploads to a worker). */
  enqueueUpload(data: UploadJobData): Promise<string>;
  /** An upload job's pg-boss state, and once `completed` the worker's answer; null when unknown. */
  uploadJob(id: string): Promise<{ state: string; output: UploadOutcome | null } | null>;
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
  /** The process's log (job lines carry `jobId` and the `requestId` that queued the job). */
  log?: Logger;
  /** How the worker sends notifications (notifications/deliveries.ts). */
  notifications?: NotificationOptions;
}

export interface NotificationOptions {
  /** The SMTP sender (SMTP_URL); null: email is off and email deliveries are skipped. */
  mailer?: Mailer | null;
  publicUrl?: string | null;
  /** How often the outbox is moved into the queue, ms. */
  relayIntervalMs?: number;
  /** The first retry's delay, seconds; pg-boss doubles it (with jitter) at each further retry. */
  retryDelaySeconds?: number;
  /** Retries after the first attempt: 8 with 30 s span about two hours, for a receiver that is down. */
  retryLimit?: number;
  webhookTimeoutMs?: number;
  /** When the weekly digest runs (cron, UTC); null: not scheduled. Mondays at 06:00 by default. */
  digestCron?: string | null;
}

const RECOMPUTE = 'recompute';
const UPLOAD = 'upload';
const WEEKLY_DIGEST = 'weekly-digest';

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

/**
 * pg-boss's schema and the app's queues, installed once: for the embedded database's template
 * (db/schema-template.ts), so that a first start finds them and goes on, where installing them took
 * it 1.5–2 s. startJobQueue makes them too, where they are not there yet.
 */
export async function installJobQueue(handle: DatabaseHandle): Promise<void> {
  const boss = new PgBoss({ ...connectionOf(handle), schedule: false, supervise: false });
  await boss.start();
  await createQueues(boss);
  await boss.stop({ graceful: false, wait: true });
}

async function createQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(RECOMPUTE, RECOMPUTE_QUEUE);
  await boss.createQueue(UPLOAD, UPLOAD_QUEUE);
  await boss.createQueue(EMAIL_QUEUE, { name: EMAIL_QUEUE, ...DELIVERY_RETRIES });
  await boss.createQueue(WEBHOOK_QUEUE, { name: WEBHOOK_QUEUE, ...DELIVERY_RETRIES });
  // Made whether or not the digest is scheduled: a queue without a schedule gets no jobs.
  await boss.createQueue(WEEKLY_DIGEST, {
    name: WEEKLY_DIGEST,
    policy: 'singleton',
    retryLimit: 2,
    retryDelay: 300,
  });
}

/**
 * An upload is ingested once: a worker that dies leaves it to the sweeper, which fails it with its
 * count (the admin uploads the file again; stored records are replaced), so pg-boss does not retry.
 */
const UPLOAD_QUEUE: PgBoss.Queue = {
  name: UPLOAD,
  policy: 'standard',
  retryLimit: 0,
  expireInSeconds: 2 * 3600,
};

/** A notification's email or webhook: retried with backoff for about two hours, then given up. */
const DELIVERY_RETRIES = { retryLimit: 8, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 };

export async function startJobQueue(
  handle: DatabaseHandle,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const { db } = handle;
  const log = options.log ?? processLog;
  const boss = new PgBoss({
    ...connectionOf(handle),
    // The timekeeper (cron) runs where the workers run: it schedules the weekly digest.
    schedule: options.work === true && options.notifications?.digestCron !== null,
    // Maintenance (expiring, archiving and deleting old jobs) works on PGlite too; every 5 minutes.
    supervise: true,
    maintenanceIntervalSeconds: 300,
  });
  boss.on('error', (error) => log.error({ err: error }, `Job queue: ${error.message}`));
  await boss.start();
  await createQueues(boss);
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  if (options.work) {
    await boss.work<RecomputeJobData>(RECOMPUTE, { pollingIntervalSeconds }, async ([job]) => {
      if (!job) return undefined;
      const jobLog = log.child({ jobId: job.id, queue: RECOMPUTE, requestId: job.data.requestId ?? null });
      return timeJob(RECOMPUTE, () =>
        runRecomputeJob(db, job.id, job.data, logProgress(job.id, jobLog), staleAfterMs),
      ).catch((error: unknown) => {
        jobLog.error({ err: error }, `Recompute ${job.id} failed`);
        throw error;
      });
    });
    // Uploads are short and someone waits for each: polled more often than recomputes.
    await boss.work<UploadJobData>(
      UPLOAD,
      { pollingIntervalSeconds: Math.min(pollingIntervalSeconds, 0.5) },
      async ([job]) => {
        if (!job) return undefined;
        const jobLog = log.child({ jobId: job.id, queue: UPLOAD, requestId: job.data.requestId });
        return timeJob(UPLOAD, () => runUploadJob(db, job.data, jobLog, staleAfterMs)).catch(
          (error: unknown) => {
            jobLog.error({ err: error }, `Upload ${job.data.upload.id} failed`);
            throw error;
          },
        );
      },
    );
  }
  const stopNotifications = options.work
    ? await startNotificationWorkers(boss, db, pollingIntervalSeconds, options.notifications ?? {}, log)
    : async () => {};

  const enqueueRecompute = async (
    organisationId: string,
    requestedBy: number | null,
    enqueueOptions: { requestId?: string | null } = {},
  ) => {
    // Twice at most: a waiting job can start between a refused send and the look-up of its id.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const id = randomUUID();
      // The row exists before the job, so that a worker never finds a job without its row.
      await createJob(db, { id, organisationId, queue: RECOMPUTE, createdBy: requestedBy });
      const sent = await boss
        .send(
          RECOMPUTE,
          { organisationId, requestId: enqueueOptions.requestId ?? null } satisfies RecomputeJobData,
          { id, singletonKey: organisationId },
        )
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
    await deleteOrphanedUploadParts(db);
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
          .catch((error: Error) =>
            log.error({ err: error }, `Job queue: recovering stranded work: ${error.message}`),
          );
      }, heartbeatMs(staleAfterMs))
    : null;
  if (options.work) await recoverStranded();

  return {
    enqueueRecompute,
    enqueueUpload: async (data) => {
      const id = await boss.send(UPLOAD, data);
      if (!id) throw new Error(`Could not queue upload ${data.upload.id}: the queue refused it.`);
      return id;
    },
    uploadJob: async (id) => {
      const job = await boss.getJobById<UploadJobData>(UPLOAD, id, { includeArchive: true });
      if (!job) return null;
      return { state: job.state, output: job.state === 'completed' ? (job.output as UploadOutcome) : null };
    },
    stop: async () => {
      if (sweeper) clearInterval(sweeper);
      await sweeping;
      await stopNotifications();
      await boss.stop({ graceful: true, timeout: options.stopTimeoutMs ?? 10_000 });
    },
  };
}

/**
 * The notification workers: the relay that moves the outbox into the queue, one worker for emails and
 * one for webhook calls (failures retried with exponential back-off), and the weekly digest.
 */
async function startNotificationWorkers(
  boss: PgBoss,
  db: DatabaseHandle['db'],
  pollingIntervalSeconds: number,
  options: NotificationOptions,
  log: Logger,
): Promise<() => Promise<void>> {
  const mailer = options.mailer ?? null;
  const delivery: DeliveryOptions = {
    publicUrl: options.publicUrl ?? null,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
  };
  // Each job carries its retries (`send` below), so the queues' own defaults are fixed ones.
  const retries = {
    ...DELIVERY_RETRIES,
    retryLimit: options.retryLimit ?? DELIVERY_RETRIES.retryLimit,
    retryDelay: options.retryDelaySeconds ?? DELIVERY_RETRIES.retryDelay,
  };
  const attemptOf = (job: PgBoss.JobWithMetadata<DeliveryJob>) => ({
    last: job.retryCount >= job.retryLimit,
  });
  if (mailer) {
    await boss.work<DeliveryJob>(
      EMAIL_QUEUE,
      { pollingIntervalSeconds, includeMetadata: true },
      async ([job]) => (job ? deliverEmail(db, mailer, job.data, attemptOf(job), delivery) : undefined),
    );
  }
  await boss.work<DeliveryJob>(
    WEBHOOK_QUEUE,
    { pollingIntervalSeconds, includeMetadata: true },
    async ([job]) => (job ? deliverWebhook(db, job.data, attemptOf(job), delivery) : undefined),
  );
  if (options.digestCron !== null) {
    await boss.schedule(WEEKLY_DIGEST, options.digestCron ?? '0 6 * * 1', {}, { tz: 'UTC' });
    await boss.work(WEEKLY_DIGEST, { pollingIntervalSeconds: 60 }, async () =>
      runWeeklyDigest(db, new Date()),
    );
  }

  const send = async (queue: string, job: DeliveryJob, id: string) => {
    // null when a job with this id exists already: it was queued before, which is all we want.
    await boss.send(queue, job, { id, ...retries });
  };
  let relaying: Promise<unknown> = Promise.resolve();
  const relay = setInterval(() => {
    relaying = relaying
      .then(() => relayDeliveries(db, send, mailer))
      .catch((error: Error) =>
        log.error({ err: error }, `Job queue: relaying notifications: ${error.message}`),
      );
  }, options.relayIntervalMs ?? 2_000);
  return async () => {
    clearInterval(relay);
    await relaying;
  };
}

/** PostgreSQL: pg-boss's own small pool on the same URL. PGlite: the app's instance, see pglite-executor.ts. */
function connectionOf(handle: DatabaseHandle): PgBoss.ConstructorOptions {
  if (handle.pglite) return { db: pgliteExecutor(handle.db, handle.pglite) };
  if (handle.url) return { connectionString: handle.url, max: 3, application_name: 'rapport-jobs' };
  throw new Error('The job queue needs a PostgreSQL URL or the embedded database.');
}
