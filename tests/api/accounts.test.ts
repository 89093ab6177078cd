import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createSession, userForSession } from '@rapport/api/auth/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

describe.each(DATABASE_KINDS)('accounts on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  /** The admin, calling with the session `token` as its cookie. */
  const admin = (token: string | null = null) =>
    createCaller(
      createContextInner({
        db: database.db,
        user: users.admin,
        session: { address: '10.0.0.1', token, setToken: () => {} },
      }),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test.each([
    ['12345678', 'password: a password needs at least 12 characters'],
    ['        ', 'password: a password needs at least 12 characters'],
    ['1qaz2wsx3edc', 'password: this password is on the list of the most common passwords; choose another'],
  ])('a password such as %j is refused with its reason', async (password, message) => {
    await expect(
      admin().admin.users.upsert({ email: 'new@example.com', role: 'hr', password }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message });
  });

  test('a new password ends every other session of that user', async () => {
    const first = await createSession(database.db, users.agentA1);
    const second = await createSession(database.db, users.agentA1);
    const bystander = await createSession(database.db, users.agentA2);
    await admin().admin.users.upsert({
      email: 'priya@example.com',
      role: 'agent',
      agentId: 'a-1',
      teamId: 'billing',
      password: 'a brand new passphrase',
    });
    expect(await userForSession(database.db, first.token)).toBeNull();
    expect(await userForSession(database.db, second.token)).toBeNull();
    expect(await userForSession(database.db, bystander.token)).toMatchObject({ email: 'tom@example.com' });

    // Without a new password the sessions stay.
    const third = await createSession(database.db, users.agentA1);
    await admin().admin.users.upsert({
      email: 'priya@example.com',
      role: 'agent',
      agentId: 'a-1',
      teamId: 'billing',
    });
    expect(await userForSession(database.db, third.token)).toMatchObject({ email: 'priya@example.com' });
  });

  test('an admin changing their own password stays signed in here and is signed out elsewhere', async () => {
    const here = await createSession(database.db, users.admin);
    const elsewhere = await createSession(database.db, users.admin);
    await admin(here.token).admin.users.upsert({
      email: 'admin@example.com',
      role: 'admin',
      password: 'another long passphrase',
    });
    expect(await userForSession(database.db, here.token)).toMatchObject({ email: 'admin@example.com' });
    expect(await userForSession(database.db, elsewhere.token)).toBeNull();
  });

  test('users are tied only to agents and teams that exist', async () => {
    await expect(
      admin().admin.users.upsert({
        email: 'ghost@example.com',
        role: 'agent',
        agentId: 'a-404',
        teamId: 'billing',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'agentId: there is no agent "a-404"; ingest their conversations first',
    });
    await expect(
      admin().admin.users.upsert({ email: 'ghost@example.com', role: 'supervisor', teamId: 'nowhere' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'teamId: there is no team "nowhere"; create it first',
    });
    const existing = await admin().admin.users.upsert({
      email: 'lead.orders@example.com',
      role: 'supervisor',
      teamId: 'orders',
    });
    expect(existing).toMatchObject({ teamId: 'orders' });
    expect((await admin().admin.users.list()).map((u) => u.email)).not.toContain('ghost@example.com');
  });
});
