import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createSession } from '@rapport/api/auth/sessions.repository.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { createApp } from '@rapport/api/server/app.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, voiceCall } from '../fixtures/hand-worked.ts';
import { count, createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey, PASSWORD } from '../support/users.ts';

async function messageOf(response: Response | undefined): Promise<string | undefined> {
  const body = (await response?.json()) as { error?: { message?: string } } | undefined;
  return body?.error?.message;
}

/** The real server (createApp) on a port of its own, called over HTTP as a browser or an attacker would. */
describe.each(DATABASE_KINDS)('HTTP guards on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  let server: http.Server;
  let base: string;
  let webRoot: string;
  const cookies: Partial<Record<FixtureUserKey, string>> = {};

  const post = (pathname: string, body: string, headers: Record<string, string> = {}, as?: FixtureUserKey) =>
    fetch(`${base}${pathname}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        ...(as ? { cookie: cookies[as] as string } : {}),
        ...headers,
      },
    });
  const signIn = (email: string, password: string) =>
    post('/trpc/auth.login', JSON.stringify({ email, password }));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
    for (const key of ['admin', 'supervisorBilling'] as const) {
      const { token } = await createSession(database.db, users[key]);
      cookies[key] = `rapport_session=${encodeURIComponent(token)}`;
    }
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-web-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'assets/app.js'), 'console.log(1)');
    server = createApp({ db: database.db, webRoot, allowedOrigins: ['https://rapport.example.com'] });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  test('every response carries CSP, frame-ancestors, nosniff, Referrer-Policy and X-Frame-Options', async () => {
    const answers = await Promise.all([
      fetch(`${base}/`),
      fetch(`${base}/agents/a-1`),
      fetch(`${base}/assets/app.js`),
      fetch(`${base}/trpc/health.check`),
      fetch(`${base}/trpc/auth.me`, { headers: { cookie: cookies.admin as string } }),
      post('/uploads?format=jsonl', ''),
      fetch(`${base}/exports/agents.csv?from=2026-11-01&to=2026-11-30`, {
        headers: { cookie: cookies.admin as string },
      }),
    ]);
    for (const answer of answers) {
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp, answer.url).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 401, 200]);
  });

  test('a page on another port cannot upload a forged conversation (text/plain form to /uploads)', async () => {
    const before = await count(database, 'conversations');
    const forged = await post(
      '/uploads?format=jsonl&name=x.jsonl',
      JSON.stringify({ ...voiceCall, id: 'forged' }),
      {
        'content-type': 'text/plain',
        origin: base.replace(/:\d+$/, ':4000'),
      },
      'admin',
    );
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({
      error: 'This upload came from another site or port; it was refused.',
    });
    const bySite = await post(
      '/uploads?format=jsonl&name=x.jsonl',
      JSON.stringify({ ...voiceCall, id: 'forged' }),
      {
        'sec-fetch-site': 'same-site',
      },
      'admin',
    );
    expect(bySite.status).toBe(403);
    const byReferer = await post(
      '/uploads?format=jsonl&name=x.jsonl',
      JSON.stringify({ ...voiceCall, id: 'forged' }),
      {
        referer: 'http://127.0.0.1:4000/evil.html',
      },
      'admin',
    );
    expect(byReferer.status).toBe(403);
    expect(await count(database, 'conversations')).toBe(before);

    // The app's own page, and an origin the operator listed, may.
    const own = await post(
      '/uploads?format=jsonl&name=x.jsonl',
      JSON.stringify({ ...voiceCall, id: 'own' }),
      {
        origin: base,
      },
      'admin',
    );
    expect(own.status).toBe(200);
    const listed = await post(
      '/uploads?format=jsonl&name=x.jsonl',
      JSON.stringify({ ...voiceCall, id: 'listed' }),
      {
        origin: 'https://rapport.example.com',
      },
      'admin',
    );
    expect(listed.status).toBe(200);
  });

  test('tRPC mutations from another origin, or as a form or text/plain, are refused', async () => {
    const note = {
      agentId: 'a-1',
      focusMetrics: ['responseTimeMs'],
      note: 'Forged.',
      sessionDate: '2026-11-20',
    };
    const refusals = await Promise.all([
      post(
        '/trpc/coaching.create',
        JSON.stringify(note),
        { origin: 'http://127.0.0.1:4000' },
        'supervisorBilling',
      ),
      post(
        '/trpc/coaching.create',
        JSON.stringify(note),
        { 'sec-fetch-site': 'cross-site' },
        'supervisorBilling',
      ),
      post(
        '/trpc/coaching.create',
        JSON.stringify(note),
        { 'content-type': 'text/plain' },
        'supervisorBilling',
      ),
      post(
        '/trpc/coaching.create',
        'note=x',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'supervisorBilling',
      ),
      (() => {
        const form = new FormData();
        for (const [k, v] of Object.entries(note)) form.set(k, String(v));
        return fetch(`${base}/trpc/coaching.create`, {
          method: 'POST',
          body: form,
          headers: { cookie: cookies.supervisorBilling as string },
        });
      })(),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 415, 415, 415]);
    expect(await messageOf(refusals[0])).toBe('This request came from another site or port; it was refused.');
    expect(await count(database, 'coaching_sessions')).toBe(0);

    const own = await post(
      '/trpc/coaching.create',
      JSON.stringify(note),
      { origin: base },
      'supervisorBilling',
    );
    expect(own.status).toBe(200);
  });

  test('a body over 1 MB is refused with 413 and a message, declared or chunked; an over-long email is a 400', async () => {
    const big = JSON.stringify({ email: 'admin@example.com', password: 'x'.repeat(2 * 1024 * 1024) });
    const declared = await post('/trpc/auth.login', big);
    expect(declared.status).toBe(413);
    expect(await messageOf(declared)).toMatch(/larger than 1 MB/);

    const chunked = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Readable.toWeb(Readable.from([big.slice(0, 600_000), big.slice(600_000)])) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await messageOf(chunked)).toMatch(/larger than 1 MB/);

    const longEmail = await signIn(`${'a'.repeat(3_000)}@example.com`, 'whatever password');
    expect(longEmail.status).toBe(400);
    expect(await messageOf(longEmail)).toMatch(/email: at most 254 characters/);
    const longPassword = await signIn('admin@example.com', 'x'.repeat(5_000));
    expect(longPassword.status).toBe(400);
  });

  test('NUL and lone surrogates in any string input are a clear 400, never a 500', async () => {
    const note = (text: string) =>
      post(
        '/trpc/coaching.create',
        JSON.stringify({
          agentId: 'a-1',
          focusMetrics: ['responseTimeMs'],
          note: text,
          sessionDate: '2026-11-20',
        }),
        {},
        'supervisorBilling',
      );
    const nul = await note('Answer sooner.\u0000');
    expect(nul.status).toBe(400);
    expect(await messageOf(nul)).toBe('Invalid input: note: must not contain the NUL character (\\u0000)');
    // JSON can carry a lone surrogate ("\ud800"), which PostgreSQL cannot store.
    const surrogate = await note('Answer sooner.\ud800');
    expect(surrogate.status).toBe(400);
    expect(await messageOf(surrogate)).toMatch(/well-formed/);
    const search = await fetch(
      `${base}/trpc/conversations.search?input=${encodeURIComponent(JSON.stringify({ text: 'ab\u0000' }))}`,
      { headers: { cookie: cookies.admin as string } },
    );
    expect(search.status).toBe(400);
    const email = await signIn('admin\u0000@example.com', PASSWORD);
    expect(email.status).toBe(400);
  });

  test('a batch holds at most 10 calls, and sign-in is never batched', async () => {
    const eleven = Array.from({ length: 11 }, () => 'health.check').join(',');
    const input = encodeURIComponent(JSON.stringify({}));
    const tooMany = await fetch(`${base}/trpc/${eleven}?batch=1&input=${input}`);
    expect(tooMany.status).toBe(400);
    expect(await messageOf(tooMany)).toBe('A batch may hold at most 10 calls.');
    const ten = Array.from({ length: 10 }, () => 'health.check').join(',');
    expect((await fetch(`${base}/trpc/${ten}?batch=1&input=${input}`)).status).toBe(200);

    const logins = Object.fromEntries(
      Array.from({ length: 2 }, (_, i) => [i, { email: 'hr@example.com', password: `guess ${i}` }]),
    );
    const batched = await post('/trpc/auth.login,auth.login?batch=1', JSON.stringify(logins));
    expect(batched.status).toBe(400);
    expect(await messageOf(batched)).toMatch(/not in a batch/);
  });

  test('40 parallel wrong passwords and the right one: at most 5 are ever checked', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => signIn('tom@example.com', `wrong guess ${i}`)),
      signIn('tom@example.com', PASSWORD),
    ]);
    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401 || s === 200);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(41 - checked.length);
    expect(statuses.every((s) => s === 401 || s === 200 || s === 429)).toBe(true);
    const refused = answers.find((a) => a.status === 429);
    expect(await messageOf(refused)).toMatch(/Too many sign-in attempts\. Try again in 1[45] minutes\./);
  });
});
