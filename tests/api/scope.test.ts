import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { upsertUser } from '@rapport/api/users/users.repository.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat, mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey, PASSWORD } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * a-1's conversations were stored with team billing; a later one says a-1 now works in orders. The
 * agent's current team decides for scorecards and transcripts alike: the orders supervisor sees all
 * of a-1, old conversations included, the billing supervisor none of it.
 */
describe.each(DATABASE_KINDS)('one scope rule when an agent changes team on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  let ordersLead: SessionUser;
  const as = (user: SessionUser) => createCaller(createContextInner({ db: database.db, user }));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    const moved = { ...chat, id: 'hw-chat-moved', agent: { ...chat.agent, team: 'orders' } };
    await ingest(database.db, parseJsonl(Readable.from([JSON.stringify(moved)])));
    users = await createFixtureUsers(database);
    const row = await upsertUser(database.db, 'default', {
      email: 'lead.orders@example.com',
      role: 'supervisor',
      teamId: 'orders',
      password: PASSWORD,
    });
    ordersLead = { ...users.supervisorBilling, id: row.id, email: row.email, teamId: 'orders' };
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the old team’s supervisor gets neither the scorecard nor the old transcript nor search hits', async () => {
    const billing = as(users.supervisorBilling);
    // Not theirs reads as not there (no id can be probed).
    await expect(billing.agents.scorecard({ ...PERIOD, agentId: 'a-1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(billing.conversations.byId({ id: 'hw-voice-1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const found = await billing.conversations.search({ ...PERIOD });
    expect(found.rows.map((c) => c.agentId)).not.toContain('a-1');
  });

  test('the new team’s supervisor gets the scorecard and every transcript, old ones included', async () => {
    const orders = as(ordersLead);
    expect((await orders.agents.scorecard({ ...PERIOD, agentId: 'a-1' })).agent.id).toBe('a-1');
    expect((await orders.conversations.byId({ id: 'hw-voice-1' })).id).toBe('hw-voice-1');
    const found = await orders.conversations.search({ ...PERIOD, agentId: 'a-1' });
    expect(found.rows.map((c) => c.id)).toEqual(expect.arrayContaining(['hw-voice-1', 'hw-chat-moved']));
  });
});
