import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { authorizeExport } from '@rapport/api/exports/export-access.ts';
import { openExport } from '@rapport/api/exports/open-export.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { isTimeMetric } from '@rapport/metrics';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);
const HOUR = 3_600_000;
const VOICE_START_MS = 2_200;

/**
 * "Four support agents, forty conversations": each agent has five calls and five emails in the week of
 * 2 November, each one customer turn answered once, so a conversation's first response, response gap
 * and 90th percentile are all the same number, known by hand.
 * - Calls: the customer talks 0–1,000 ms and every agent starts at 2,200 ms: first response 2,200 ms,
 *   gap 1,200 ms, past the first 2 s (no connect-time greeting) and within the 3 s voice target; each
 *   agent is on the peers' median (z 0).
 * - Emails: the agent replies after 2 / 3 / 4 h (t-2, t-3, t-4) and t-1 after 6 h.
 * t-1's peers on email: 2, 3, 4 h → median 3 h, MAD 1 h, σ 1.4826 h = 5,337,360 ms;
 * z = (6 − 3) / 1.4826 = 2.02347; the email target is 4 h: gap (6 − 4) / 4 = 0.5; severity 2.52347.
 * Weight 1 for first response and response time, 0.5 for the 90th percentile: scores 2.52347, 2.52347,
 * 1.26174. Pooled over both channels t-1's first response would be (5 × 2.2 s + 5 × 6 h) / 10 ≈ 3 h
 * against a pooled target of nothing: neither channel's truth.
 */
const PERIOD = { from: '2026-11-02', to: '2026-11-08' };
const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
const AGENTS = [
  { id: 't-1', name: 'Tom Ford', emailReplyMs: 6 * HOUR },
  { id: 't-2', name: 'Uma Patel', emailReplyMs: 2 * HOUR },
  { id: 't-3', name: 'Vic Lund', emailReplyMs: 3 * HOUR },
  { id: 't-4', name: 'Wen Zhao', emailReplyMs: 4 * HOUR },
];

function conversations() {
  return AGENTS.flatMap(({ id, name, emailReplyMs }) =>
    DAYS.flatMap((day, i) => [
      {
        id: `${id}-voice-${i}`,
        channel: 'voice',
        startedAt: `${day}T09:00:00Z`,
        endedAt: `${day}T09:05:00Z`,
        agent: { id, name, team: 'support' },
        turns: [
          { speaker: 'customer', text: 'My invoice shows the wrong address.', startMs: 0, endMs: 1_000 },
          {
            speaker: 'agent',
            text: 'I will correct the address now.',
            startMs: VOICE_START_MS,
            endMs: VOICE_START_MS + 2_000,
          },
        ],
      },
      {
        id: `${id}-email-${i}`,
        channel: 'email',
        startedAt: `${day}T08:00:00Z`,
        endedAt: new Date(Date.parse(`${day}T08:00:00Z`) + emailReplyMs).toISOString(),
        agent: { id, name, team: 'support' },
        turns: [
          { speaker: 'customer', text: 'My invoice shows the wrong address.', startMs: 0 },
          { speaker: 'agent', text: 'I have corrected the address.', startMs: emailReplyMs },
        ],
      },
    ]),
  );
}

