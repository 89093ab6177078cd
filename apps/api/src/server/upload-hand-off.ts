import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { storeUploadParts } from '../uploads/upload-parts.repository.ts';
import type { UploadHandOff } from './upload-route.ts';

/** pg-boss states of a job no worker has taken yet. */
const WAITING = new Set(['created', 'retry']);

/**
 * RAPPORT_ROLE=web: a received upload goes into the database in parts and is queued for a worker,
 * and the request waits for the worker's answer, so that `POST /uploads` answers exactly as on one
 * machine (the same summary and status) while the scoring runs elsewhere. The web process keeps the
 * upload's heartbeat until a worker takes the job; from then the worker keeps it.
 */
export function handOffUploads(db: Kysely<Database>, jobs: JobQueue, pollMs = 250): UploadHandOff {
  return async (user, upload, file, request) => {
    await storeUploadParts(db, upload.organisationId, upload.id, file);
    const jobId = await jobs.enqueueUpload({
      organisationId: upload.organisationId,
      upload: { id: upload.id, fileName: upload.fileName, format: upload.format },
      user: { id: user.id, email: user.email },
      requestId: request.requestId,
    });
    request.log.info({ uploadId: upload.id, jobId }, `Upload ${upload.id}: received, queued for a worker`);
    let taken = false;
    for (;;) {
      const job = await jobs.uploadJob(jobId);
      if (!job || job.state === 'failed' || job.state === 'cancelled') {
        throw new Error(`The worker's job ${jobId} for upload ${upload.id} ${job?.state ?? 'vanished'}.`);
      }
      if (!taken && !WAITING.has(job.state)) {
        taken = true;
        await request.stopHeartbeat();
      }
      if (job.state === 'completed' && job.output) return job.output;
      await sleep(pollMs);
    }
  };
}
