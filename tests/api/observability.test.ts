import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSession } from '@rapport/api/auth/sessions.repository.ts';
import type { Database } from '@rapport/api/db/database.ts';
import { captureLog } from '@rapport/api/observability/log.ts';
import { observePool } from '@rapport/api/observability/metrics.ts';
import { ReadCache } from '@rapport/api/read-cache/read-cache.ts';
import { createApp } from '@rapport/api/server/app.ts';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat, email, voiceCall } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase, testOnlyOn } from '../support/databases.ts';
import { seriesValue } from '../support/prometheus.ts';
import { createFixtureUsers } from '../support/users.ts';

const TOKEN = 'a-metrics-token-of-some-length';

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: http.Server): Promise<void> {
  await new Promise((resolve) => server.close(resolve));
}

/**
 * Health, metrics and request ids over real HTTP, on both databases. The counters are the process's
 * own, shared by every server in it: each check reads them before and after and compares the change.
 */
describe.each(DATABASE_KINDS)('observability on %s', (kind) => {
  const onPostgres = testOnlyOn(kind, 'postgres');
  let database: TestDatabase;
  let server: http.Server;
  let base: string;
  let cookie: string;
  let loading: { done: number; total: number } | null = null;
  const logged: Record<string, unknown>[] = [];

  const metrics = async () => {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const users = await createFixtureUsers(database);
    const { token } = await createSession(database.db, users.admin);
    cookie = `rapport_session=${encodeURIComponent(token)}`;
    observePool(database.poolStats);
    server = createApp({
      db: database.db,
      loading: () => loading,
      metricsToken: TOKEN,
      log: captureLog((line) => logged.push(JSON.parse(line) as Record<string, unknown>)),
    });
    base = await listen(server);
  });
  afterAll(async () => {
    observePool(undefined);
    await close(server);
    await database?.drop();
  });

  test('live answers while the demo loads; ready only once it has loaded; health.check is unchanged', async () => {
    loading = { done: 5, total: 20 };
    const live = await fetch(`${base}/health/live`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'live' }]);
    const starting = await fetch(`${base}/health/ready`);
    expect([starting.status, await starting.json()]).toEqual([
      503,
      { status: 'starting', reason: 'loading the demo data: 5 / 20 conversations' },
    ]);
    loading = null;
    const ready = await fetch(`${base}/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    const check = await (await fetch(`${base}/trpc/health.check`)).json();
    expect(check).toEqual({ result: { data: { ok: true, database: 'up', loading: null } } });
  });

  onPostgres('ready is 503 when the database cannot be reached, live stays 200', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    const unreachable = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const orphan = createApp({ db: unreachable, log: captureLog(() => {}) });
    const orphanBase = await listen(orphan);
    try {
      expect((await fetch(`${orphanBase}/health/live`)).status).toBe(200);
      const ready = await fetch(`${orphanBase}/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([
        503,
        { status: 'unavailable', reason: 'the database cannot be reached' },
      ]);
    } finally {
      await close(orphan);
      await unreachable.destroy();
    }
  });

  test('/metrics needs the token when one is set: 401 without or with a wrong one', async () => {
    const none = await fetch(`${base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: TOKEN } })).status).toBe(401);
    const right = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  test('without a token /metrics answers this machine (the address test is metrics-route.test.ts)', async () => {
    const open = createApp({ db: database.db, log: captureLog(() => {}) });
    const openBase = await listen(open);
    try {
      const response = await fetch(`${openBase}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# TYPE rapport_process_resident_memory_bytes gauge');
    } finally {
      await close(open);
    }
  });

  test('procedure latency by procedure and outcome: two checks, one refused call', async () => {
    const before = await metrics();
    const ok = { procedure: 'health.check', type: 'query', outcome: 'ok' };
    const refused = { procedure: 'admin.users.list', type: 'query', outcome: 'unauthorized' };
    await fetch(`${base}/trpc/health.check`);
    await fetch(`${base}/trpc/health.check`);
    await fetch(`${base}/trpc/admin.users.list`);
    const after = await metrics();
    const count = 'rapport_trpc_procedure_duration_seconds_count';
    expect((seriesValue(after, count, ok) ?? 0) - (seriesValue(before, count, ok) ?? 0)).toBe(2);
    expect((seriesValue(after, count, refused) ?? 0) - (seriesValue(before, count, refused) ?? 0)).toBe(1);
    const http = { route: 'trpc', method: 'GET', status: '401' };
    const httpCount = 'rapport_http_request_duration_seconds_count';
    expect((seriesValue(after, httpCount, http) ?? 0) - (seriesValue(before, httpCount, http) ?? 0)).toBe(1);
  });

  test('ingest rates: an upload of three conversations (7 + 7 + 3 turns) and one broken line', async () => {
    const before = await metrics();
    const file = [
      JSON.stringify(voiceCall),
      '{"id": "broken", ',
      JSON.stringify(chat),
      JSON.stringify(email),
    ];
    const response = await fetch(`${base}/uploads?format=jsonl&name=three.jsonl`, {
      method: 'POST',
      headers: { cookie },
      body: file.join('\n'),
    });
    expect(response.status).toBe(200);
    const after = await metrics();
    const change = (name: string) => (seriesValue(after, name) ?? 0) - (seriesValue(before, name) ?? 0);
    expect(change('rapport_ingested_conversations_total')).toBe(3);
    expect(change('rapport_ingested_turns_total')).toBe(17);
    expect(change('rapport_ingest_rejected_records_total')).toBe(1);
  });

  test('read cache lookups: the first read of a page is a miss, the same read again a hit', async () => {
    const cached = createApp({ db: database.db, readCache: new ReadCache(10), log: captureLog(() => {}) });
    const cachedBase = await listen(cached);
    try {
      const before = await metrics();
      const input = encodeURIComponent(JSON.stringify({ teamId: 'billing' }));
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${cachedBase}/trpc/teams.overview?input=${input}`, {
          headers: { cookie },
        });
        expect(response.status).toBe(200);
      }
      const after = await metrics();
      const change = (result: string) =>
        (seriesValue(after, 'rapport_read_cache_lookups_total', { result }) ?? 0) -
        (seriesValue(before, 'rapport_read_cache_lookups_total', { result }) ?? 0);
      expect([change('miss'), change('hit')]).toEqual([1, 1]);
    } finally {
      await close(cached);
    }
  });

  onPostgres("the app's PostgreSQL pool: connections by state", async () => {
    const text = await metrics();
    expect(seriesValue(text, 'rapport_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
    expect(seriesValue(text, 'rapport_db_pool_waiting_queries')).toBe(0);
  });

  test("a proxy's request id is kept and answered, a malformed one replaced; each request logs one line with it", async () => {
    const kept = await fetch(`${base}/trpc/health.check`, { headers: { 'x-request-id': 'proxy-4711-abc' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-4711-abc');
    const replaced = await fetch(`${base}/trpc/health.check`, {
      headers: { 'x-request-id': 'no spaces <>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = logged.find((entry) => entry.requestId === 'proxy-4711-abc');
    expect(line).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/trpc/health.check',
      status: 200,
      msg: expect.stringMatching(/^GET \/trpc\/health\.check 200 \d+ ms$/),
    });
    // The query (tRPC's input: names, text) never reaches the log.
    await fetch(`${base}/trpc/health.check?input=${encodeURIComponent('{"secret":"Sam Lee"}')}`);
    expect(JSON.stringify(logged)).not.toContain('Sam Lee');
  });
});
