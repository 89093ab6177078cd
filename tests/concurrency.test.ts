import { Readable } from 'node:stream';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { recomputeConversations } from '@rapport/api/ingest/recompute.ts';
import { updateConfig } from '@rapport/api/organisations/config.repository.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chat } from './fixtures/hand-worked.ts';
import { inconsistencies } from './support/consistency.ts';
import { count, createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

/** n chats over four agents and ten days; `variant` changes the agent, day and turns of every other one. */
function conversations(n: number, variant = 0): string {
  return Array.from({ length: n }, (_, i) => {
    const moved = variant > 0 && i % 2 === 0;
    const day = String(1 + ((i + (moved ? 3 : 0)) % 10)).padStart(2, '0');
    return JSON.stringify({
      ...chat,
      id: `cc-${String(i).padStart(3, '0')}`,
      startedAt: `2026-11-${day}T10:00:00Z`,
      endedAt: `2026-11-${day}T10:20:00Z`,
      agent: { id: `a-${(i + (moved ? 1 : 0)) % 4}`, team: 'billing' },
      turns: moved ? chat.turns.slice(0, 5) : chat.turns,
    });
  }).join('\n');
}

/**
 * Ingest and recompute on the same conversations at once. On PostgreSQL they run on separate
 * connections and interleave batch by batch (without the write locks this aborted with a duplicate
 * key on conversation_metrics_pkey); PGlite has one connection, so there the transactions take turns
 * and the test proves that interleaving them in any order keeps facts and rollups consistent.
 */
describe.each(DATABASE_KINDS)('ingest and recompute together on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([conversations(200)])));
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('both finish, every conversation whole with its facts, rollups equal their facts', async () => {
    await updateConfig(database.db, 'default', { lexicons: { jargon: [{ phrase: 'order' }] } });
    for (let round = 1; round <= 3; round += 1) {
      const [recomputed, reimported] = await Promise.all([
        recomputeConversations(database.db, 'default', { batchSize: 7 }),
        ingest(database.db, parseJsonl(Readable.from([conversations(200, round % 2)])), { batchSize: 5 }),
      ]);
      expect(recomputed.recomputed).toBe(200);
      expect(reimported).toMatchObject({ accepted: 200, updated: 200, rejected: [] });
      expect(await inconsistencies(database)).toEqual([]);
    }
    expect(await count(database, 'conversations')).toBe(200);
    expect(await count(database, 'conversation_metrics')).toBe(200);
  });
});
