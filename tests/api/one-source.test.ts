import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { authorizeExport, systemActor } from '@rapport/api/exports/export-access.ts';
import { openExport } from '@rapport/api/exports/open-export.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { voiceCall } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

/**
 * "One source of truth": the team overview, the scorecard, the trend and both CSV exports give the
 * same value for the same agent, metric and period, in the organisation's time zone (New York here).
 *
 * Three voice calls of a-1, worked by hand:
 * - hw-voice-1 at 2 Nov 15:00 UTC: 1 interruption, 5 min;
 * - late-sunday at 9 Nov 03:00 UTC = Sunday 8 Nov 22:00 in New York: 0 interruptions, 2 min;
 * - after-midnight at 9 Nov 06:00 UTC = Monday 9 Nov 01:00 in New York: 2 interruptions, 1 min.
 * The New York week Mon 2 – Sun 8 Nov holds the first two: interruptions (1 + 0) / 2 = 0.5,
 * handle time (300,000 + 120,000) / 2 = 210,000 ms. In UTC it would hold only the first (1 and 300,000).
 */
const WEEK = { from: '2026-11-02', to: '2026-11-08' };
const lateSunday = {
  ...voiceCall,
  id: 'late-sunday',
  startedAt: '2026-11-09T03:00:00Z',
  endedAt: '2026-11-09T03:02:00Z',
  turns: [
    { speaker: 'customer', text: 'My card was declined.', startMs: 0, endMs: 1000 },
    { speaker: 'agent', text: 'Let me look into that for you.', startMs: 1500, endMs: 2000 },
  ],
};
const afterMidnight = {
  ...voiceCall,
  id: 'after-midnight',
  startedAt: '2026-11-09T06:00:00Z',
  endedAt: '2026-11-09T06:01:00Z',
  turns: [
    {
      speaker: 'customer',
      text: 'I have been waiting for a refund for three weeks now.',
      startMs: 0,
      endMs: 5000,
    },
    { speaker: 'agent', text: 'Let me check.', startMs: 1000, endMs: 1500 },
    { speaker: 'agent', text: 'One moment please.', startMs: 2000, endMs: 2500 },
  ],
};
const EXPECTED = { interruptionsPerConversation: 0.5, handleTimeMs: 210_000 } as const;

const createCaller = createCallerFactory(appRouter);

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe.each(DATABASE_KINDS)('one source of truth on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.updateTable('organisations').set({ time_zone: 'America/New_York' }).execute();
    const file = [voiceCall, lateSunday, afterMidnight].map((c) => JSON.stringify(c)).join('\n');
    await ingest(database.db, parseJsonl(Readable.from([file])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('overview, scorecard, trend, agent CSV and conversation CSV agree', async () => {
    const admin = createCaller(createContextInner({ db: database.db, user: users.admin }));
    const overview = await admin.teams.overview({
      ...WEEK,
      teamId: 'billing',
      metrics: ['interruptionsPerConversation', 'handleTimeMs'],
    });
    const overviewCells = overview.agents.find((a) => a.agentId === 'a-1')?.cells;
    // Durations are per channel in the overview; the week holds voice calls only.
    const fromOverview = {
      interruptionsPerConversation: overviewCells?.interruptionsPerConversation?.value,
      handleTimeMs: overviewCells?.['handleTimeMs:voice']?.value,
    };

    const card = await admin.agents.scorecard({ agentId: 'a-1', ...WEEK });
    const fromScorecard = Object.fromEntries(card.metrics.map((m) => [m.id, m.value]));

    const trend = async (metricId: keyof typeof EXPECTED) =>
      (await admin.agents.trend({ agentId: 'a-1', metricId, bucket: 'week', ...WEEK })).points;

    const actor = systemActor('default');
    const csv = async (kind: 'agents.csv' | 'conversations.csv') =>
      parse(
        await text(
          await openExport(
            database.db,
            await authorizeExport(database.db, actor, { kind, ...WEEK, teamId: 'billing' }),
            // The layout for scripts: values in catalog units, unrounded, comparable bit for bit.
            { layout: 'raw' },
          ),
        ),
        {
          columns: true,
        },
      ) as Record<string, string>[];
    const agentRow = (await csv('agents.csv')).find((r) => r.agentId === 'a-1');
    const conversationRows = (await csv('conversations.csv')).filter((r) => r.agentId === 'a-1');
    // Both of the week's calls and only those: the after-midnight call is Monday in New York.
    expect(conversationRows.map((r) => r.conversationId).sort()).toEqual(['hw-voice-1', 'late-sunday']);

    for (const metric of ['interruptionsPerConversation', 'handleTimeMs'] as const) {
      const expected = EXPECTED[metric];
      const points = await trend(metric);
      expect(points.map((p) => p.period)).toEqual(['2026-11-02']);
      const perConversation = conversationRows.map((r) => Number(r[metric]));
      const sources = {
        overview: fromOverview?.[metric],
        scorecard: fromScorecard[metric],
        trend: points[0]?.agent,
        agentsCsv: Number(agentRow?.[metric]),
        // Both metrics have one unit per conversation, so the period value is the mean of the rows.
        conversationsCsv: perConversation.reduce((a, b) => a + b, 0) / perConversation.length,
      };
      expect(sources, metric).toEqual({
        overview: expected,
        scorecard: expected,
        trend: expected,
        agentsCsv: expected,
        conversationsCsv: expected,
      });
    }
  });
});
