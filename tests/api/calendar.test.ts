import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

describe.each(DATABASE_KINDS)('dates at every boundary on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('agents.trend at 9999-12-31 is refused at once instead of looping forever', async () => {
    const started = Date.now();
    await expect(
      as('admin').agents.trend({
        agentId: 'a-1',
        metricId: 'responseTimeMs',
        from: '9999-12-31',
        to: '9999-12-31',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/from 2000-01-01 to \d{4}/),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test.each([
    [{ from: '0001-01-01', to: '9999-12-31' }, /expected a date from 2000-01-01/],
    [{ from: '2000-01-01', to: '2026-11-30' }, /at most 1096 days/],
  ])('teams.overview over %o is a clear 400', async (period, message) => {
    await expect(as('admin').teams.overview(period)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(message),
    });
  });

  test('every dated input takes the same range: scorecards, searches, exports, coaching dates', async () => {
    const far = { from: '2026-11-01', to: '9999-12-31' };
    await expect(as('admin').agents.scorecard({ agentId: 'a-1', ...far })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(as('admin').conversations.search(far)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      as('hr').exports.prepare({ kind: 'agents.csv', from: '2000-01-01', to: '2026-11-30' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/at most 1096 days/) });
    await expect(
      as('supervisorBilling').coaching.create({
        agentId: 'a-1',
        focusMetrics: ['responseTimeMs'],
        note: 'Answer sooner.',
        sessionDate: '9999-12-31',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  test('one stored day at 9999-12-31 does not move the default period there', async () => {
    // A rollup row as a database written before ingest checked dates could hold.
    await sql`UPDATE agent_day SET day = '9999-12-31'
      WHERE agent_id = 'a-2' AND day = (SELECT max(day) FROM agent_day WHERE agent_id = 'a-2')`.execute(
      database.db,
    );
    const { rows } = await sql<{ day: string }>`
      SELECT max(day)::text AS day FROM agent_day WHERE day < '9999-01-01'`.execute(database.db);
    const latestReal = rows[0]?.day as string;
    expect(latestReal >= PERIOD.from && latestReal <= PERIOD.to).toBe(true);

    const trend = await as('admin').agents.trend({
      agentId: 'a-1',
      metricId: 'responseTimeMs',
      bucket: 'day',
    });
    expect(trend.period.to).toBe(latestReal);
    expect(trend.points).toHaveLength(30);
    const overview = await as('admin').teams.overview({});
    expect(overview.period.to).toBe(latestReal);
  });
});
