import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { listAudit } from '@rapport/api/audit/audit.repository.ts';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createSession } from '@rapport/api/auth/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createApp } from '@rapport/api/server/app.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat, email, mixedFile, voiceCall } from '../fixtures/hand-worked.ts';
import { count, createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { REPO_ROOT } from '../support/server.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/** Small, so that a file over it is quick to send; the hand-worked files are about 2 KB. */
const LIMIT = 4096;
const TURNS_CSV = fs.readFileSync(path.join(REPO_ROOT, 'apps/api/src/ingest/fixtures/turns.csv'), 'utf8');

/** `n` valid conversations of about 300 bytes each, with ids of their own. */
function generatedLines(n: number, prefix: string): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      ...chat,
      id: `${prefix}-${i}`,
      turns: chat.turns.slice(0, 5),
    }),
  ).join('\n');
}

interface Answer {
  status: number;
  uploadId: string | null;
  body: Record<string, unknown> & { rejected?: { line: number; error: string }[] };
}

describe.each(DATABASE_KINDS)('POST /uploads on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  let server: http.Server;
  let base: string;
  const cookies: Partial<Record<FixtureUserKey, string>> = {};
  const admin = () => createCaller(createContextInner({ db: database.db, user: users.admin }));

  const upload = async (
    body: string | Uint8Array | ReadableStream<Uint8Array>,
    query: string,
    as: FixtureUserKey | null = 'admin',
    init: RequestInit = {},
  ): Promise<Answer> => {
    const response = await fetch(`${base}/uploads?${query}`, {
      method: 'POST',
      body,
      headers: as ? { cookie: cookies[as] as string } : {},
      ...init,
    });
    return {
      status: response.status,
      uploadId: response.headers.get('x-upload-id'),
      body: (await response.json()) as Answer['body'],
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    users = await createFixtureUsers(database);
    for (const key of ['admin', 'supervisorBilling'] as const) {
      const { token } = await createSession(database.db, users[key]);
      cookies[key] = `rapport_session=${encodeURIComponent(token)}`;
    }
    server = createApp({ db: database.db, uploadLimitBytes: LIMIT });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
  });

  test('a good JSONL file: 200 with the CLI summary, the id in X-Upload-Id, status done', async () => {
    const file = [voiceCall, chat, email].map((c) => JSON.stringify(c)).join('\n');
    const answer = await upload(file, 'format=jsonl&name=week-45.jsonl');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ uploadId: Number(answer.uploadId), accepted: 3, updated: 0, rejected: [] });
    expect(await count(database, 'conversations')).toBe(3);

    const status = await admin().uploads.status({ id: Number(answer.uploadId) });
    expect(status).toMatchObject({
      fileName: 'week-45.jsonl',
      format: 'jsonl',
      status: 'done',
      stage: null,
      bytesRead: Buffer.byteLength(file),
      bytesTotal: Buffer.byteLength(file),
      recordsStored: 3,
      recordsRejected: 0,
      summary: { accepted: 3, updated: 0, rejected: [] },
      error: null,
    });
    expect(status?.finishedAt).not.toBeNull();
    const [audit] = await listAudit(database.db, 'default', 1);
    expect(audit).toMatchObject({
      actor: 'admin@example.com',
      action: 'upload',
      detail: { uploadId: Number(answer.uploadId), fileName: 'week-45.jsonl', httpStatus: 200, accepted: 3 },
    });
  });

  test('bad lines are reported with line and reason, the good ones stored (replacing by id)', async () => {
    const answer = await upload(mixedFile(), 'format=jsonl&name=mixed.jsonl');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 3, updated: 3 });
    expect(answer.body.rejected?.map((r) => r.line)).toEqual([2, 4]);
    expect(answer.body.rejected?.[0]?.error).toMatch(/^invalid JSON/);
    expect(answer.body.rejected?.[1]?.error).toMatch(/agent/);
    expect(await count(database, 'conversations')).toBe(3);
    expect(await admin().uploads.status({ id: Number(answer.uploadId) })).toMatchObject({
      status: 'done',
      recordsRejected: 2,
    });
  });

  test('a CSV file of turns, its format told by the query or by the file name', async () => {
    const told = await upload(TURNS_CSV, 'format=csv&name=turns.txt');
    expect(told.status).toBe(200);
    expect(told.body).toMatchObject({ accepted: 3, updated: 0, rejected: [] });
    const byName = await upload(TURNS_CSV, 'name=turns.csv');
    expect(byName.body).toMatchObject({ accepted: 3, updated: 3 });
    expect(await count(database, 'conversations')).toBe(6);
  });

  test('an empty file: 400, recorded as failed', async () => {
    const answer = await upload('', 'format=jsonl&name=empty.jsonl');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ uploadId: Number(answer.uploadId), error: 'The file is empty.' });
    expect(await admin().uploads.status({ id: Number(answer.uploadId) })).toMatchObject({
      status: 'failed',
      error: 'The file is empty.',
    });
  });

  test('a file that is not JSON Lines: 422, every line rejected, nothing stored', async () => {
    const before = await count(database, 'conversations');
    const answer = await upload(TURNS_CSV, 'format=jsonl&name=turns.jsonl');
    expect(answer.status).toBe(422);
    expect(answer.body.error).toBe('Nothing was stored: every record was rejected (read as jsonl).');
    expect(answer.body.accepted).toBe(0);
    expect(answer.body.rejected?.length).toBeGreaterThan(0);
    expect(answer.body.rejected?.every((r) => r.error.startsWith('invalid JSON'))).toBe(true);
    expect(await count(database, 'conversations')).toBe(before);
    expect(await admin().uploads.status({ id: Number(answer.uploadId) })).toMatchObject({
      status: 'failed',
      summary: { accepted: 0 },
    });
  });

  test('over the size limit by Content-Length: 413 before reading, nothing stored', async () => {
    const before = await count(database, 'conversations');
    const file = generatedLines(40, 'big');
    expect(Buffer.byteLength(file)).toBeGreaterThan(LIMIT);
    const answer = await upload(file, 'format=jsonl&name=big.jsonl');
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/larger than the upload limit of 4 KB .*nothing was stored/);
    expect(await count(database, 'conversations')).toBe(before);
    expect(await admin().uploads.status({ id: Number(answer.uploadId) })).toMatchObject({
      status: 'failed',
      bytesRead: 0,
    });
  });

  test('over the size limit while streaming (no Content-Length): 413, not one batch stored', async () => {
    const before = await count(database, 'conversations');
    // Chunks of whole conversations: the first ones would make complete batches if stored as they came.
    const chunks = Array.from({ length: 8 }, (_, i) => `${generatedLines(4, `stream-${i}`)}\n`);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) return controller.close();
        controller.enqueue(new TextEncoder().encode(chunk));
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    });
    const answer = await upload(body, 'format=jsonl&name=stream.jsonl', 'admin', {
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(413);
    expect(await count(database, 'conversations')).toBe(before);
    const status = await admin().uploads.status({ id: Number(answer.uploadId) });
    expect(status).toMatchObject({ status: 'failed', bytesTotal: null });
  });

  test('a gzip file: 422 with each line refused as not UTF-8, the upload failed and audited, nothing stored', async () => {
    const before = await count(database, 'conversations');
    const file = gzipSync(Buffer.from([voiceCall, chat, email].map((c) => JSON.stringify(c)).join('\n')));
    const answer = await upload(file, 'format=jsonl&name=week-45.jsonl.gz');
    expect(answer.status).toBe(422);
    expect(answer.body.rejected?.[0]).toEqual({
      line: 1,
      error: expect.stringMatching(/^the line is not valid UTF-8 at byte 2 \(a compressed or binary file\?/),
    });
    expect(await count(database, 'conversations')).toBe(before);
    expect(await admin().uploads.status({ id: Number(answer.uploadId) })).toMatchObject({
      status: 'failed',
      error: 'Nothing was stored: every record was rejected (read as jsonl).',
    });
    const [audit] = await listAudit(database.db, 'default', 1);
    expect(audit?.detail).toMatchObject({ uploadId: Number(answer.uploadId), httpStatus: 422, accepted: 0 });
  });

  test('NUL (raw and escaped), invalid UTF-8 and lone surrogates: those lines refused with where, the rest stored', async () => {
    const line = (id: string, text: string) =>
      JSON.stringify({ ...email, id, turns: [{ ...email.turns[0], text }] });
    const file = Buffer.concat([
      Buffer.from(`${line('u-good', 'All fine')}\n`),
      Buffer.from(`${line('u-nul', 'bad \u0000 byte')}\n`),
      Buffer.from(`${line('u-surrogate', 'half \ud83d pair')}\n`),
      Buffer.from(`{"id":"u-raw-nul\u0000"}\n`),
      Buffer.concat([Buffer.from(line('u-latin1', 'caf')), Buffer.from([0xe9, 0x0a])]),
    ]);
    const answer = await upload(file, 'format=jsonl&name=mixed-bytes.jsonl');
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(1);
    expect(answer.body.rejected).toEqual([
      { line: 2, error: 'turns.0.text: contains a NUL character' },
      { line: 3, error: 'turns.0.text: contains a lone UTF-16 surrogate (not valid Unicode)' },
      { line: 4, error: 'the line contains a NUL character at byte 17 (a binary file?)' },
      { line: 5, error: expect.stringMatching(/^the line is not valid UTF-8 at byte \d+ /) },
    ]);
    const stored = await database.db
      .selectFrom('conversations')
      .select('id')
      .where('id', 'like', 'u-%')
      .execute();
    expect(stored.map((r) => r.id)).toEqual(['u-good']);
    expect(await admin().uploads.status({ id: Number(answer.uploadId) })).toMatchObject({
      status: 'done',
      recordsRejected: 4,
    });
  });

  test('a failure while recording the outcome is caught: 500, the upload failed and audited, the server up', async () => {
    // The database refuses to mark an upload done (as it refused a reason holding NUL before).
    await sql`ALTER TABLE uploads ADD CONSTRAINT refuse_done CHECK (status <> 'done') NOT VALID`.execute(
      database.db,
    );
    try {
      const answer = await upload(JSON.stringify(email), 'format=jsonl&name=one.jsonl');
      expect(answer.status).toBe(500);
      expect(await admin().uploads.status({ id: Number(answer.uploadId) })).toMatchObject({
        status: 'failed',
        error: 'the server failed; see its log',
      });
      const [audit] = await listAudit(database.db, 'default', 1);
      expect(audit?.detail).toMatchObject({ uploadId: Number(answer.uploadId), httpStatus: null });
    } finally {
      await sql`ALTER TABLE uploads DROP CONSTRAINT refuse_done`.execute(database.db);
    }
    expect((await upload(JSON.stringify(email), 'format=jsonl&name=again.jsonl')).status).toBe(200);
  });

  test('the upload id comes first in a 103 Early Hints answer, for clients that read them', async () => {
    const file = JSON.stringify(email);
    const { hinted, final } = await new Promise<{ hinted: http.IncomingHttpHeaders; final: string }>(
      (resolve, reject) => {
        let hinted: http.IncomingHttpHeaders = {};
        const req = http.request(
          `${base}/uploads?format=jsonl&name=one.jsonl`,
          { method: 'POST', headers: { cookie: cookies.admin } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ hinted, final: String(res.headers['x-upload-id']) }));
          },
        );
        req.on('information', (info) => {
          hinted = info.headers;
        });
        req.on('error', reject);
        req.end(file);
      },
    );
    expect(hinted['x-upload-id']).toBe(final);
    expect(hinted.link).toBe(
      `</trpc/uploads.status?input=${encodeURIComponent(JSON.stringify({ id: Number(final) }))}>; rel="monitor"`,
    );
  });

  test('401 without a session, 403 for a supervisor, 400 for an unknown format; nothing recorded', async () => {
    const uploadsBefore = await count(database, 'uploads');
    const file = JSON.stringify(email);
    expect(await upload(file, 'format=jsonl', null)).toMatchObject({
      status: 401,
      uploadId: null,
      body: { error: 'Sign in to continue.' },
    });
    expect(await upload(file, 'format=jsonl', 'supervisorBilling')).toMatchObject({
      status: 403,
      body: { error: 'Uploading logs needs the admin role.' },
    });
    expect(await upload(file, 'format=xml&name=x.xml')).toMatchObject({
      status: 400,
      body: { error: 'Unknown format "xml": expected one of jsonl, csv, contact-lens' },
    });
    expect(await count(database, 'uploads')).toBe(uploadsBefore);
    expect(await admin().uploads.status({ id: 999_999 })).toBeNull();
  });
});
