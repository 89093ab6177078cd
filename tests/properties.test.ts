import { ingest } from '@rapport/api/ingest/ingest.ts';
import type { ParsedItem } from '@rapport/api/ingest/jsonl.ts';
import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import {
  addFractions,
  computeConversation,
  DEFAULT_ENGINE_OPTIONS,
  METRIC_IDS,
  type PeriodTotals,
  periodValues,
} from '@rapport/metrics';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

/**
 * Database-level invariants of the metric store, on random small conversation sets:
 * ingest order and repetition do not change any value, and a period value read from the daily
 * rollups equals the value computed directly from the conversations by the engine.
 */
const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const AGENTS = ['p-1', 'p-2'];
const SNIPPETS = [
  'Hello, thanks for waiting.',
  'I understand, that must be frustrating.',
  "Unfortunately I can't do that.",
  'Just to confirm, you were charged twice?',
  'Mm-hmm.',
  'Your RMA is with tier 2.',
  'I guarantee it will arrive tomorrow.',
  'How did I do today?',
  'My bill is wrong again.',
  'That is not helpful at all.',
  'Thank you so much!',
];

const turn = fc.record({
  speaker: fc.constantFrom('agent', 'customer', 'system'),
  text: fc.constantFrom(...SNIPPETS),
  startMs: fc.nat(300_000),
  durationMs: fc.option(fc.nat(8_000), { nil: null }),
});

const conversation = fc
  .record({
    agent: fc.constantFrom(...AGENTS),
    channel: fc.constantFrom('voice', 'chat', 'email'),
    day: fc.integer({ min: 1, max: 30 }),
    hour: fc.integer({ min: 0, max: 23 }),
    turns: fc.array(turn, { minLength: 1, maxLength: 8 }),
    events: fc.option(
      fc.array(fc.constantFrom('resolved', 'survey_sent', 'transfer', 'follow_up'), { maxLength: 3 }),
      { nil: undefined },
    ),
    csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  })
  .map((c) => {
    const startedAt = new Date(Date.UTC(2026, 10, c.day, c.hour));
    const endedAt = new Date(startedAt.getTime() + 600_000);
    return {
      channel: c.channel,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      agent: { id: c.agent, team: 'props' },
      customer: { id: `cu-${c.day}`, name: 'Sam Lee' },
      turns: c.turns.map(({ durationMs, ...t }) => ({
        ...t,
        ...(durationMs === null ? {} : { endMs: t.startMs + durationMs }),
      })),
      ...(c.events
        ? {
            events: c.events.map((type, i) => ({
              type,
              at: new Date(endedAt.getTime() + (i + 1) * 3_600_000).toISOString(),
            })),
          }
        : {}),
      ...(c.csat ? { survey: { csat: c.csat } } : {}),
    };
  });

/** Distinct ids, so that "the same set" is well defined. */
const conversationSet = fc
  .array(conversation, { minLength: 1, maxLength: 12 })
  .map((list) => list.map((c, i) => ({ id: `prop-${i}`, ...c }) as ConversationRecord));

const withShuffle = conversationSet.chain((records) =>
  fc.tuple(
    fc.constant(records),
    fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
  ),
);

function items(records: readonly ConversationRecord[]): ParsedItem[] {
  return records.map((record, i) => ({ line: i + 1, record }));
}

/** Direct from the conversations, without the database: what the rollups must reproduce. */
function directValues(records: readonly ConversationRecord[], agentId: string) {
  const totals: PeriodTotals = { conversations: 0, activeDays: 0, sums: {}, responseGapsMs: [] };
  const days = new Set<string>();
  for (const record of records.filter((r) => r.agent.id === agentId)) {
    const result = computeConversation(record, DEFAULT_ENGINE_OPTIONS);
    totals.conversations += 1;
    days.add(record.startedAt.slice(0, 10));
    addFractions(totals.sums, result.metrics);
    totals.responseGapsMs.push(...result.responseGapsMs);
  }
  totals.activeDays = days.size;
  return periodValues(totals);
}

describe.each(DATABASE_KINDS)('metric store invariants on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const reset = async () => {
    for (const table of [
      'turns',
      'events',
      'surveys',
      'evidence',
      'conversation_metrics',
      'agent_day',
      'conversations',
      'agents',
      'customers',
      'teams',
    ]) {
      await sql`DELETE FROM ${sql.table(table)}`.execute(database.db);
    }
  };
  const scorecards = async () =>
    Promise.all(
      AGENTS.map(async (id) => {
        const exists = await database.db
          .selectFrom('agents')
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst();
        return exists ? agentScorecard(database.db, 'default', id, PERIOD) : null;
      }),
    );

  test('another order, or the same file twice, gives the same values; rollups equal the direct computation', async () => {
    await fc.assert(
      fc.asyncProperty(withShuffle, async ([records, shuffled]) => {
        await reset();
        await ingest(database.db, items(records), { batchSize: 5 });
        const first = await scorecards();

        for (const [i, agentId] of AGENTS.entries()) {
          const direct = directValues(records, agentId);
          const card = first[i];
          if (!card) {
            expect(records.some((r) => r.agent.id === agentId)).toBe(false);
            continue;
          }
          for (const id of METRIC_IDS) {
            if (direct[id] === null) expect(card.metrics[id], id).toBeNull();
            else expect(card.metrics[id], id).toBeCloseTo(direct[id] as number, 6);
          }
        }

        await reset();
        await ingest(database.db, items(shuffled), { batchSize: 3 });
        await ingest(database.db, items(records), { batchSize: 4 });
        expect(await scorecards()).toEqual(first);
      }),
      { numRuns: 12, seed: 20261125 },
    );
  });
});
