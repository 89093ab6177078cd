import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { type Format, parseFile } from '../ingest/formats.ts';
import { type IngestSummary, ingest } from '../ingest/ingest.ts';
import { printable } from '../ingest/text-safety.ts';
import { finishUpload, recordStored } from './uploads.repository.ts';

const PROGRESS_INTERVAL_MS = 500;

/** An upload whose file has been received whole. */
export interface ReceivedUpload {
  id: number;
  organisationId: string;
  fileName: string;
  format: Format;
}

/** Who uploaded it, as the audit log names them. */
export type Uploader = Pick<SessionUser, 'id' | 'email' | 'organisationId'>;

/** What `POST /uploads` answers for a received file: the HTTP status and its JSON body. */
export interface UploadOutcome {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Ingests a received file and records the outcome (the upload's row, the audit log): the same steps
 * whether the web process does it (RAPPORT_ROLE=all) or a worker does (web and worker apart).
 * Answers 200 with the summary, also when some records were rejected; 422 with it when every record
 * was rejected (nothing stored); 400 when the file holds no records.
 */
export async function ingestUpload(
  db: Kysely<Database>,
  user: Uploader,
  upload: ReceivedUpload,
  file: string,
): Promise<UploadOutcome> {
  let stored = { accepted: 0, rejected: 0 };
  const stopProgress = every(PROGRESS_INTERVAL_MS, () =>
    recordStored(db, { organisationId: upload.organisationId, id: upload.id }, stored),
  );
  const summary = await ingest(db, parseFile(file, upload.format), {
    organisationId: upload.organisationId,
    onProgress: (progress) => {
      stored = progress;
    },
  }).finally(stopProgress);
  if (summary.accepted === 0 && summary.rejected.length === 0) {
    return finishWith(db, user, upload, 400, {
      error: `The file holds no conversations (read as ${upload.format}).`,
    });
  }
  if (summary.accepted === 0) {
    return finishWith(
      db,
      user,
      upload,
      422,
      { error: `Nothing was stored: every record was rejected (read as ${upload.format}).`, ...summary },
      summary,
    );
  }
  return finishWith(db, user, upload, 200, { ...summary }, summary);
}

/** Ends the upload (`done` on 200, else `failed` with the error), audits it, and returns the answer. */
export async function finishWith(
  db: Kysely<Database>,
  user: Uploader,
  upload: Omit<ReceivedUpload, 'organisationId'>,
  status: number,
  body: Record<string, unknown>,
  summary?: IngestSummary,
): Promise<UploadOutcome> {
  const failed = status !== 200;
  await finishUpload(
    db,
    { organisationId: user.organisationId, id: upload.id },
    {
      status: failed ? 'failed' : 'done',
      ...(summary ? { summary } : {}),
      ...(failed ? { error: printable(String(body.error)) } : {}),
    },
  );
  await auditUpload(db, user, { ...upload, status, summary });
  return { status, body: { uploadId: upload.id, ...body } };
}

/** Every upload is audited, whatever its outcome; `httpStatus` null: the client went away or the server failed. */
export async function auditUpload(
  db: Kysely<Database>,
  user: Uploader,
  upload: { id: number; fileName: string; format: Format; status: number | null; summary?: IngestSummary },
) {
  await writeAudit(db, user, 'upload', {
    uploadId: upload.id,
    fileName: upload.fileName,
    format: upload.format,
    httpStatus: upload.status,
    ...(upload.summary
      ? {
          accepted: upload.summary.accepted,
          updated: upload.summary.updated,
          rejected: upload.summary.rejected.length,
        }
      : {}),
  });
}

/** Runs `write` every `ms` while work goes on; the returned function stops it after a last write. */
export function every(ms: number, write: () => Promise<void>): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    last = last.then(write).catch(() => {});
  }, ms);
  return async () => {
    clearInterval(timer);
    await last;
  };
}
