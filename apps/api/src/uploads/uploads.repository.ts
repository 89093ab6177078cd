import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import type { IngestSummary } from '../ingest/ingest.ts';

/** What `uploads.status` answers. */
export interface UploadStatus {
  id: number;
  fileName: string;
  format: string;
  status: 'running' | 'done' | 'failed';
  /** While running: receiving the file, then storing its records. */
  stage: 'receiving' | 'storing' | null;
  bytesRead: number;
  /** The announced size (Content-Length) while receiving, the received size after; null if unknown. */
  bytesTotal: number | null;
  recordsStored: number;
  recordsRejected: number;
  /** The same summary as `pnpm rapport ingest` once the file has been stored. */
  summary: IngestSummary | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function createUpload(
  db: Kysely<Database>,
  user: Pick<SessionUser, 'id' | 'organisationId'>,
  upload: { fileName: string; format: string; bytesTotal: number | null },
): Promise<number> {
  const row = await db
    .insertInto('uploads')
    .values({
      organisation_id: user.organisationId,
      user_id: user.id,
      file_name: upload.fileName,
      format: upload.format,
      bytes_total: upload.bytesTotal,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An upload as its row is keyed (organisation first, docs/scaling.md). */
export interface UploadKey {
  organisationId: string;
  id: number;
}

export async function recordReceived(
  db: Kysely<Database>,
  upload: UploadKey,
  bytesRead: number,
  bytesTotal?: number,
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({ bytes_read: bytesRead, ...(bytesTotal === undefined ? {} : { bytes_total: bytesTotal }) })
    .where('organisation_id', '=', upload.organisationId)
    .where('id', '=', upload.id)
    .execute();
}

export async function recordStored(
  db: Kysely<Database>,
  upload: UploadKey,
  progress: { accepted: number; rejected: number },
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({ records_stored: progress.accepted, records_rejected: progress.rejected })
    .where('organisation_id', '=', upload.organisationId)
    .where('id', '=', upload.id)
    .execute();
}

/** The upload is over: `done` with its summary, or `failed` with the reason (and the summary, if any). */
export async function finishUpload(
  db: Kysely<Database>,
  upload: UploadKey,
  outcome: { status: 'done' | 'failed'; summary?: IngestSummary; error?: string },
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({
      status: outcome.status,
      summary: outcome.summary ? JSON.stringify(outcome.summary) : null,
      ...(outcome.summary
        ? { records_stored: outcome.summary.accepted, records_rejected: outcome.summary.rejected.length }
        : {}),
      error: outcome.error ?? null,
      finished_at: new Date(),
    })
    .where('organisation_id', '=', upload.organisationId)
    .where('id', '=', upload.id)
    .execute();
}

/** An upload of the organisation, or null when it has none with that id. */
export async function uploadStatus(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<UploadStatus | null> {
  const row = await db
    .selectFrom('uploads')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const bytesRead = Number(row.bytes_read);
  const bytesTotal = row.bytes_total === null ? null : Number(row.bytes_total);
  const received = bytesTotal !== null && bytesRead >= bytesTotal;
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    status: row.status,
    stage: row.status !== 'running' ? null : received ? 'storing' : 'receiving',
    bytesRead,
    bytesTotal,
    recordsStored: row.records_stored,
    recordsRejected: row.records_rejected,
    summary: (row.summary ?? null) as IngestSummary | null,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  };
}
