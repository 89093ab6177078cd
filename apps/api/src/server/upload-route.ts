import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { formatBytes } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import { readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { userForSession } from '../auth/sessions.repository.ts';
import type { Database } from '../db/database.ts';
import { type Format, formatOf } from '../ingest/formats.ts';
import { keepAlive } from '../jobs/liveness.ts';
import {
  auditUpload,
  every,
  finishWith,
  ingestUpload,
  type ReceivedUpload,
  type Uploader,
  type UploadOutcome,
} from '../uploads/ingest-upload.ts';
import { createUpload, finishUpload, recordReceived } from '../uploads/uploads.repository.ts';
import { type RequestContext, requestContextOf } from './request-context.ts';

export const DEFAULT_UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;
const MAX_NAME_LENGTH = 255;
const PROGRESS_INTERVAL_MS = 500;

/**
 * Ingests a received file elsewhere (a worker, RAPPORT_ROLE=web) and returns its answer. The request's
 * heartbeat keeps the upload alive until `stopHeartbeat` is called, once the worker has taken it.
 */
export type UploadHandOff = (
  user: Uploader,
  upload: ReceivedUpload,
  file: string,
  request: RequestContext & { stopHeartbeat: () => Promise<void> },
) => Promise<UploadOutcome>;

export interface UploadRouteOptions {
  /** The largest body taken; a bigger one gets 413 and nothing of it is stored. */
  limitBytes: number;
  /** Heartbeat age after which a running upload counts as stranded (jobs/liveness.ts). */
  staleAfterMs?: number;
  /** Without: the file is ingested in this process, as one machine does. */
  handOff?: UploadHandOff;
}

/** `POST /uploads?…`: only POST, so that a page of the web app at /uploads stays reachable. */
export function isUploadRequest(req: http.IncomingMessage): boolean {
  return req.method === 'POST' && /^\/uploads(\?|$)/.test(req.url ?? '');
}

/**
 * `POST /uploads?format=jsonl|csv|contact-lens&name=FILE`, the file as the body: the upload that a
 * JSON API cannot take. Admin session cookie required (401 without, 403 for other roles).
 *
 * The body is streamed to a temporary file while its bytes are counted, then ingested from there.
 * Ingestion stores in batches, so a file cut off at the size limit half-way through ingesting
 * would leave its first batches stored; receiving the whole file first means a file over the limit
 * (413) or cut off by the client stores nothing. Memory stays flat either way.
 *
 * Answers: 200 with the CLI's summary `{ uploadId, accepted, updated, rejected: [{ line, error }] }`,
 * also when some records were rejected; 422 with the same summary when every record was rejected
 * (nothing stored: not JSON at all, wrong format); 400 for an empty file, one without records, or a
 * bad format or name; 413 over the limit (checked on Content-Length before reading, and counted).
 * The upload id is in `X-Upload-Id` on every answer once the upload is recorded, and in a
 * `103 Early Hints` sent as soon as it starts (with a Link to `uploads.status`), for clients that
 * read informational responses.
 */
export function uploadRoute(db: Kysely<Database>, options: UploadRouteOptions) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    let upload: { id: number; user: SessionUser; fileName: string; format: Format } | null = null;
    let tempDir: string | null = null;
    let stopHeartbeat: () => Promise<void> = async () => {};
    try {
      const token = readCookie(req, SESSION_COOKIE);
      const user = token ? await userForSession(db, token) : null;
      if (!user) return refuse(req, res, 401, 'Sign in to continue.');
      if (user.role !== 'admin') return refuse(req, res, 403, 'Uploading logs needs the admin role.');

      const url = new URL(req.url ?? '/', 'http://local');
      const fileName = (url.searchParams.get('name') ?? '').trim() || 'upload';
      if (fileName.length > MAX_NAME_LENGTH) {
        return refuse(req, res, 400, `The file name is longer than ${MAX_NAME_LENGTH} characters.`);
      }
      let format: Format;
      try {
        format = formatOf(fileName, url.searchParams.get('format') ?? undefined);
      } catch (error) {
        return refuse(req, res, 400, (error as Error).message);
      }
      const declared = req.headers['content-length'] ? Number(req.headers['content-length']) : null;

      const id = await createUpload(db, user, { fileName, format, bytesTotal: declared });
      upload = { id, user, fileName, format };
      const key = { organisationId: user.organisationId, id };
      stopHeartbeat = keepAlive(db, 'uploads', key, options.staleAfterMs);
      res.setHeader('x-upload-id', String(id));
      res.writeEarlyHints({ link: `<${statusLink(id)}>; rel="monitor"`, 'x-upload-id': String(id) });
      // Every `end` is awaited (`return await`): a failure while recording the outcome must reach the
      // catch below, which marks the upload failed, instead of escaping as an unhandled rejection.
      const end = async (status: number, body: { error: string }) => {
        await finishWith(db, user, { id, fileName, format }, status, body);
        return refuse(req, res, status, body.error, id);
      };

      if (declared !== null && declared > options.limitBytes) {
        return await end(413, { error: tooLarge(options.limitBytes) });
      }
      tempDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rapport-upload-'));
      const file = path.join(tempDir, 'body');
      const received = await receive(req, file, options.limitBytes, (bytes) =>
        recordReceived(db, key, bytes),
      );
      if (received === 'too large') return await end(413, { error: tooLarge(options.limitBytes) });
      if (received === 0) return await end(400, { error: 'The file is empty.' });
      await recordReceived(db, key, received, received);

      const receivedUpload = { id, organisationId: user.organisationId, fileName, format };
      const outcome = options.handOff
        ? await options.handOff(user, receivedUpload, file, { ...requestContextOf(req), stopHeartbeat })
        : await ingestUpload(db, user, receivedUpload, file);
      reply(res, outcome.status, outcome.body);
    } catch (error) {
      // A request read to its end is destroyed too (autoDestroy): only one cut short means the client left.
      const clientGone = res.destroyed || (req.destroyed && !req.complete);
      if (!clientGone) requestContextOf(req).log.error({ err: error }, `upload ${upload?.id ?? '?'} failed`);
      if (upload) {
        const reason = clientGone ? 'the client stopped sending the file' : 'the server failed; see its log';
        await finishUpload(
          db,
          { organisationId: upload.user.organisationId, id: upload.id },
          { status: 'failed', error: reason },
        ).catch(() => {});
        await auditUpload(db, upload.user, { ...upload, status: null }).catch(() => {});
      }
      if (!clientGone && !res.headersSent) {
        refuse(req, res, 500, 'Something went wrong on the server; the error has been logged.');
      }
    } finally {
      await stopHeartbeat();
      // The handler never rejects: nobody awaits it (http's request listener), so a rejection would end the process.
      if (tempDir) await fs.promises.rm(tempDir, { recursive: true, force: true }).catch(() => {});
    }
  };
}

