import { Readable } from 'node:stream';
import { EVIDENCE_TEXT_MAX_CHARS } from '@rapport/api/ingest/evidence-excerpt.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { scoreConversation } from '@rapport/api/ingest/score.ts';
import { prepareBatch, storePrepared } from '@rapport/api/ingest/store.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { DEFAULT_ENGINE_OPTIONS } from '@rapport/metrics';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedA1, expectedA2, mixedFile, PERIOD, voiceCall } from './fixtures/hand-worked.ts';
import { count, createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

const ingestText = (database: TestDatabase, text: string) =>
  ingest(database.db, parseJsonl(Readable.from([text])), { batchSize: 2 });

describe.each(DATABASE_KINDS)('ingestion and promptness/listening metrics on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('stores exactly the good lines and reports each bad line with its reason', async () => {
    const summary = await ingestText(database, mixedFile());
    expect(summary.accepted).toBe(3);
    expect(summary.updated).toBe(0);
    expect(summary.rejected.map((r) => r.line)).toEqual([2, 4]);
    expect(summary.rejected[0]?.error).toMatch(/invalid JSON/);
    expect(summary.rejected[1]?.error).toMatch(/agent\.id/);
    expect(await count(database, 'conversations')).toBe(3);
    expect(await count(database, 'turns')).toBe(7 + 7 + 3);
    const ids = await database.db.selectFrom('conversations').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['hw-chat-1', 'hw-email-1', 'hw-voice-1']);
  });

  test('the scorecard matches the hand-worked values', async () => {
    const a1 = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    const a2 = await agentScorecard(database.db, 'default', 'a-2', PERIOD);
    for (const [card, expected] of [
      [a1, expectedA1],
      [a2, expectedA2],
    ] as const) {
      const { conversations, ...metrics } = expected;
      expect(card.conversations).toBe(conversations);
      for (const [id, value] of Object.entries(metrics)) {
        if (value === null) expect(card.metrics[id as keyof typeof card.metrics], id).toBeNull();
        else expect(card.metrics[id as keyof typeof card.metrics], id).toBeCloseTo(value, 9);
      }
    }
  });

  test('a period outside the data gives no data, not zeros', async () => {
    const card = await agentScorecard(database.db, 'default', 'a-1', {
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(card.conversations).toBe(0);
    expect(card.metrics.responseTimeMs).toBeNull();
    expect(card.metrics.handleTimeMs).toBeNull();
  });

  test('ingesting the same file again replaces records and leaves identical metrics', async () => {
    const before = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    const rollupsBefore = await sql`SELECT * FROM agent_day ORDER BY agent_id, day, channel`.execute(
      database.db,
    );
    const summary = await ingestText(database, mixedFile());
    expect(summary).toMatchObject({ accepted: 3, updated: 3 });
    expect(await count(database, 'conversations')).toBe(3);
    expect(await count(database, 'turns')).toBe(17);
    expect(await agentScorecard(database.db, 'default', 'a-1', PERIOD)).toEqual(before);
    const rollupsAfter = await sql`SELECT * FROM agent_day ORDER BY agent_id, day, channel`.execute(
      database.db,
    );
    expect(rollupsAfter.rows).toEqual(rollupsBefore.rows);
  });

  test('a thread spanning 30 days keeps offsets and gaps past 2^31 ms exactly', async () => {
    const thirtyDaysMs = 30 * 86_400_000; // 2,592,000,000 > 2,147,483,647
    const thread = {
      id: 'hw-long-email',
      channel: 'email',
      startedAt: '2026-11-05T00:00:00Z',
      endedAt: '2026-12-05T00:00:00Z',
      agent: { id: 'a-3', team: 'orders' },
      turns: [
        { speaker: 'customer', text: 'Any news on my refund?', startMs: 0 },
        { speaker: 'agent', text: 'Yes, it has been paid.', startMs: thirtyDaysMs },
      ],
    };
    const summary = await ingestText(database, JSON.stringify(thread));
    expect(summary).toMatchObject({ accepted: 1, rejected: [] });
    const card = await agentScorecard(database.db, 'default', 'a-3', PERIOD);
    expect(card.metrics.responseTimeMs).toBe(thirtyDaysMs);
    expect(card.metrics.responseTimeP90Ms).toBe(thirtyDaysMs);
    const turn = await database.db
      .selectFrom('turns')
      .select('start_ms')
      .where('conversation_id', '=', 'hw-long-email')
      .where('idx', '=', 1)
      .executeTakeFirstOrThrow();
    expect(turn.start_ms).toBe(thirtyDaysMs);
  });

  test('a record the database refuses is rejected alone, nothing of it half-stored', async () => {
    // PostgreSQL text cannot hold NUL characters: valid JSON, valid record, unstorable.
    const nul = { ...JSON.parse(mixedFile().split('\n')[0] as string), id: 'hw-nul' };
    nul.turns[0].text = 'bad \u0000 byte';
    const good = { ...nul, id: 'hw-good', turns: [{ speaker: 'customer', text: 'fine', startMs: 0 }] };
    const summary = await ingestText(database, `${JSON.stringify(nul)}\n${JSON.stringify(good)}`);
    expect(summary.accepted).toBe(1);
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]?.line).toBe(1);
    const stored = await database.db
      .selectFrom('conversations')
      .select('id')
      .where('id', 'in', ['hw-nul', 'hw-good'])
      .execute();
    expect(stored.map((r) => r.id)).toEqual(['hw-good']);
    expect(
      await database.db.selectFrom('turns').select('idx').where('conversation_id', '=', 'hw-nul').execute(),
    ).toEqual([]);
  });

  test('a flag on a whole long turn stores a bounded excerpt, its span still the whole turn', async () => {
    // Turn 4 of the hand-worked call interrupts the customer (see tests/fixtures/hand-worked.ts).
    const long = `Let me check that for you. ${'I am looking at every charge on the account now. '.repeat(200)}`;
    const call = { ...voiceCall, id: 'hw-long-turn' };
    call.turns = call.turns.map((t, i) => (i === 4 ? { ...t, text: long } : t));
    expect(await ingestText(database, JSON.stringify(call))).toMatchObject({ accepted: 1, rejected: [] });
    const flag = await database.db
      .selectFrom('evidence')
      .select(['span_start', 'span_end', 'text'])
      .where('conversation_id', '=', 'hw-long-turn')
      .where('metric', '=', 'interruptionsPerConversation')
      .executeTakeFirstOrThrow();
    expect(flag).toMatchObject({ span_start: 0, span_end: long.length });
    expect(flag.text.length).toBeLessThanOrEqual(EVIDENCE_TEXT_MAX_CHARS);
    expect(flag.text).toMatch(/^Let me check that for you\. I am looking .*…$/);
    const { rows } = await sql<{ longest: number }>`
      SELECT max(length(text))::int AS longest FROM evidence WHERE conversation_id = 'hw-long-turn'`.execute(
      database.db,
    );
    expect(rows[0]?.longest).toBeLessThanOrEqual(EVIDENCE_TEXT_MAX_CHARS);
  });

  test('a batch prepared before a time-zone change counts its facts in the new zone', async () => {
    // 23:30 UTC on 2 November is already 3 November in Auckland (UTC+13 in November).
    const late = {
      ...voiceCall,
      id: 'hw-late-call',
      startedAt: '2026-11-02T23:30:00Z',
      endedAt: '2026-11-02T23:35:00Z',
    };
    const prepared = prepareBatch('default', 'UTC', [
      {
        record: late as ConversationRecord,
        result: scoreConversation(late as ConversationRecord, DEFAULT_ENGINE_OPTIONS),
      },
    ]);
    const zone = await database.db.selectFrom('organisations').select('time_zone').executeTakeFirstOrThrow();
    await database.db.updateTable('organisations').set({ time_zone: 'Pacific/Auckland' }).execute();
    try {
      await storePrepared(database.db, 'default', prepared);
    } finally {
      await database.db.updateTable('organisations').set({ time_zone: zone.time_zone }).execute();
    }
    const { rows } = await sql<{ day: string }>`
      SELECT day::text AS day FROM conversation_metrics WHERE conversation_id = 'hw-late-call'`.execute(
      database.db,
    );
    expect(rows).toEqual([{ day: '2026-11-03' }]);
  });
});
