import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat, email, voiceCall } from './fixtures/hand-worked.ts';
import { createTestDatabase, type TestDatabase } from './support/databases.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { createFixtureUsers, FIXTURE_USERS, PASSWORD } from './support/users.ts';

const TOKEN = 'instances-metrics-token';

/**
 * Rapport past one machine: two web processes (RAPPORT_ROLE=web) and one worker (RAPPORT_ROLE=worker)
 * on one PostgreSQL database, as docker-compose runs them behind a proxy. A journey that lands on
 * either web instance works: the session made on one is honoured by the other, an upload sent to one
 * is ingested by the worker, and what the worker did is read from the other.
 */
describe('two web processes and a worker on one PostgreSQL database', () => {
  let database: TestDatabase;
  let worker: RunningServer;
  let web1: RunningServer;
  let web2: RunningServer;
  let cookie = '';

  const env = (role: string) => ({
    ...database.env,
    RAPPORT_ROLE: role,
    RAPPORT_DEMO: 'off',
    RAPPORT_LOG_FORMAT: 'json',
    METRICS_TOKEN: TOKEN,
  });
  const query = async (server: RunningServer, procedure: string, input?: unknown) => {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetch(`${server.url}/trpc/${procedure}${search}`, { headers: { cookie } });
    const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok) throw new Error(`${procedure} on ${server.url}: ${JSON.stringify(body.error)}`);
    return body.result?.data as Record<string, unknown> | null;
  };
  const mutate = (server: RunningServer, procedure: string, input: unknown) =>
    fetch(`${server.url}/trpc/${procedure}`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  const until = async <T>(what: string, probe: () => Promise<T | null | undefined>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await createFixtureUsers(database);
    // The worker first: it runs the start-up work (definitions upgrade); the web processes only serve.
    worker = await startServer(env('worker'), /Rapport worker is running/, 60_000, { web: false });
    [web1, web2] = await Promise.all([
      startServer(env('web'), /Rapport is serving/, 60_000, { web: false }),
      startServer(env('web'), /Rapport is serving/, 60_000, { web: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([web1?.stop(), web2?.stop(), worker?.stop()]);
    await database?.drop();
  });

  test('sign in on one web, read on the other, upload on one and read what the worker did on the other', async () => {
    const login = await mutate(web1, 'auth.login', { email: FIXTURE_USERS.admin.email, password: PASSWORD });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(cookie).toMatch(/^rapport_session=/);
    // The session lives in the database: the other instance knows it.
    expect(await query(web2, 'auth.me')).toMatchObject({ email: FIXTURE_USERS.admin.email, role: 'admin' });

    const upload = await fetch(`${web1.url}/uploads?format=jsonl&name=three.jsonl`, {
      method: 'POST',
      headers: { cookie, origin: web1.url },
      body: [voiceCall, chat, email].map((c) => JSON.stringify(c)).join('\n'),
    });
    expect(upload.status).toBe(200);
    const uploadId = Number(upload.headers.get('x-upload-id'));
    const requestId = upload.headers.get('x-request-id');
    expect(await upload.json()).toEqual({ uploadId, accepted: 3, updated: 0, rejected: [] });
    // The worker ingested it, and its log line carries the id of the request web 1 answered.
    const stored = `Upload ${uploadId}: 3 conversations stored, 0 records rejected`;
    const line = worker
      .output()
      .split('\n')
      .find((l) => l.includes(stored));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ role: 'worker', requestId, queue: 'upload' });
    expect(web1.output()).not.toContain(stored);
    expect(await query(web2, 'uploads.status', { id: uploadId })).toMatchObject({
      status: 'done',
      recordsStored: 3,
      summary: { accepted: 3, updated: 0, rejected: [] },
    });
    // The agents the worker stored, read through the other instance (ordered by name).
    expect(await query(web2, 'agents.list')).toEqual([
      { id: 'a-1', name: 'Priya Nair', teamId: 'billing' },
      { id: 'a-2', name: 'Tom Berg', teamId: 'orders' },
    ]);

    // A configuration change on web 2 queues a recompute; the worker runs it; web 1 sees it done.
    const change = await mutate(web2, 'admin.config.update', { responseTargetsMs: { chat: 90_000 } });
    expect(change.status).toBe(200);
    const { jobId } = ((await change.json()) as { result: { data: { jobId: string } } }).result.data;
    const done = await until('the recompute to finish', async () => {
      const job = await query(web1, 'admin.jobs.status', { id: jobId });
      return job?.state === 'done' ? job : null;
    });
    expect(done.result).toEqual({ recomputed: 3 });
    expect(worker.output()).toContain(`Recompute ${jobId}: 3 / 3 conversations`);
    expect(web1.output() + web2.output()).not.toContain(`Recompute ${jobId}:`);
  });

  test('the worker serves no pages and no API, only health and metrics; the web instances are ready', async () => {
    expect((await fetch(`${worker.url}/`)).status).toBe(404);
    expect((await fetch(`${worker.url}/trpc/health.check`)).status).toBe(404);
    expect((await fetch(`${worker.url}/health/ready`)).status).toBe(200);
    const metrics = await fetch(`${worker.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await metrics.text()).toMatch(
      /^rapport_job_duration_seconds_count\{queue="upload",outcome="done"\} 1$/m,
    );
    for (const web of [web1, web2]) expect((await fetch(`${web.url}/health/ready`)).status).toBe(200);
  });

  test('the embedded database refuses a split, saying why and what to do', async () => {
    await expect(
      startServer({ DATABASE_URL: '', RAPPORT_ROLE: 'web' }, /Rapport is serving/, 30_000, { web: false }),
    ).rejects.toThrow(/RAPPORT_ROLE=web needs PostgreSQL \(DATABASE_URL\).*Use RAPPORT_ROLE=all/);
  });
});