describe.each(DATABASE_KINDS)('time metrics per channel on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const admin = () => createCaller(createContextInner({ db: database.db, user: users.admin }));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const file = conversations()
      .map((c) => JSON.stringify(c))
      .join('\n');
    const summary = await ingest(database.db, parseJsonl(Readable.from([file])));
    expect(summary.rejected).toEqual([]);
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the scorecard names the slow emails, each against the email peers and target, and no voice time', async () => {
    const { opportunities } = await admin().agents.opportunities({ agentId: 't-1', ...PERIOD });
    const times = opportunities.filter((o) => isTimeMetric(o.metricId));
    expect(times.map((o) => [o.label, o.channel])).toEqual([
      ['First response · email', 'email'],
      ['Response time · email', 'email'],
      ['Response time, 90th percentile · email', 'email'],
    ]);
    for (const o of times) {
      expect(o).toMatchObject({
        value: 6 * HOUR,
        n: 5,
        teamMedian: 3 * HOUR,
        peerCount: 3,
        target: { direction: 'lower', value: 4 * HOUR },
        worseThanTeam: true,
        missesTarget: true,
        // One week of data is too little for a trend.
        trend: 'not enough data',
      });
      expect(o.teamScale).toBeCloseTo(5_337_360, 6);
      expect(o.z).toBeCloseTo(2.02347, 5);
      expect(o.severity).toBeCloseTo(2.52347, 5);
    }
    expect(times.map((o) => o.score)).toEqual([
      expect.closeTo(2.52347, 5),
      expect.closeTo(2.52347, 5),
      expect.closeTo(1.26174, 5),
    ]);
    // Every opportunity that is not a time is read over both channels, as before.
    expect(opportunities.filter((o) => !isTimeMetric(o.metricId)).every((o) => o.channel === null)).toBe(
      true,
    );
  });

  test('read for one channel, only that channel’s times', async () => {
    const voice = await admin().agents.opportunities({ agentId: 't-1', ...PERIOD, channel: 'voice' });
    expect(voice.opportunities.filter((o) => isTimeMetric(o.metricId))).toEqual([]);
    const email = await admin().agents.opportunities({ agentId: 't-1', ...PERIOD, channel: 'email' });
    expect(email.opportunities.filter((o) => isTimeMetric(o.metricId)).map((o) => o.label)).toEqual([
      'First response · email',
      'Response time · email',
      'Response time, 90th percentile · email',
    ]);
  });

  test('the opportunity’s numbers are the scorecard card’s for that channel', async () => {
    const card = await admin().agents.scorecard({ agentId: 't-1', ...PERIOD });
    const { opportunities } = await admin().agents.opportunities({ agentId: 't-1', ...PERIOD });
    for (const o of opportunities.filter((x) => x.channel !== null)) {
      const standing = card.metrics
        .find((m) => m.id === o.metricId)
        ?.byChannel?.find((c) => c.channel === o.channel);
      expect(standing, o.label).toMatchObject({
        value: o.value,
        n: o.n,
        teamMedian: o.teamMedian,
        teamPeers: o.peerCount,
        target: o.target,
      });
    }
  });

  test('the team overview names the same opportunities, with their channel', async () => {
    const overview = await admin().teams.overview({ ...PERIOD });
    const row = overview.agents.find((a) => a.agentId === 't-1');
    const { opportunities } = await admin().agents.opportunities({ agentId: 't-1', ...PERIOD });
    expect(row?.opportunityCount).toBe(opportunities.length);
    expect(row?.opportunities.map((o) => [o.metricId, o.channel, o.label])).toEqual(
      opportunities.slice(0, 3).map((o) => [o.metricId, o.channel, o.label]),
    );
    // Nobody else is slow on either channel: no other agent has a time opportunity.
    for (const other of overview.agents.filter((a) => a.agentId !== 't-1')) {
      const { opportunities: theirs } = await admin().agents.opportunities({
        agentId: other.agentId,
        ...PERIOD,
      });
      expect(
        theirs.filter((o) => isTimeMetric(o.metricId)),
        other.agentId,
      ).toEqual([]);
    }
  });

  test('the agents CSV gives each duration per channel, with n and the same team median as the card', async () => {
    const scope = await authorizeExport(database.db, users.hr, { ...PERIOD, kind: 'agents.csv' });
    const chunks: Buffer[] = [];
    for await (const chunk of (await openExport(database.db, scope, {
      layout: 'people',
    })) as AsyncIterable<Buffer>)
      chunks.push(Buffer.from(chunk));
    const rows: Record<string, string>[] = parse(Buffer.concat(chunks).toString('utf8'), {
      columns: true,
      skip_empty_lines: true,
    });
    const tom = rows.find((r) => r['Agent ID'] === 't-1');
    // Emails answered after 6 h: 21,600 s over 5; the teammates' median 3 h: 10,800 s. Calls: first
    // response 2.2 s, gap 1.2 s, everyone alike. No chats: empty, n 0.
    expect(tom).toMatchObject({
      'First response, email (s)': '21600',
      'First response, email: n': '5',
      'First response, email: team median (s)': '10800',
      'First response, voice (s)': '2.2',
      'First response, voice: team median (s)': '2.2',
      'Response time, voice (s)': '1.2',
      'Response time, voice: n': '5',
      'Response time, chat (s)': '',
      'Response time, chat: n': '0',
      'Response time, chat: team median (s)': '',
      // Handle time too: calls of 5 min, emails of 6 h 00 min.
      'Handle time, voice (s)': '300',
      'Handle time, email (s)': '21600',
    });
    expect(Object.keys(tom ?? {})).not.toContain('First response (s)');
    const card = await admin().agents.scorecard({ agentId: 't-1', ...PERIOD });
    const email = card.metrics
      .find((m) => m.id === 'firstResponseMs')
      ?.byChannel?.find((c) => c.channel === 'email');
    expect(email?.teamMedian).toBe(10_800_000);
  });
});
