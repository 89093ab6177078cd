import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

const STATE = {
  ...PERIOD,
  channel: 'chat' as const,
  compare: true,
  metrics: ['nonTalkTimeShare' as const, 'responseTimeMs' as const, 'csat' as const],
  sort: 'responseTimeMs:chat',
  descending: true,
};

describe.each(DATABASE_KINDS)('saved overview views on %s', (kind) => {
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

  test('a supervisor saves a view, reopens it as saved and shares it', async () => {
    const supervisor = as('supervisorBilling');
    const { id } = await supervisor.views.save({ name: '  Chat, slowest first ', state: STATE });
    const reopened = await supervisor.views.byId({ id });
    // The name is trimmed; the state comes back as it was saved, key for key.
    expect(reopened).toMatchObject({
      id,
      name: 'Chat, slowest first',
      shared: false,
      mine: true,
      state: STATE,
    });
    // Not shared yet: HR does not see it, not even by id.
    expect((await as('hr').views.list()).map((v) => v.id)).not.toContain(id);
    await expect(as('hr').views.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await supervisor.views.save({ id, name: 'Chat, slowest first', shared: true, state: STATE });
    const seen = (await as('hr').views.list()).find((v) => v.id === id);
    expect(seen).toMatchObject({
      mine: false,
      shared: true,
      ownerEmail: 'lead.billing@example.com',
      state: STATE,
    });
    // HR may not change or delete it.
    await expect(as('hr').views.save({ id, name: 'Mine now', state: {} })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(as('hr').views.remove({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The state opens the overview it describes.
    const { sort: _sort, descending: _descending, ...filters } = STATE;
    const overview = await supervisor.teams.overview(filters);
    expect(overview.columns.map((c) => c.key)).toEqual(['responseTimeMs:chat', 'nonTalkTimeShare', 'csat']);
    expect(overview.previousPeriod).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  test('a second view of the same name is refused and nothing is written', async () => {
    const supervisor = as('supervisorBilling');
    await supervisor.views.save({ name: 'Morning check', state: {} });
    const before = (await supervisor.views.list()).length;
    await expect(
      supervisor.views.save({ name: 'MORNING CHECK', state: { compare: true } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'You already have a view named "MORNING CHECK"; choose another name.',
    });
    expect((await supervisor.views.list()).length).toBe(before);
    // Another person may use the name.
    await expect(as('admin').views.save({ name: 'Morning check', state: {} })).resolves.toMatchObject({
      id: expect.any(Number),
    });
  });

  test.each([
    [{ name: '', state: {} }, /give the view a name/],
    [{ name: 'x'.repeat(81), state: {} }, /at most 80 characters/],
    [{ name: 'Tab\there', state: {} }, /control characters/],
    [{ name: 'Unknown key', state: { colour: 'red' } }, /colour/],
    [
      { name: 'Bad sort', state: { sort: 'loudness' } },
      /expected attention, agent, conversations, review or a column/,
    ],
    [{ name: 'Bad metric', state: { metrics: ['csat', 'csat'] } }, /each metric at most once/],
    [{ name: 'Both', state: { preset: 'last7', from: '2026-11-01' } }, /choose a preset or dates, not both/],
  ])('%o is refused with a clear 400', async (input, message) => {
    await expect(as('admin').views.save(input as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(message),
    });
  });

  test('a supervisor never saves, nor is offered, another team’s view', async () => {
    await expect(
      as('supervisorBilling').views.save({ name: 'Orders', state: { teamId: 'orders' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await as('admin').views.save({
      name: 'Orders, shared',
      shared: true,
      state: { teamId: 'orders' },
    });
    expect((await as('hr').views.list()).map((v) => v.id)).toContain(id);
    expect((await as('supervisorBilling').views.list()).map((v) => v.id)).not.toContain(id);
    await expect(as('supervisorBilling').views.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  test('the owner deletes a view; then it is gone for everyone', async () => {
    const supervisor = as('supervisorBilling');
    const { id } = await supervisor.views.save({ name: 'Short-lived', shared: true, state: {} });
    await expect(supervisor.views.remove({ id })).resolves.toEqual({ removed: true });
    await expect(as('hr').views.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(supervisor.views.remove({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
