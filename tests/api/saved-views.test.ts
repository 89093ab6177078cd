import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import type { TRPCError } from '@trpc/server';
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
    const { id } = await supervisor.views.save({
      kind: 'overview',
      name: '  Chat, slowest first ',
      state: STATE,
    });
    const reopened = await supervisor.views.byId({ kind: 'overview', id });
    // The name is trimmed; the state comes back as it was saved, key for key.
    expect(reopened).toMatchObject({
      id,
      name: 'Chat, slowest first',
      shared: false,
      mine: true,
      state: STATE,
    });
    // Not shared yet: HR does not see it, not even by id.
    expect((await as('hr').views.list({ kind: 'overview' })).map((v) => v.id)).not.toContain(id);
    await expect(as('hr').views.byId({ kind: 'overview', id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await supervisor.views.save({
      kind: 'overview',
      id,
      name: 'Chat, slowest first',
      shared: true,
      state: STATE,
    });
    const seen = (await as('hr').views.list({ kind: 'overview' })).find((v) => v.id === id);
    expect(seen).toMatchObject({
      mine: false,
      shared: true,
      ownerEmail: 'lead.billing@example.com',
      state: STATE,
    });
    // HR may not change or delete it.
    await expect(
      as('hr').views.save({ kind: 'overview', id, name: 'Mine now', state: {} }),
    ).rejects.toMatchObject({
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
    await supervisor.views.save({ kind: 'overview', name: 'Morning check', state: {} });
    const before = (await supervisor.views.list({ kind: 'overview' })).length;
    await expect(
      supervisor.views.save({ kind: 'overview', name: 'MORNING CHECK', state: { compare: true } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'You already have a view named "MORNING CHECK"; choose another name.',
    });
    expect((await supervisor.views.list({ kind: 'overview' })).length).toBe(before);
    // Another person may use the name.
    await expect(
      as('admin').views.save({ kind: 'overview', name: 'Morning check', state: {} }),
    ).resolves.toMatchObject({
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
    await expect(as('admin').views.save({ kind: 'overview', ...input } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(message),
    });
  });

  test('a supervisor never saves, nor is offered, another team’s view', async () => {
    await expect(
      as('supervisorBilling').views.save({ kind: 'overview', name: 'Orders', state: { teamId: 'orders' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await as('admin').views.save({
      kind: 'overview',
      name: 'Orders, shared',
      shared: true,
      state: { teamId: 'orders' },
    });
    expect((await as('hr').views.list({ kind: 'overview' })).map((v) => v.id)).toContain(id);
    expect((await as('supervisorBilling').views.list({ kind: 'overview' })).map((v) => v.id)).not.toContain(
      id,
    );
    await expect(as('supervisorBilling').views.byId({ kind: 'overview', id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  test('the owner deletes a view; then it is gone for everyone', async () => {
    const supervisor = as('supervisorBilling');
    const { id } = await supervisor.views.save({
      kind: 'overview',
      name: 'Short-lived',
      shared: true,
      state: {},
    });
    await expect(supervisor.views.remove({ id })).resolves.toEqual({ removed: true });
    await expect(as('hr').views.byId({ kind: 'overview', id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(supervisor.views.remove({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** A view the client narrows to a search view, as the search page does. */
function searchView<V extends { kind: string }>(view: V): Extract<V, { kind: 'search' }> {
  if (view.kind !== 'search') throw new Error(`expected a search view, got ${view.kind}`);
  return view as Extract<V, { kind: 'search' }>;
}

/** A search a supervisor of billing runs: "sorry" in November, oldest first. */
const SEARCH = { ...PERIOD, text: 'sorry', sort: 'started' as const, order: 'asc' as const };

describe.each(DATABASE_KINDS)('saved search views on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));
  const ids = (result: { rows: { id: string }[] }) => result.rows.map((r) => r.id);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('a supervisor saves a search, reopens it key for key and it finds the same conversations', async () => {
    const supervisor = as('supervisorBilling');
    const { id } = await supervisor.views.save({
      kind: 'search',
      name: 'Apologies',
      // The search's own rules apply: its text is trimmed as the search trims it.
      state: { ...SEARCH, text: '  sorry ' },
    });
    const reopened = searchView(await supervisor.views.byId({ kind: 'search', id }));
    expect(reopened).toMatchObject({ id, kind: 'search', name: 'Apologies', shared: false, mine: true });
    expect(reopened.state).toEqual(SEARCH);
    // "sorry" is in a-1's voice call (Nov 2) and chat (Nov 3), both billing's, and in a-2's email
    // (orders), which the billing supervisor does not read: two rows, the call first.
    const found = await supervisor.conversations.search(reopened.state);
    expect(found.total).toBe(2);
    expect(ids(found)).toEqual(['hw-voice-1', 'hw-chat-1']);
  });

  test('views are listed per kind, and one page never opens another’s view', async () => {
    const supervisor = as('supervisorBilling');
    // Names are unique per kind: an overview and a search may share one.
    const overview = await supervisor.views.save({
      kind: 'overview',
      name: 'Monday',
      state: { compare: true },
    });
    const search = await supervisor.views.save({
      kind: 'search',
      name: 'Monday',
      state: { channel: 'chat' },
    });
    const listed = async (k: 'overview' | 'search') =>
      (await supervisor.views.list({ kind: k })).map((v) => v.id);
    expect(await listed('search')).toContain(search.id);
    expect(await listed('search')).not.toContain(overview.id);
    expect(await listed('overview')).toContain(overview.id);
    expect(await listed('overview')).not.toContain(search.id);
    await expect(supervisor.views.byId({ kind: 'overview', id: search.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(supervisor.views.byId({ kind: 'search', id: overview.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Saving over an id of the other kind would change what the view is: it is not found instead.
    await expect(
      supervisor.views.save({ kind: 'search', id: overview.id, name: 'Monday', state: {} }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await supervisor.views.byId({ kind: 'overview', id: overview.id })).state).toEqual({
      compare: true,
    });
  });

  test.each([
    [{ text: 'a' }, ['state', 'text'], /^Search for at least 2 characters\.$/],
    [{ sort: 'value' }, ['state', 'sort'], /^Sorting by value needs a metric: choose one\.$/],
    [{ flagged: true }, ['state', 'flagged'], /^Only flagged conversations needs a metric/],
    [{ sort: 'loudness' }, ['state', 'sort'], /expected one of "started"\|"agent"/],
    [{ channel: 'fax' }, ['state', 'channel'], /expected one of "voice"\|"chat"\|"email"/],
    [{ from: '2026-13-01' }, ['state', 'from'], /./],
    [{ metric: 'loudness' }, ['state', 'metric'], /expected one of/],
    // The page of results is not part of a view, nor are the overview's keys.
    [{ offset: 25 }, ['state'], /^Unrecognized key: "offset"$/],
    [{ compare: true }, ['state'], /^Unrecognized key: "compare"$/],
  ])(
    'search state %o is refused with a 400 that names %o, and nothing is written',
    async (state, path, message) => {
      const supervisor = as('supervisorBilling');
      const before = (await supervisor.views.list({ kind: 'search' })).length;
      const error = await supervisor.views
        .save({ kind: 'search', name: `Bad ${JSON.stringify(state)}`, state } as never)
        .then(
          () => null,
          (e: unknown) => e as TRPCError,
        );
      expect(error?.code).toBe('BAD_REQUEST');
      // The issues the client reads as "state.text: Search for at least 2 characters." (trpc.ts).
      expect((error?.cause as { issues?: unknown } | undefined)?.issues).toEqual([
        expect.objectContaining({ path, message: expect.stringMatching(message) }),
      ]);
      expect((await supervisor.views.list({ kind: 'search' })).length).toBe(before);
    },
  );

  test('search views are for supervisors and admins, each held to what their search may read', async () => {
    for (const key of ['hr', 'agentA1'] as const) {
      await expect(as(key).views.list({ kind: 'search' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(as(key).views.save({ kind: 'search', name: 'Mine', state: {} })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(as('hr').views.list({ kind: 'search' })).rejects.toMatchObject({
      message: 'Saved search views need the supervisor or admin role.',
    });
    const supervisor = as('supervisorBilling');
    // Another team, or an agent of another team, is refused as the search refuses it.
    await expect(
      supervisor.views.save({ kind: 'search', name: 'Orders', state: { teamId: 'orders' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      supervisor.views.save({ kind: 'search', name: 'Tom', state: { agentId: 'a-2' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No agent with id "a-2".' });

    const admin = as('admin');
    const tom = await admin.views.save({
      kind: 'search',
      name: 'Tom',
      shared: true,
      state: { agentId: 'a-2' },
    });
    const everyone = await admin.views.save({
      kind: 'search',
      name: 'Sorry, all',
      shared: true,
      state: SEARCH,
    });
    const offered = await supervisor.views.list({ kind: 'search' });
    // A shared search of an agent the supervisor does not coach is neither offered nor opened.
    expect(offered.map((v) => v.id)).not.toContain(tom.id);
    await expect(supervisor.views.byId({ kind: 'search', id: tom.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // One without an agent or team is; it reads what the viewer may read: the admin all three
    // conversations with "sorry", the supervisor their team's two.
    expect(offered.find((v) => v.id === everyone.id)).toMatchObject({
      mine: false,
      shared: true,
      ownerEmail: 'admin@example.com',
      state: SEARCH,
    });
    expect(ids(await admin.conversations.search(SEARCH))).toEqual(['hw-voice-1', 'hw-chat-1', 'hw-email-1']);
    const opened = searchView(await supervisor.views.byId({ kind: 'search', id: everyone.id }));
    expect(ids(await supervisor.conversations.search(opened.state))).toEqual(['hw-voice-1', 'hw-chat-1']);
    // Only its owner (or an admin) changes or deletes it.
    await expect(
      supervisor.views.save({ kind: 'search', id: everyone.id, name: 'Mine now', state: {} }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(supervisor.views.remove({ id: everyone.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
