import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { recomputeConversations } from '@rapport/api/ingest/recompute.ts';
import { outdatedFacts } from '@rapport/api/jobs/definitions-upgrade.ts';
import { applyRetention, setRetentionDays } from '@rapport/api/retention/retention.repository.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile } from '../fixtures/hand-worked.ts';
import { rapport } from '../support/cli.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase, testOnlyOn } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/** A-1's chat of 20 October with a survey comment: two turns, one comment. */
const octoberChat = {
  id: 'rt-october',
  channel: 'chat',
  startedAt: '2026-10-20T14:00:00Z',
  endedAt: '2026-10-20T14:10:00Z',
  agent: { id: 'a-1', name: 'Priya Nair', team: 'billing' },
  customer: { id: 'cu-31', name: 'Noor Haddad' },
  turns: [
    { speaker: 'customer', text: 'Can I change my billing date?', startMs: 0 },
    { speaker: 'agent', text: 'Thanks for asking, Noor. Yes, I have moved it to the 5th.', startMs: 40_000 },
  ],
  survey: { csat: 5, comment: 'Very helpful, thank you.', at: '2026-10-20T15:00:00Z' },
};

const PERIOD = { from: '2026-10-01', to: '2026-11-30' };
/**
 * One day of retention at 09:30 on 3 November: what started before 09:30 on 2 November goes, that is
 * the October chat (2 turns, a survey comment) and the voice call of 2 November 09:00 (7 turns); the
 * chat of 3 November 10:00 and the email of 4 November stay.
 */
const NOW = new Date('2026-11-03T09:30:00Z');

async function evidenceCount(database: TestDatabase, ids: string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM evidence WHERE organisation_id = 'default' AND conversation_id = ANY(${ids}::text[])`.execute(
    database.db,
  );
  return rows[0]?.n ?? 0;
}

describe.each(DATABASE_KINDS)('transcript retention on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));
  const dashboards = async () => ({
    a1: await as('supervisorBilling').agents.scorecard({ agentId: 'a-1', ...PERIOD }),
    a2: await as('admin').agents.scorecard({ agentId: 'a-2', ...PERIOD }),
    trend: await as('supervisorBilling').agents.trend({
      agentId: 'a-1',
      metricId: 'responseTimeMs',
      ...PERIOD,
    }),
    overview: await as('hr').teams.overview(PERIOD),
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([`${mixedFile()}\n${JSON.stringify(octoberChat)}`])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('old transcripts go; scorecards, trends and overviews stay exactly as they were, also after a recompute', async () => {
    const before = await dashboards();
    expect(before.a1.conversations).toBe(3);
    const evidenceBefore = await evidenceCount(database, ['rt-october', 'hw-voice-1']);
    expect(evidenceBefore).toBeGreaterThan(0);

    await setRetentionDays(database.db, 'default', 1);
    const run = await applyRetention(database.db, 'default', NOW, 1);
    expect(run).toEqual({
      days: 1,
      cutoff: '2026-11-02T09:30:00.000Z',
      conversations: 2,
      turns: 7 + 2,
      evidence: evidenceBefore,
      surveyComments: 1,
    });
    expect(await evidenceCount(database, ['rt-october', 'hw-voice-1'])).toBe(0);
    expect(await dashboards()).toEqual(before);

    // The recompute that a lexicon change queues re-scores what still has a transcript, and leaves
    // the facts of the others as they were scored: nothing to score them from.
    expect(await recomputeConversations(database.db, 'default')).toEqual({ recomputed: 2 });
    expect(await dashboards()).toEqual(before);
    // Nor does start-up queue a recompute for them, whatever their definitions.
    await sql`UPDATE conversation_metrics SET definitions = 1 WHERE conversation_id = 'rt-october'`.execute(
      database.db,
    );
    expect(await outdatedFacts(database.db)).toEqual([]);
    await sql`UPDATE conversation_metrics SET definitions = 2 WHERE conversation_id = 'rt-october'`.execute(
      database.db,
    );

    // A second run finds nothing more to remove.
    expect((await applyRetention(database.db, 'default', NOW)).conversations).toBe(0);
  });

  test('the conversation view says the transcript was removed by retention; the kept ones are whole', async () => {
    const removed = await as('supervisorBilling').conversations.byId({ id: 'hw-voice-1' });
    expect(removed.transcriptRemoved?.reason).toBe('retention');
    expect(removed.turns).toEqual([]);
    expect(removed.evidence).toEqual([]);
    expect(removed.channel).toBe('voice');
    const october = await as('supervisorBilling').conversations.byId({ id: 'rt-october' });
    expect(october.survey).toEqual({ csat: 5, comment: null, at: '2026-10-20T15:00:00.000Z' });
    const kept = await as('supervisorBilling').conversations.byId({ id: 'hw-chat-1' });
    expect(kept.transcriptRemoved).toBeNull();
    expect(kept.turns).toHaveLength(7);
  });

  test('admins set and run retention, audited; other values are refused with a reason', async () => {
    const { admin } = as('admin');
    const refused = await admin.retention.update({ days: 0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    expect((refused as TRPCError).message).toMatch(/at least 1 day/);
    for (const days of [2.5, 40_000, '30']) {
      const bad = await admin.retention.update({ days } as never).catch((e: unknown) => e);
      expect((bad as TRPCError).code).toBe('BAD_REQUEST');
    }
    expect(await admin.retention.get()).toEqual({ days: 1 });

    expect(await admin.retention.update({ days: 36_500 })).toEqual({ days: 36_500 });
    expect(await admin.retention.get()).toEqual({ days: 36_500 });
    // A hundred years back from now reaches none of these conversations.
    const run = await admin.retention.run();
    expect(run).toMatchObject({ days: 36_500, conversations: 0, turns: 0 });
    expect(await admin.retention.update({ days: null })).toEqual({ days: null });
    expect(await admin.retention.run()).toMatchObject({ days: null, cutoff: null, conversations: 0 });

    const actions = (await as('admin').audit.list()).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('retention.'))).toEqual([
      'retention.run',
      'retention.update',
      'retention.run',
      'retention.update',
    ]);
  });

  testOnlyOn(kind, 'postgres')('pnpm rapport retention set / run', () => {
    const refused = rapport(['retention', 'set', '--days', '0'], database.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--days: keep transcripts at least 1 day/);
    expect(rapport(['retention', 'set', '--days', '36500'], database.env).stdout.trim()).toBe(
      '{"days":36500}',
    );
    const run = rapport(['retention', 'run'], database.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).organisations).toEqual([
      expect.objectContaining({ organisationId: 'default', days: 36_500, conversations: 0 }),
    ]);
  });
});
