import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { METRIC_IDS } from '@rapport/metrics';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedA1, mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

describe.each(DATABASE_KINDS)('dashboard reads on %s', (kind) => {
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

  test('the scorecard carries every metric with value, n, team median and target', async () => {
    const card = await as('agentA1').agents.scorecard(PERIOD);
    expect(card.agent).toEqual({ id: 'a-1', name: 'Priya Nair', teamId: 'billing' });
    expect(card.conversations).toBe(2);
    expect(card.metrics.map((m) => m.id)).toEqual([...METRIC_IDS]);
    const byId = Object.fromEntries(card.metrics.map((m) => [m.id, m]));
    expect(byId.responseTimeMs?.value).toBeCloseTo(expectedA1.responseTimeMs, 9);
    expect(byId.responseTimeMs?.n).toBe(2); // both conversations have gaps
    expect(byId.interruptionsPerConversation?.n).toBe(1); // voice only
    // a-1 is billing's only agent: no teammates, so no team median and nobody to rank against.
    expect(byId.responseTimeMs?.teamMedian).toBeNull();
    expect(byId.responseTimeMs?.teamPeers).toBe(0);
    expect(byId.responseTimeMs?.percentile).toBeNull();
    // Response time per channel, never pooled: voice gaps 300, 0, 300 → 200 ms; chat 60,000 and
    // 150,000 → 105,000 ms; each against its channel's response target (3 s, 60 s).
    expect(byId.responseTimeMs?.byChannel).toMatchObject([
      { channel: 'voice', value: 200, n: 1, target: { direction: 'lower', value: 3_000 } },
      { channel: 'chat', value: 105_000, n: 1, target: { direction: 'lower', value: 60_000 } },
    ]);
    expect(byId.talkRatio?.byChannel).toBeNull();
    // For one channel, the whole card is that channel's.
    const chat = await as('agentA1').agents.scorecard({ ...PERIOD, channel: 'chat' });
    expect(chat.conversations).toBe(1);
    expect(chat.metrics.find((m) => m.id === 'responseTimeMs')).toMatchObject({
      value: 105_000,
      byChannel: null,
    });
    expect(byId.talkRatio?.target).toEqual({ direction: 'lower', value: 0.5 });
    expect(byId.empathyRate?.rule.quote.length).toBeGreaterThan(10);
    // The same number as the CLI's scorecard: one source of truth.
    const cli = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    for (const m of card.metrics) expect(m.value, m.id).toBe(cli.metrics[m.id]);
  });

  test('an agent cannot read another agent’s scorecard, trend, opportunities or conversations', async () => {
    const a2 = as('agentA2');
    const hidden = { code: 'NOT_FOUND', message: 'No agent with id "a-1".' };
    await expect(a2.agents.scorecard({ agentId: 'a-1', ...PERIOD })).rejects.toMatchObject(hidden);
    await expect(a2.agents.trend({ agentId: 'a-1', metricId: 'csat', ...PERIOD })).rejects.toMatchObject(
      hidden,
    );
    await expect(a2.agents.opportunities({ agentId: 'a-1', ...PERIOD })).rejects.toMatchObject(hidden);
    await expect(a2.conversations.byId({ id: 'hw-voice-1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No conversation with id "hw-voice-1".',
    });
    await expect(a2.conversations.search({ agentId: 'a-1', ...PERIOD })).rejects.toMatchObject(hidden);
    await expect(as('admin').conversations.byId({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // An agent's own list holds only themselves.
    expect(await a2.agents.list()).toEqual([{ id: 'a-2', name: 'Tom Berg', teamId: 'orders' }]);
    expect(await a2.conversations.search(PERIOD)).toMatchObject({ total: 1, rows: [{ id: 'hw-email-1' }] });
  });

  test('someone else’s record and one that does not exist get the same answer, so ids cannot be probed', async () => {
    /** The error a call ends in, with the id asked for written as <id>. */
    const answer = (call: Promise<unknown>, id: string | number) =>
      call.then(
        () => 'ok',
        (error: { code?: string; message: string }) =>
          `${error.code}: ${error.message.replace(String(id), '<id>')}`,
      );
    const sameAnswer = async (ask: (id: string) => Promise<unknown>, existing: string, unknown: string) => {
      const [theirs, none] = [await answer(ask(existing), existing), await answer(ask(unknown), unknown)];
      expect(theirs).toMatch(/^NOT_FOUND: /);
      expect(theirs).toBe(none);
    };
    const [a2, supervisor] = [as('agentA2'), as('supervisorBilling')];
    for (const caller of [a2, supervisor]) {
      const other = caller === a2 ? 'a-1' : 'a-2';
      await sameAnswer((agentId) => caller.agents.scorecard({ agentId, ...PERIOD }), other, 'a-404');
      await sameAnswer(
        (agentId) => caller.agents.trend({ agentId, metricId: 'csat', ...PERIOD }),
        other,
        'a-404',
      );
      await sameAnswer((agentId) => caller.coaching.list({ agentId }), other, 'a-404');
      await sameAnswer((agentId) => caller.disputes.list({ agentId }), other, 'a-404');
    }
    await sameAnswer((id) => a2.conversations.byId({ id }), 'hw-voice-1', 'hw-none');
    await sameAnswer((id) => supervisor.conversations.byId({ id }), 'hw-email-1', 'hw-none');
    await sameAnswer(
      (agentId) => supervisor.exports.prepare({ kind: 'review.pdf', ...PERIOD, agentId }),
      'a-2',
      'a-404',
    );
  });

  test('the weekly trend has every week of the period, gaps as null', async () => {
    const { points } = await as('supervisorBilling').agents.trend({
      agentId: 'a-1',
      metricId: 'responseTimeMs',
      ...PERIOD,
    });
    // Weeks (Mondays) touching 1–30 November 2026: 26 Oct, 2, 9, 16, 23 and 30 Nov.
    expect(points.map((p) => p.period)).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    expect(points[1]?.agent).toBeCloseTo(expectedA1.responseTimeMs, 9);
    expect(points[1]?.agentN).toBe(2);
    expect(points.filter((p) => p.agent === null)).toHaveLength(5);
  });

  test('conversation detail holds turns, events and the evidence spans', async () => {
    const detail = await as('agentA1').conversations.byId({ id: 'hw-voice-1' });
    expect(detail.turns).toHaveLength(7);
    const interruption = detail.evidence.find((e) => e.metric === 'interruptionsPerConversation');
    expect(interruption).toMatchObject({ turnIndex: 4, text: 'Let me check that for you.' });
    await expect(as('hr').conversations.byId({ id: 'hw-voice-1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  test('search filters by metric flag, text and channel within the caller’s scope', async () => {
    const supervisor = as('supervisorBilling');
    expect((await supervisor.conversations.search(PERIOD)).rows.map((r) => r.id)).toEqual([
      'hw-chat-1',
      'hw-voice-1',
    ]);
    const interrupted = await supervisor.conversations.search({
      ...PERIOD,
      metric: 'interruptionsPerConversation',
    });
    expect(interrupted.rows.map((r) => r.id)).toEqual(['hw-voice-1']);
    // One interruption in the voice call, as the flag column says.
    expect(interrupted.rows[0]).toMatchObject({
      value: 1,
      customerName: 'Sam Lee',
      flaggedFor: expect.arrayContaining([{ metric: 'interruptionsPerConversation', count: 1 }]),
    });
    // Response time per conversation, slowest first: chat (60,000 + 150,000) / 2 = 105,000 ms,
    // voice (300 + 0 + 300) / 3 = 200 ms; the 90th percentile of each one's own gaps: 150,000 and 300.
    const slowest = await supervisor.conversations.search({ ...PERIOD, metric: 'responseTimeMs' });
    expect(slowest.rows.map((r) => [r.id, r.value])).toEqual([
      ['hw-chat-1', 105_000],
      ['hw-voice-1', 200],
    ]);
    expect(slowest.order).toBe('desc');
    const p90 = await supervisor.conversations.search({
      ...PERIOD,
      metric: 'responseTimeP90Ms',
      order: 'asc',
    });
    expect(p90.rows.map((r) => [r.id, r.value])).toEqual([
      ['hw-voice-1', 300],
      ['hw-chat-1', 150_000],
    ]);
    // Sortable by other columns: by customer name, A to Z (Alex Kim's chat, then Sam Lee's call).
    const byCustomer = await supervisor.conversations.search({ ...PERIOD, sort: 'customer', order: 'asc' });
    expect(byCustomer.rows.map((r) => r.customerName)).toEqual(['Alex Kim', 'Sam Lee']);
    await expect(supervisor.conversations.search({ ...PERIOD, sort: 'value' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Sorting by value needs a metric'),
    });
    const text = await supervisor.conversations.search({ ...PERIOD, text: "ORDER HASN'T" });
    expect(text.rows.map((r) => r.id)).toEqual(['hw-chat-1']);
    // The snippet is the first matching turn (turn 2, "my order hasn't arrived"), the match at 3–15.
    expect(text.rows[0]?.snippet).toEqual({ turnIndex: 2, text: "my order hasn't arrived", match: [3, 15] });
    expect((await supervisor.conversations.search({ ...PERIOD, channel: 'email' })).total).toBe(0);
    await expect(supervisor.conversations.search({ ...PERIOD, teamId: 'orders' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const admin = await as('admin').conversations.search({ ...PERIOD, text: '100%_' });
    expect(admin.total).toBe(0);
  });

  test('the team overview shows durations per channel with each channel’s target, n, weeks and status', async () => {
    const admin = as('admin');
    const all = await admin.teams.overview(PERIOD);
    // The default columns; the response time once per channel with data (a-1 voice and chat, a-2 email).
    expect(all.columns.map((c) => c.key)).toEqual([
      'responseTimeMs:voice',
      'responseTimeMs:chat',
      'responseTimeMs:email',
      'responseWithinTargetRate',
      'interruptionsPerConversation',
      'empathyRate',
      'jargonPer100Words',
      'followUpRate',
      'csat',
      'conversationsPerDay',
    ]);
    const column = (key: string) => all.columns.find((c) => c.key === key);
    // The engine's default response targets: voice 3 s, chat 60 s, email 4 h.
    expect(column('responseTimeMs:chat')).toMatchObject({
      target: { direction: 'lower', value: 60_000 },
      targetSource: 'chat response target',
      // a-1 alone has chat, with 1 conversation: under the peer set's 5, so no team median (the same
      // peer set as the scorecard's, coaching/peers.ts).
      teamMedian: null,
      teamAgents: 0,
      teamMinConversations: 5,
    });
    expect(column('interruptionsPerConversation')?.target).toEqual({ direction: 'lower', value: 0.5 });
    expect(all.queues).toEqual(['billing-en']);
    // The last hand-worked conversation starts on 2026-11-04 (UTC, the organisation's zone).
    expect(all.latestDataDay).toBe('2026-11-04');
    expect(all.weeks).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
    // Nobody has 5 conversations behind a value: no opportunities, so the ranking falls back on names.
    expect(all.agents.map((a) => [a.agentId, a.attention, a.opportunityCount])).toEqual([
      ['a-1', 0, 0],
      ['a-2', 0, 0],
    ]);
    const a1 = all.agents[0]?.cells ?? {};
    // Voice gaps 300, 0, 300 ms: 200 ms, within 3 s. Chat gaps 60 s and 150 s: 105 s, over 60 s.
    expect(a1['responseTimeMs:voice']).toMatchObject({ value: 200, n: 1, status: 'meets', change: null });
    expect(a1['responseTimeMs:voice']?.weekly).toEqual([null, 200, null, null, null, null]);
    expect(a1['responseTimeMs:chat']).toMatchObject({ value: 105_000, n: 1, status: 'misses' });
    expect(a1['responseTimeMs:email']).toMatchObject({ value: null, n: 0, status: 'no data' });
    // 4 of 5 responses within target meets "≥ 80 %" exactly; one interruption in one call misses ≤ 0.5.
    expect(a1.responseWithinTargetRate).toMatchObject({ value: 0.8, n: 2, status: 'meets' });
    expect(a1.interruptionsPerConversation).toMatchObject({ value: 1, n: 1, status: 'misses' });
    // Two conversations on two days.
    expect(a1.conversationsPerDay).toMatchObject({ value: 1, n: 2, status: 'no target' });
    // a-2's one email gap is exactly 4 h: at the email target, which meets it.
    expect(all.agents[1]?.cells['responseTimeMs:email']).toMatchObject({
      value: 14_400_000,
      status: 'meets',
    });
    // The chart: response times per channel and week, never pooled.
    expect(all.weekly.map((w) => [w.week, w.channel, w.responseTimeMs]).sort()).toEqual([
      ['2026-11-02', 'chat', 105_000],
      ['2026-11-02', 'email', 14_400_000],
      ['2026-11-02', 'voice', 200],
    ]);

    // Voice only: one column for the response time, with the voice target, and only a-1's call.
    const voice = await admin.teams.overview({
      ...PERIOD,
      channel: 'voice',
      metrics: ['responseTimeMs', 'talkRatio'],
    });
    expect(voice.columns.map((c) => [c.key, c.target?.value ?? null])).toEqual([
      ['responseTimeMs:voice', 3_000],
      ['talkRatio', 0.5],
    ]);
    expect(
      voice.agents.map((a) => [a.agentId, a.conversations, a.cells['responseTimeMs:voice']?.value]),
    ).toEqual([['a-1', 1, 200]]);
    // Agent talk 5,500 ms of 12,600 ms.
    expect(voice.agents[0]?.cells.talkRatio?.value).toBeCloseTo(5500 / 12600, 12);
    const queue = await admin.teams.overview({ ...PERIOD, queue: 'billing-en' });
    expect(queue.agents.map((a) => [a.agentId, a.conversations])).toEqual([['a-1', 1]]);

    // A supervisor is offered only their own team.
    expect((await as('supervisorBilling').teams.overview(PERIOD)).teams.map((t) => t.id)).toEqual([
      'billing',
    ]);
  });

  test.each([
    [{ preset: 'last7', from: '2026-11-01' }, /choose a preset or dates, not both/],
    [{ ...PERIOD, metrics: ['csat', 'csat'] }, /each metric at most once/],
    [{ ...PERIOD, metrics: [] }, /choose at least one metric/],
    [{ ...PERIOD, metrics: ['nonsense'] }, /metrics/],
    [{ preset: 'yesterday' }, /preset/],
  ])('teams.overview refuses %o with a clear 400', async (input, message) => {
    await expect(as('admin').teams.overview(input as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(message),
    });
  });

  test('with fewer than 5 conversations behind every value, nothing is flagged for coaching', async () => {
    expect((await as('admin').agents.opportunities({ agentId: 'a-1', ...PERIOD })).opportunities).toEqual([]);
  });
});