/** `/trpc/uploads.status?input={"id":N}`: where a client polls the upload's progress. */
function statusLink(id: number): string {
  return `/trpc/uploads.status?input=${encodeURIComponent(JSON.stringify({ id }))}`;
}

function tooLarge(limitBytes: number): string {
  return `The file is larger than the upload limit of ${formatBytes(limitBytes)} (RAPPORT_UPLOAD_LIMIT_BYTES); nothing was stored. Split it, or import it with pnpm rapport ingest.`;
}

/**
 * Copies the body to `file`, counting bytes; stops at the first byte over the limit. Not
 * `pipeline(req, …)`: on error that would destroy the request, and with it the socket that the 413
 * must go out on. Reports the count every half second while receiving.
 */
async function receive(
  req: http.IncomingMessage,
  file: string,
  limitBytes: number,
  onProgress: (bytes: number) => Promise<void>,
): Promise<number | 'too large'> {
  let bytes = 0;
  let over = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limitBytes) {
        over = true;
        done(new Error('over the upload limit'));
      } else done(null, chunk);
    },
  });
  req.on('error', (error) => counter.destroy(error));
  req.on('close', () => {
    if (!req.complete) counter.destroy(new Error('the client stopped sending the file'));
  });
  req.pipe(counter);
  const stopProgress = every(PROGRESS_INTERVAL_MS, () => onProgress(bytes));
  try {
    await pipeline(counter, fs.createWriteStream(file));
    return bytes;
  } catch (error) {
    if (over) return 'too large';
    throw error;
  } finally {
    await stopProgress();
  }
}

function reply(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * An error answer before or instead of reading the whole body: `Connection: close` (the rest of
 * the body is not wanted), and what is still arriving is read and dropped until the socket closes,
 * so that the client sees the answer rather than a reset.
 */
function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  message: string,
  uploadId?: number,
): void {
  if (!req.complete) res.setHeader('connection', 'close');
  reply(res, status, uploadId === undefined ? { error: message } : { uploadId, error: message });
  req.resume();
}
