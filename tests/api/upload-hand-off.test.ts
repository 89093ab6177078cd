import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listAudit } from '@rapport/api/audit/audit.repository.ts';
import { createSession } from '@rapport/api/auth/sessions.repository.ts';
import { type JobQueue, startJobQueue } from '@rapport/api/jobs/job-queue.ts';
import { captureLog } from '@rapport/api/observability/log.ts';
import { createApp } from '@rapport/api/server/app.ts';
import { handOffUploads } from '@rapport/api/server/upload-hand-off.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat, voiceCall } from '../fixtures/hand-worked.ts';
import { count, createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers } from '../support/users.ts';

/**
 * RAPPORT_ROLE=web's uploads, in one process on both databases: the web side stores the file in parts
 * and queues it, the queue's worker ingests it, and the request answers what the worker decided,
 * exactly as an upload ingested in place would. tests/instances.test.ts runs the same across processes.
 */
describe.each(DATABASE_KINDS)('an upload handed to the worker on %s', (kind) => {
  let database: TestDatabase;
  let jobs: JobQueue;
  let server: http.Server;
  let base: string;
  let cookie: string;
  const workerLog: Record<string, unknown>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const users = await createFixtureUsers(database);
    const { token } = await createSession(database.db, users.admin);
    cookie = `rapport_session=${encodeURIComponent(token)}`;
    jobs = await startJobQueue(database, {
      work: true,
      pollingIntervalSeconds: 0.5,
      stopTimeoutMs: 1_000,
      log: captureLog((line) => workerLog.push(JSON.parse(line) as Record<string, unknown>)),
    });
    server = createApp({
      db: database.db,
      jobs,
      uploadHandOff: handOffUploads(database.db, jobs, 100),
      log: captureLog(() => {}),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await jobs?.stop();
    await database?.drop();
  });

  test('the same answer as in place; the worker logs it under the request id; no parts left', async () => {
    const file = [JSON.stringify(voiceCall), 'not json', JSON.stringify(chat)].join('\n');
    const response = await fetch(`${base}/uploads?format=jsonl&name=two.jsonl`, {
      method: 'POST',
      headers: { cookie, 'x-request-id': 'hand-off-request-1' },
      body: file,
    });
    const uploadId = Number(response.headers.get('x-upload-id'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      uploadId,
      accepted: 2,
      updated: 0,
      rejected: [{ line: 2, error: expect.any(String) }],
    });
    expect(await count(database, 'conversations')).toBe(2);
    expect(await count(database, 'upload_parts')).toBe(0);
    expect(workerLog).toContainEqual(
      expect.objectContaining({
        requestId: 'hand-off-request-1',
        queue: 'upload',
        msg: `Upload ${uploadId}: 2 conversations stored, 1 records rejected`,
      }),
    );
    const audit = (await listAudit(database.db, 'default')).find((entry) => entry.action === 'upload');
    expect(audit?.detail).toMatchObject({ uploadId, httpStatus: 200, accepted: 2, rejected: 1 });
  });

  test('every record rejected: 422 with the summary, decided by the worker', async () => {
    const response = await fetch(`${base}/uploads?format=jsonl&name=bad.jsonl`, {
      method: 'POST',
      headers: { cookie },
      body: '{"id": 1}\n',
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      error: 'Nothing was stored: every record was rejected (read as jsonl).',
      accepted: 0,
      rejected: [{ line: 1 }],
    });
  });
});
