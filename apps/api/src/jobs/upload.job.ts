import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Format } from '../ingest/formats.ts';
import type { Logger } from '../observability/log.ts';
import { auditUpload, ingestUpload, type UploadOutcome } from '../uploads/ingest-upload.ts';
import { deleteUploadParts, writeUploadParts } from '../uploads/upload-parts.repository.ts';
import { finishUpload, uploadStatus } from '../uploads/uploads.repository.ts';
import { DEFAULT_STALE_AFTER_MS, keepAlive } from './liveness.ts';

/** An upload that a web instance received and stored in parts (upload-parts.repository.ts). */
export interface UploadJobData {
  organisationId: string;
  upload: { id: number; fileName: string; format: Format };
  user: { id: number; email: string };
  /** The HTTP request that brought the file, so that the worker's lines can be found beside the web's. */
  requestId: string | null;
}

/**
 * The worker's half of an upload: the file back out of the database, ingested exactly as the web
 * process would have (ingestUpload), the outcome recorded on the upload and in the audit log. It
 * returns the HTTP answer, which pg-boss keeps as the job's output for the waiting web process.
 */
export async function runUploadJob(
  db: Kysely<Database>,
  data: UploadJobData,
  log: Logger,
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
): Promise<UploadOutcome> {
  const { organisationId, upload } = data;
  const user = { ...data.user, organisationId };
  const current = await uploadStatus(db, organisationId, upload.id);
  if (current?.status !== 'running') {
    // Ended meanwhile: the web process that received it stopped, and the sweeper failed it.
    await deleteUploadParts(db, organisationId, upload.id);
    log.warn({ uploadId: upload.id }, `Upload ${upload.id} had already ended; nothing was ingested`);
    return { status: 409, body: { uploadId: upload.id, error: 'This upload had already ended.' } };
  }
  const key = { organisationId, id: upload.id };
  const stopHeartbeat = keepAlive(db, 'uploads', key, staleAfterMs);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rapport-upload-'));
  try {
    const file = path.join(dir, 'body');
    await writeUploadParts(db, organisationId, upload.id, file);
    const outcome = await ingestUpload(db, user, { ...upload, organisationId }, file);
    const { accepted = 0, rejected = [] } = outcome.body as { accepted?: number; rejected?: unknown[] };
    log.info(
      { uploadId: upload.id, status: outcome.status },
      `Upload ${upload.id}: ${accepted} conversations stored, ${rejected.length} records rejected`,
    );
    return outcome;
  } catch (error) {
    await finishUpload(db, key, { status: 'failed', error: 'the server failed; see its log' });
    await auditUpload(db, user, { ...upload, status: null });
    throw error;
  } finally {
    await stopHeartbeat();
    await deleteUploadParts(db, organisationId, upload.id).catch(() => {});
    await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}
