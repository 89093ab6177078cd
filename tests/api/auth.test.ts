import { Readable } from 'node:stream';
import { LOGIN_LIMITS, login } from '@rapport/api/auth/login.ts';
import { createSession, userForSession } from '@rapport/api/auth/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, PASSWORD } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

describe.each(DATABASE_KINDS)('sign-in and sessions on %s', (kind) => {
  let database: TestDatabase;
  let users: Awaited<ReturnType<typeof createFixtureUsers>>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the right password opens a session that sets an http-only cookie; a wrong one is refused', async () => {
    const cookies: (string | null)[] = [];
    const caller = createCaller(
      createContextInner({
        db: database.db,
        session: { address: '10.0.0.1', token: null, setToken: (token) => cookies.push(token) },
      }),
    );
    await expect(caller.auth.login({ email: 'ADMIN@example.com', password: 'nope' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Wrong email or password.',
    });
    await expect(caller.auth.login({ email: 'admin@example.com', password: PASSWORD })).resolves.toEqual({
      ok: true,
    });
    expect(cookies).toHaveLength(1);
    const user = await userForSession(database.db, cookies[0] as string);
    expect(user).toMatchObject({ email: 'admin@example.com', role: 'admin' });
  });

  test('a session expires', async () => {
    const now = new Date('2026-11-25T08:00:00Z');
    const { token } = await createSession(database.db, users.hr, now, 60_000);
    expect(await userForSession(database.db, token, new Date(now.getTime() + 59_000))).toMatchObject({
      role: 'hr',
    });
    expect(await userForSession(database.db, token, new Date(now.getTime() + 60_000))).toBeNull();
    // Expired sessions are removed, not just ignored.
    expect(await userForSession(database.db, token, now)).toBeNull();
  });

  test('too many failures for one account are refused, even with the right password', async () => {
    const address = '10.0.0.2';
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      await expect(
        login(database.db, { email: 'tom@example.com', password: 'wrong', address }),
      ).rejects.toMatchObject({
        reason: 'invalid',
      });
    }
    await expect(
      login(database.db, { email: 'tom@example.com', password: PASSWORD, address }),
    ).rejects.toMatchObject({
      reason: 'rate_limited',
    });
    // Another account from another address is not affected.
    await expect(
      login(database.db, { email: 'priya@example.com', password: PASSWORD, address: '10.0.0.3' }),
    ).resolves.toMatchObject({ userId: users.agentA1.id });
    // After the window the account may try again.
    const later = new Date(Date.now() + LOGIN_LIMITS.windowMs + 1_000);
    await expect(
      login(database.db, { email: 'tom@example.com', password: PASSWORD, address, now: later }),
    ).resolves.toMatchObject({ userId: users.agentA2.id });
  });

  test('too many failures from one address are refused for every account', async () => {
    const address = '10.0.0.9';
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      await login(database.db, { email: `nobody${i}@example.com`, password: 'x', address }).catch(() => {});
    }
    await expect(
      login(database.db, { email: 'hr@example.com', password: PASSWORD, address }),
    ).rejects.toMatchObject({
      reason: 'rate_limited',
    });
  });

  test('an address the account signed in from keeps working while the account is attacked from elsewhere', async () => {
    const home = '10.1.0.1';
    await login(database.db, { email: 'lead.billing@example.com', password: PASSWORD, address: home });
    for (let i = 0; i < LOGIN_LIMITS.perAccount + 3; i++) {
      await login(database.db, {
        email: 'lead.billing@example.com',
        password: `guess ${i}`,
        address: `10.2.0.${i}`,
      }).catch(() => {});
    }
    // A new address meets the account's back-off; the supervisor's own address does not.
    await expect(
      login(database.db, { email: 'lead.billing@example.com', password: PASSWORD, address: '10.3.0.1' }),
    ).rejects.toMatchObject({
      reason: 'rate_limited',
      message: expect.stringMatching(/Try again in \d+ minutes?/),
    });
    await expect(
      login(database.db, { email: 'lead.billing@example.com', password: PASSWORD, address: home }),
    ).resolves.toMatchObject({ userId: users.supervisorBilling.id });
  });

  test('behind one shared address, a sprayer does not lock out those who signed in from it before', async () => {
    const proxy = '10.4.0.1';
    await login(database.db, { email: 'admin@example.com', password: PASSWORD, address: proxy });
    for (let i = 0; i < LOGIN_LIMITS.perAddress + 5; i++) {
      await login(database.db, {
        email: `sprayed${i}@example.com`,
        password: 'Winter2026!',
        address: proxy,
      }).catch(() => {});
    }
    await expect(
      login(database.db, { email: 'admin@example.com', password: PASSWORD, address: proxy }),
    ).resolves.toMatchObject({ userId: users.admin.id });
    // Someone who never signed in from there waits out the window.
    await expect(
      login(database.db, { email: 'priya@example.com', password: PASSWORD, address: proxy }),
    ).rejects.toMatchObject({ reason: 'rate_limited' });
  });
});
