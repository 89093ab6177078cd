import { Readable } from 'node:stream';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { recomputeConversations } from '@rapport/api/ingest/recompute.ts';
import { getConfig, updateConfig } from '@rapport/api/organisations/config.repository.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from './fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

describe.each(DATABASE_KINDS)('recomputing stored conversations on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('with the same configuration, facts, evidence and rollups stay exactly the same', async () => {
    const snapshot = async () => ({
      card: await agentScorecard(database.db, 'default', 'a-1', PERIOD),
      rollups: (await sql`SELECT * FROM agent_day ORDER BY agent_id, day, channel`.execute(database.db)).rows,
      evidence: (await sql`SELECT * FROM evidence ORDER BY conversation_id, idx`.execute(database.db)).rows,
    });
    const before = await snapshot();
    expect(await recomputeConversations(database.db, 'default', { batchSize: 2 })).toEqual({ recomputed: 3 });
    expect(await snapshot()).toEqual(before);
  });

  test('an organisation lexicon changes the metric it feeds, and only after the recompute', async () => {
    // "bill" is no default jargon; a1 says "bill" nowhere, but the customer does: agent words only count.
    // a-1's agent words: 4+2+6+5 (voice) + 10+4 (chat) = 31; "check" appears once ("Let me check that").
    await updateConfig(database.db, 'default', { lexicons: { jargon: [{ phrase: 'check' }] } });
    const before = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    expect(before.metrics.jargonPer100Words).toBe(0);
    await recomputeConversations(database.db, 'default');
    const after = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    expect(after.metrics.jargonPer100Words).toBeCloseTo((100 * 1) / 31, 9);
    const flagged = await database.db
      .selectFrom('evidence')
      .select(['conversation_id', 'turn_index', 'text'])
      .where('metric', '=', 'jargonPer100Words')
      .execute();
    expect(flagged).toEqual([{ conversation_id: 'hw-voice-1', turn_index: 4, text: 'check' }]);

    // null goes back to the default list, in which "check" is no jargon.
    await updateConfig(database.db, 'default', { lexicons: { jargon: null } });
    expect((await getConfig(database.db, 'default')).lexicons).toEqual({});
    await recomputeConversations(database.db, 'default');
    expect((await agentScorecard(database.db, 'default', 'a-1', PERIOD)).metrics.jargonPer100Words).toBe(0);
  });
});
