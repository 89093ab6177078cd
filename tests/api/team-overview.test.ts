import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { attentionScore } from '@rapport/metrics';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * "Two support agents, twenty chats": each chat is one customer message answered once, so its response
 * gap is the agent's reply time and every per-conversation value is known. October is the period that
 * November (PERIOD, a whole month) is compared with.
 * - Ana: October 10, 15, 20, 25, 30 s; November 20, 25, 30, 35, 40 s. Mean 20 s → 30 s; each period's
 *   residuals −10, −5, 0, 5, 10 s give V = 5/4 · 250 s² / 5² = 12.5 s², so z = 10 / √25 = 2 ≥ 1.96: up.
 * - Ben: October the same; November 12, 17, 22, 27, 32 s. Mean 20 s → 22 s, same V: z = 2 / 5 = 0.4:
 *   within the noise.
 * Every reply is inside the 60 s chat target in both months: 100 % twice, no variance, no change.
 */
function chat(agent: { id: string; name: string }, day: string, gapSeconds: number) {
  return {
    id: `${agent.id}-${day}`,
    channel: 'chat',
    startedAt: `${day}T10:00:00Z`,
    endedAt: `${day}T10:05:00Z`,
    agent: { ...agent, team: 'support' },
    turns: [
      { speaker: 'customer', text: 'My parcel has not arrived yet.', startMs: 0 },
      { speaker: 'agent', text: 'I am checking the tracking now.', startMs: gapSeconds * 1_000 },
    ],
  };
}
const ANA = { id: 's-1', name: 'Ana Costa' };
const BEN = { id: 's-2', name: 'Ben Okafor' };
const OCTOBER = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'];
const NOVEMBER = ['2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10', '2026-11-11'];
const chats = [
  ...OCTOBER.map((day, i) => chat(ANA, day, [10, 15, 20, 25, 30][i] as number)),
  ...NOVEMBER.map((day, i) => chat(ANA, day, [20, 25, 30, 35, 40][i] as number)),
  ...OCTOBER.map((day, i) => chat(BEN, day, [10, 15, 20, 25, 30][i] as number)),
  ...NOVEMBER.map((day, i) => chat(BEN, day, [12, 17, 22, 27, 32][i] as number)),
];

describe.each(DATABASE_KINDS)('team overview comparison on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const admin = () => createCaller(createContextInner({ db: database.db, user: users.admin }));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const file = [mixedFile(), ...chats.map((c) => JSON.stringify(c))].join('\n');
    await ingest(database.db, parseJsonl(Readable.from([file])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('each change is tested against the noise; percentiles are shown, not tested', async () => {
    const overview = await admin().teams.overview({
      ...PERIOD,
      teamId: 'support',
      channel: 'chat',
      compare: true,
      metrics: ['responseTimeMs', 'responseTimeP90Ms', 'responseWithinTargetRate'],
    });
    // November is a whole month: it is compared with the whole of October.
    expect(overview.previousPeriod).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    const cells = (agentId: string) => overview.agents.find((a) => a.agentId === agentId)?.cells ?? {};

    const ana = cells('s-1');
    expect(ana['responseTimeMs:chat']?.value).toBe(30_000);
    expect(ana['responseTimeMs:chat']?.change).toMatchObject({
      before: 20_000,
      after: 30_000,
      difference: 10_000,
      verdict: 'up',
    });
    expect(ana['responseTimeMs:chat']?.change?.z).toBeCloseTo(2, 9);
    // Nearest rank ceil(0.9 · 5) = 5: the slowest reply, 30 s in October, 40 s in November.
    expect(ana['responseTimeP90Ms:chat']?.change).toEqual({
      before: 30_000,
      after: 40_000,
      difference: 10_000,
      z: null,
      verdict: 'not tested',
    });
    expect(ana.responseWithinTargetRate?.change).toMatchObject({
      before: 1,
      after: 1,
      verdict: 'within noise',
    });

    const ben = cells('s-2');
    expect(ben['responseTimeMs:chat']?.change).toMatchObject({ difference: 2_000, verdict: 'within noise' });
    expect(ben['responseTimeMs:chat']?.change?.z).toBeCloseTo(0.4, 9);
  });

  test('without a comparison no cell carries one', async () => {
    const overview = await admin().teams.overview({ ...PERIOD, teamId: 'support', channel: 'chat' });
    expect(overview.previousPeriod).toBeNull();
    expect(overview.agents.every((a) => Object.values(a.cells).every((c) => c.change === null))).toBe(true);
  });

  test('the overview names the scorecard’s opportunities and ranks by their attention score', async () => {
    const overview = await admin().teams.overview({ ...PERIOD, teamId: 'support' });
    expect(overview.attentionRule).toMatch(/counts twice/);
    for (const row of overview.agents) {
      const { opportunities } = await admin().agents.opportunities({ agentId: row.agentId, ...PERIOD });
      expect(row.opportunityCount).toBe(opportunities.length);
      expect(row.opportunities.map((o) => o.metricId)).toEqual(
        opportunities.slice(0, 3).map((o) => o.metricId),
      );
      expect(row.opportunities.map((o) => o.score)).toEqual(opportunities.slice(0, 3).map((o) => o.score));
      expect(row.attention).toBeCloseTo(attentionScore(opportunities), 12);
    }
    // Five chats each, no empathy, thanks or paraphrase: both have opportunities to rank.
    expect(overview.agents.every((a) => a.opportunityCount > 0)).toBe(true);
    const scores = overview.agents.map((a) => a.attention);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });
});
