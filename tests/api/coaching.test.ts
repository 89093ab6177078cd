import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat, mixedFile } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * Beside the hand-worked fixture, a-1 gets six short chats in the days before the session on
 * 10 November that never thank the customer (4–9 Nov) and six after it that do (11–16 Nov).
 * thankRate before (13 Oct – 9 Nov): hw-voice-1 0, hw-chat-1 1 ("Thanks, I found it."), six 0 → 1/8;
 * after (11–16 Nov, clipped at the latest day with data): 6/6.
 */
const SESSION_DATE = '2026-11-10';
function shortChat(id: string, day: string, agentText: string) {
  return {
    ...chat,
    id,
    startedAt: `${day}T10:00:00Z`,
    endedAt: `${day}T10:05:00Z`,
    turns: [
      { speaker: 'customer', text: 'My card was declined.', startMs: 0 },
      { speaker: 'agent', text: agentText, startMs: 30_000 },
    ],
  };
}
const extraChats = [4, 5, 6, 7, 8, 9]
  .map((d) => shortChat(`cs-before-${d}`, `2026-11-0${d}`, 'Let me look at the payment.'))
  .concat(
    [11, 12, 13, 14, 15, 16].map((d) =>
      shortChat(`cs-after-${d}`, `2026-11-${d}`, 'Thanks for waiting, the payment went through.'),
    ),
  );

describe.each(DATABASE_KINDS)('coaching sessions on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  let sessionId: number;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    await ingest(
      database.db,
      parseJsonl(Readable.from([extraChats.map((c) => JSON.stringify(c)).join('\n')])),
    );
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the billing supervisor creates a session for a-1', async () => {
    const session = await as('supervisorBilling').coaching.create({
      agentId: 'a-1',
      focusMetrics: ['thankRate', 'interruptionsPerConversation'],
      note: 'Thank the customer before closing; let them finish before answering.',
      sessionDate: SESSION_DATE,
    });
    expect(session).toMatchObject({
      agentId: 'a-1',
      agentName: 'Priya Nair',
      teamId: 'billing',
      focusMetrics: ['thankRate', 'interruptionsPerConversation'],
      sessionDate: SESSION_DATE,
      createdBy: 'lead.billing@example.com',
      acknowledgedAt: null,
    });
    sessionId = session.id;
  });

  test('a supervisor cannot coach another team’s agent; agents and HR cannot coach at all', async () => {
    const input = { agentId: 'a-2', focusMetrics: ['csat' as const], note: 'x', sessionDate: SESSION_DATE };
    // Another team's agent reads as no agent at all, so ids cannot be probed.
    await expect(as('supervisorBilling').coaching.create(input)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No agent with id "a-2".',
    });
    await expect(as('agentA1').coaching.create({ ...input, agentId: 'a-1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(as('hr').coaching.create(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as('admin').coaching.create({ ...input, agentId: 'nobody' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  test.each([
    ['no focus metric', { focusMetrics: [] }],
    [
      'six focus metrics',
      {
        focusMetrics: ['csat', 'thankRate', 'empathyRate', 'talkRatio', 'jargonPer100Words', 'argumentRate'],
      },
    ],
    ['a repeated focus metric', { focusMetrics: ['csat', 'csat'] }],
    ['an unknown metric', { focusMetrics: ['niceness'] }],
    ['an empty note', { note: '   ' }],
    ['an impossible date', { sessionDate: '2026-02-30' }],
  ])('a session with %s is refused', async (_what, change) => {
    const input = { agentId: 'a-1', focusMetrics: ['csat'], note: 'x', sessionDate: SESSION_DATE, ...change };
    await expect(as('admin').coaching.create(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  test('a-1 sees the session with its note; a-2 does not; HR sees it without the note', async () => {
    const own = await as('agentA1').coaching.list();
    expect(own.map((s) => s.id)).toEqual([sessionId]);
    expect(own[0]?.note).toMatch(/^Thank the customer/);
    expect(await as('supervisorBilling').coaching.list()).toHaveLength(1);
    expect(await as('admin').coaching.list({ agentId: 'a-1' })).toHaveLength(1);
    expect(await as('agentA2').coaching.list()).toEqual([]);
    await expect(as('agentA2').coaching.list({ agentId: 'a-1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const hr = await as('hr').coaching.list();
    expect(hr).toMatchObject([
      { id: sessionId, focusMetrics: ['thankRate', 'interruptionsPerConversation'] },
    ]);
    expect(hr[0]?.note).toBeNull();
  });

  test('only a-1 acknowledges, once', async () => {
    await expect(as('agentA2').coaching.acknowledge({ id: sessionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `No coaching session ${sessionId}.`,
    });
    await expect(as('supervisorBilling').coaching.acknowledge({ id: sessionId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const acknowledged = await as('agentA1').coaching.acknowledge({ id: sessionId });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    await expect(as('agentA1').coaching.acknowledge({ id: sessionId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(as('agentA1').coaching.acknowledge({ id: 999_999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const [listed] = await as('supervisorBilling').coaching.list();
    expect(listed?.acknowledgedAt).toBe(acknowledged.acknowledgedAt);
  });

  test('impact: each focus metric before and after the session, with n and the noise test', async () => {
    const impact = await as('supervisorBilling').coaching.impact({ id: sessionId });
    expect(impact).toMatchObject({ sessionId, sessionDate: SESSION_DATE, latestDay: '2026-11-16' });
    const [thanks, interruptions] = impact.metrics;
    expect(thanks).toMatchObject({
      metricId: 'thankRate',
      better: 'higher',
      before: { from: '2026-10-13', to: '2026-11-09', days: 28, value: 1 / 8, n: 8 },
      after: { from: '2026-11-11', to: '2026-11-16', days: 6, value: 1, n: 6 },
      significant: true,
      verdict: 'improved',
    });
    expect(thanks?.difference).toBeCloseTo(7 / 8, 12);
    // The before resample holds k thanked chats of 8, k ~ Binomial(8, 1/8): P(k = 0) ≈ 0.34 puts the
    // upper bound at 1 − 0; P(k ≥ 4) ≈ 0.014 < 2.5 % < P(k ≥ 3) ≈ 0.067 puts the lower one at 1 − 3/8.
    expect(thanks?.interval).toEqual({ low: 0.625, high: 1 });
    // Voice only: one call before, none after. No value is null, never 0, and nothing is claimed.
    expect(interruptions).toMatchObject({
      metricId: 'interruptionsPerConversation',
      before: { value: 1, n: 1 },
      after: { value: null, n: 0 },
      difference: null,
      interval: null,
      significant: false,
      verdict: 'no clear change',
    });
    // The same numbers as the scorecard over the same days.
    const card = await as('agentA1').agents.scorecard({ from: '2026-10-13', to: '2026-11-09' });
    expect(card.metrics.find((m) => m.id === 'thankRate')).toMatchObject({ value: 1 / 8, n: 8 });
    // Stable across reads: the resampling is seeded by the session.
    expect(await as('agentA1').coaching.impact({ id: sessionId })).toEqual(impact);
  });

  test('impact with a shorter window, and who may read it', async () => {
    const week = await as('hr').coaching.impact({ id: sessionId, days: 7 });
    expect(week.metrics[0]).toMatchObject({
      before: { from: '2026-11-03', to: '2026-11-09', n: 7 },
      after: { from: '2026-11-11', to: '2026-11-16', n: 6 },
    });
    await expect(as('agentA2').coaching.impact({ id: sessionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `No coaching session ${sessionId}.`,
    });
    await expect(as('admin').coaching.impact({ id: 999_999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No coaching session 999999.',
    });
  });
});
