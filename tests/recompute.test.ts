import { Readable } from 'node:stream';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { recomputeConversations } from '@rapport/api/ingest/recompute.ts';
import { lockConversations } from '@rapport/api/ingest/write-locks.ts';
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

/**
 * A batch is read and scored before its locks are taken; a conversation that changes in between must
 * be scored again under the locks, never written with the facts of the conversation as it was. On
 * PostgreSQL the test holds a conversation's lock itself, changes the conversation, lets the
 * recompute read it (the change is not committed yet) and block on the lock, then commits.
 */
describe('a conversation changed while its batch is being scored, on postgres', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    // "check" is a1's only jargon with this lexicon: "Let me check that for you." (hw-voice-1, turn 4).
    await updateConfig(database.db, 'default', { lexicons: { jargon: [{ phrase: 'check' }] } });
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('is scored as it is stored once the lock is held', async () => {
    let recompute: Promise<{ recomputed: number }> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await lockConversations(trx, 'default', ['hw-voice-1']);
      await sql`UPDATE turns SET text = 'Let me look into that for you.'
        WHERE conversation_id = 'hw-voice-1' AND idx = 4`.execute(trx);
      await sql`UPDATE conversations SET queue = queue WHERE id = 'hw-voice-1'`.execute(trx);
      recompute = recomputeConversations(database.db, 'default');
      await waitForAdvisoryLockWaiter(database);
    });
    expect(await recompute).toEqual({ recomputed: 3 });
    const flagged = await database.db
      .selectFrom('evidence')
      .select('conversation_id')
      .where('metric', '=', 'jargonPer100Words')
      .execute();
    expect(flagged).toEqual([]);
    expect((await agentScorecard(database.db, 'default', 'a-1', PERIOD)).metrics.jargonPer100Words).toBe(0);
  });
});

/** Until a session of this database waits for an advisory lock (the recompute, at its batch's locks). */
async function waitForAdvisoryLockWaiter(database: TestDatabase): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const { rows } = await sql<{ waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(database.db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the recompute never waited for the conversation lock');
}
