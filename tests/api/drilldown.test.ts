import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { loadDemo } from '@rapport/api/demo/load.ts';
import { agentPeriods, reviewPacket } from '@rapport/api/exports/exports.repository.ts';
import { openExport } from '@rapport/api/exports/open-export.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { upsertUser } from '@rapport/api/users/users.repository.ts';
import { demoRoster } from '@rapport/demo/roster.ts';
import { coachingDirection, METRICS } from '@rapport/metrics';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';

const createCaller = createCallerFactory(appRouter);

/** The demo's six months, all of them: every agent has a value for nearly every metric. */
const DEMO_PERIOD = { from: '2026-05-20', to: '2026-11-19' };
const CONVERSATIONS = 1_200;

/**
 * Drill-down on demo-like data: for every metric of the registry, a scorecard card whose value is not
 * null opens a non-empty list of the conversations behind it, each with its own value, the worst first;
 * and a time metric's card per channel opens that channel's conversations.
 */
describe.each(DATABASE_KINDS)('drill-down from every scorecard number on %s', (kind) => {
  let database: TestDatabase;
  let supervisor: SessionUser;
  let agentId: string;
  const caller = () => createCaller(createContextInner({ db: database.db, user: supervisor }));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await loadDemo(database.db, 'default', { conversations: CONVERSATIONS });
    // The busiest agent of the demo, read from the data rather than assumed.
    const busiest = await database.db
      .selectFrom('conversations as c')
      .innerJoin('agents as a', (j) =>
        j.onRef('a.organisation_id', '=', 'c.organisation_id').onRef('a.id', '=', 'c.agent_id'),
      )
      .select(['c.agent_id', 'a.team_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['c.agent_id', 'a.team_id'])
      .orderBy('n', 'desc')
      .orderBy('c.agent_id')
      .executeTakeFirstOrThrow();
    agentId = busiest.agent_id;
    const row = await upsertUser(database.db, 'default', {
      email: 'lead.drilldown@example.com',
      role: 'supervisor',
      teamId: busiest.team_id ?? undefined,
      password: 'a long test password',
    });
    supervisor = {
      id: row.id,
      organisationId: 'default',
      email: row.email,
      role: 'supervisor',
      teamId: row.team_id,
      agentId: null,
    };
  }, 180_000);
  afterAll(async () => {
    await database?.drop();
  });

  test('every metric with a value lists its conversations, each with its own value, worst first', async () => {
    const card = await caller().agents.scorecard({ agentId, ...DEMO_PERIOD });
    const withValue = card.metrics.filter((m) => m.value !== null);
    // The demo gives this agent a value for all but a few metrics; the loop below covers each.
    expect(withValue.length).toBeGreaterThanOrEqual(METRICS.length - 3);
    for (const metric of withValue) {
      const found = await caller().conversations.search({
        agentId,
        metric: metric.id,
        ...DEMO_PERIOD,
        limit: 200,
      });
      expect(found.total, metric.id).toBeGreaterThan(0);
      // Every listed conversation has its own value of the metric...
      const values = found.rows.map((r) => r.value);
      expect(
        values.every((v) => v !== null && Number.isFinite(v)),
        metric.id,
      ).toBe(true);
      // ...sorted so that the ones that pulled the value the wrong way come first.
      const worse = coachingDirection(metric.id) === 'higher' ? 'asc' : 'desc';
      expect(found.order, metric.id).toBe(worse);
      const sorted = [...(values as number[])].sort((a, b) => (worse === 'asc' ? a - b : b - a));
      expect(values, metric.id).toEqual(sorted);
      if (metric.id !== 'conversationsPerDay' && metric.id !== 'responseTimeP90Ms' && found.total <= 200) {
        // A ratio metric over one unit per conversation: its period value is the mean of the rows'
        // values exactly when each conversation weighs the same; at least it lies between them.
        const list = values as number[];
        expect(metric.value, metric.id).toBeGreaterThanOrEqual(Math.min(...list) - 1e-9);
        expect(metric.value, metric.id).toBeLessThanOrEqual(Math.max(...list) + 1e-9);
      }
      // n is the number of conversations behind the value: the drill-down lists exactly those.
      if (metric.id !== 'conversationsPerDay') expect(found.total, metric.id).toBe(metric.n);
    }
  });

  test('conversations per active day lists every conversation with its day’s count, busiest first', async () => {
    const card = await caller().agents.scorecard({ agentId, ...DEMO_PERIOD });
    const perDay = card.metrics.find((m) => m.id === 'conversationsPerDay');
    const found = await caller().conversations.search({
      agentId,
      metric: 'conversationsPerDay',
      ...DEMO_PERIOD,
      limit: 200,
    });
    expect(found.total).toBe(card.conversations);
    // Each row carries how many conversations the agent had that day: count them from the rows.
    const all = await caller().conversations.search({ agentId, ...DEMO_PERIOD, limit: 200 });
    const byDay = new Map<string, number>();
    for (const r of all.rows)
      byDay.set(r.startedAt.slice(0, 10), (byDay.get(r.startedAt.slice(0, 10)) ?? 0) + 1);
    for (const r of found.rows) expect(r.value).toBe(byDay.get(r.startedAt.slice(0, 10)));
    // The period value is conversations / active days: the mean over days of the day counts.
    const days = [...byDay.values()];
    expect(perDay?.value).toBeCloseTo(days.reduce((a, b) => a + b, 0) / days.length, 9);
  });

  test('time metrics come per channel, and each channel’s card drills to that channel only', async () => {
    const card = await caller().agents.scorecard({ agentId, ...DEMO_PERIOD });
    const response = card.metrics.find((m) => m.id === 'responseTimeMs');
    const channels = response?.byChannel ?? [];
    expect(channels.map((c) => c.channel)).toEqual(['voice', 'chat', 'email']);
    for (const c of channels) {
      // The channel's own target: the organisation's response target (defaults 3 s, 60 s, 4 h).
      expect(c.target).toEqual({
        direction: 'lower',
        value: { voice: 3_000, chat: 60_000, email: 14_400_000 }[c.channel],
      });
      const found = await caller().conversations.search({
        agentId,
        metric: 'responseTimeMs',
        channel: c.channel,
        ...DEMO_PERIOD,
        limit: 200,
      });
      expect(found.total).toBe(c.n);
      expect(new Set(found.rows.map((r) => r.channel))).toEqual(new Set([c.channel]));
      // The one-channel scorecard reads the same number as the split card.
      const one = await caller().agents.scorecard({ agentId, channel: c.channel, ...DEMO_PERIOD });
      expect(one.metrics.find((m) => m.id === 'responseTimeMs')?.value).toBeCloseTo(c.value ?? Number.NaN, 6);
    }
    // Voice answers in seconds and email in hours: the channels really differ.
    const voice = channels.find((c) => c.channel === 'voice')?.value ?? 0;
    const email = channels.find((c) => c.channel === 'email')?.value ?? 0;
    expect(email).toBeGreaterThan(100 * voice);
  });

  test('the card’s team median is the opportunity’s and the export’s: one peer set', async () => {
    const card = await caller().agents.scorecard({ agentId, ...DEMO_PERIOD });
    const [exported] = await agentPeriods(database.db, {
      organisationId: 'default',
      kind: 'agents.csv',
      ...DEMO_PERIOD,
      teamId: undefined,
      agentId,
      coachingNotes: false,
    });
    for (const metric of card.metrics) {
      expect(exported?.teamMedians[metric.id], metric.id).toEqual({
        median: metric.teamMedian,
        peers: metric.teamPeers,
        minConversations: 5,
      });
    }
    // A team of ten: nine teammates at most, the agent left out.
    expect(Math.max(...card.metrics.map((m) => m.teamPeers))).toBe(9);
    const { opportunities } = await caller().agents.opportunities({ agentId, ...DEMO_PERIOD });
    expect(opportunities.length).toBeGreaterThan(0);
    for (const o of opportunities) {
      // A time metric's opportunity is one channel's, beside that channel's card line.
      const metric = card.metrics.find((m) => m.id === o.metricId);
      const standing = o.channel === null ? metric : metric?.byChannel?.find((c) => c.channel === o.channel);
      expect(o.teamMedian, o.label).toBe(standing?.teamMedian);
      expect(o.peerCount, o.label).toBe(standing?.teamPeers);
    }
  });

  test('the PDF packet holds the opportunities with their evidence, team lines and the definitions', async () => {
    const scope = {
      organisationId: 'default',
      kind: 'review.pdf' as const,
      ...DEMO_PERIOD,
      teamId: undefined,
      agentId,
      coachingNotes: true,
    };
    const { opportunities } = await caller().agents.opportunities({ agentId, ...DEMO_PERIOD });
    const chunks: Buffer[] = [];
    const stream = await openExport(database.db, scope, {});
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    const parser = new PDFParse({ data: Buffer.concat(chunks) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('Coaching opportunities');
    expect(text).toContain('metric definitions v2');
    expect(text).toContain('Dashed line: the team median of the week');
    // The scorecard page's ranking, in its order, each with its peer set in words.
    const first = opportunities[0];
    expect(text).toContain(`1. ${first?.label}:`);
    expect(text).toMatch(/median of \d teammates with at least 5 conversations/);
    // The first quoted piece of evidence, as the scorecard quotes it (short quotes are never cut).
    const quote = opportunities.flatMap((o) => o.evidence).find((e) => e.text && e.text.length < 40)?.text;
    if (quote) expect(text).toContain(`"${quote.replace(/\s+/g, ' ')}"`);
    // Every trend draws the team line of the scorecard's own trend: the same weekly peer medians.
    const packet = await reviewPacket(database.db, scope, new Date('2026-12-01T00:00:00Z'));
    for (const trend of packet.sections[0]?.trends ?? []) {
      // A time metric's chart is one channel's, beside the scorecard's trend for that channel.
      const page = await caller().agents.trend({
        agentId,
        metricId: trend.metric,
        bucket: 'week',
        ...DEMO_PERIOD,
        channel: trend.channel ?? undefined,
      });
      expect(
        trend.points.map((p) => p.team),
        trend.metric,
      ).toEqual(page.points.map((p) => p.team));
    }
    expect(packet.sections[0]?.opportunities.map((o) => o.label)).toEqual(opportunities.map((o) => o.label));
    // Response time is charted per channel the agent answers on, never pooled.
    expect(
      packet.sections[0]?.trends.filter((t) => t.metric === 'responseTimeMs').map((t) => t.channel),
    ).toEqual(['voice', 'chat', 'email']);
    const rows = packet.sections[0]?.scorecard.filter((m) => m.id === 'firstResponseMs');
    expect(rows?.map((m) => m.label)).toEqual([
      'First response · voice',
      'First response · chat',
      'First response · email',
    ]);
  });

  test('the demo tells a story: coaching sessions with before/after, disputes open and decided', async () => {
    const roster = demoRoster();
    const admin = await database.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', 'admin@rapport.demo')
      .executeTakeFirstOrThrow();
    const asAdmin = createCaller(
      createContextInner({
        db: database.db,
        user: { ...admin, organisationId: 'default', role: 'admin', teamId: null, agentId: null },
      }),
    );
    const agent = (archetype: string) => roster.agents.find((a) => a.archetype === archetype)?.id;

    // The period is 183 days from 2026-05-20: a third in is day 61, July 20; four fifths is day 146,
    // October 13. Per team one acknowledged session; the decliner's late one awaits acknowledgement.
    const sessions = await asAdmin.coaching.list();
    expect(sessions).toHaveLength(5);
    for (const team of roster.teams) {
      const acknowledged = sessions.filter((s) => s.teamId === team.id && s.acknowledgedAt !== null);
      expect(acknowledged, team.id).toHaveLength(1);
      expect(acknowledged[0]?.sessionDate, team.id).toBe('2026-07-20');
    }
    expect(sessions.filter((s) => s.acknowledgedAt === null).map((s) => [s.agentId, s.sessionDate])).toEqual([
      [agent('declining'), '2026-10-13'],
    ]);

    // The improver's empathy (habit 0.15 → 0.85 over the period) rises across the session, as the
    // coaching impact view shows it.
    const improver = sessions.find((s) => s.agentId === agent('improving'));
    expect(improver?.focusMetrics).toEqual([
      'empathyRate',
      'personalizationRate',
      'negativeLanguagePer100Words',
    ]);
    const impact = await asAdmin.coaching.impact({ id: improver?.id ?? 0, days: 90 });
    const of = (id: string) => impact.metrics.find((m) => m.metricId === id);
    expect(of('empathyRate')?.after.value).toBeGreaterThan(of('empathyRate')?.before.value ?? 1);
    // Name use, 0.15 → 0.75, moves most per conversation: beyond noise even on this small demo.
    expect(of('personalizationRate')?.verdict).toBe('improved');

    // Per team one open and one decided dispute; the decided ones alternate upheld, rejected.
    const disputes = await asAdmin.disputes.list();
    const byTeam = roster.teams.map((t) =>
      disputes
        .filter((d) => d.teamId === t.id)
        .map((d) => d.status)
        .sort(),
    );
    expect(byTeam).toEqual([
      ['open', 'upheld'],
      ['open', 'rejected'],
      ['open', 'upheld'],
      ['open', 'rejected'],
    ]);
    // An upheld flag is gone from its conversation's evidence (the decision re-scored it).
    const upheld = disputes.find((d) => d.status === 'upheld');
    const conversation = await asAdmin.conversations.byId({ id: upheld?.conversationId ?? '' });
    expect(
      conversation.evidence.some(
        (e) => e.metric === upheld?.metric && e.turnIndex === upheld.turnIndex && e.text === upheld.text,
      ),
    ).toBe(false);

    // Loading again writes no second story.
    await loadDemo(database.db, 'default', { conversations: 0 });
    expect(await asAdmin.coaching.list()).toHaveLength(5);
  });
});
