import type { Context } from '@rapport/api/context.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { createDemoUsers, DEMO_PASSWORD } from '@rapport/api/demo/users.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { upsertUser } from '@rapport/api/users/users.repository.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { PASSWORD } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

describe.each(DATABASE_KINDS)('demo accounts on %s', (kind) => {
  let database: TestDatabase;
  const anonymous = (demo: boolean, address = '10.9.0.1') =>
    createCaller(
      createContextInner({
        db: database.db,
        demo,
        session: { address, token: null, setToken: () => {} } satisfies Context['session'],
      }),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await createDemoUsers(database.db, 'default');
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('listed only while the demo is on', async () => {
    expect(await anonymous(false).auth.demoAccounts()).toBeNull();
    const listed = await anonymous(true).auth.demoAccounts();
    expect(listed?.password).toBe(DEMO_PASSWORD);
    expect(listed?.accounts.map((a) => a.email)).toContain('admin@rapport.demo');
  });

  test('with the demo off, the published password opens no account', async () => {
    await expect(
      anonymous(false).auth.login({ email: 'admin@rapport.demo', password: DEMO_PASSWORD }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
    await expect(
      anonymous(true, '10.9.0.2').auth.login({ email: 'admin@rapport.demo', password: DEMO_PASSWORD }),
    ).resolves.toEqual({ ok: true });
  });

  test('no longer listed once a real user exists, even with the demo on', async () => {
    await upsertUser(database.db, 'default', { email: 'ops@example.com', role: 'admin', password: PASSWORD });
    expect(await anonymous(true).auth.demoAccounts()).toBeNull();
  });
});
