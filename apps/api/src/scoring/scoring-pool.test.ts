import { DEFAULT_ENGINE_OPTIONS, extendLexicons } from '@rapport/metrics';
import { afterAll, describe, expect, test } from 'vitest';
import { demoRecords } from '../demo/records.ts';
import { scoreConversation } from '../ingest/score.ts';
import { startScoringPool } from './scoring-pool.ts';

describe('the scoring pool (worker_threads)', () => {
  const pool = startScoringPool(2);
  afterAll(() => pool.close());
  const records = [...demoRecords({ conversations: 200, seed: 7 })];

  test('scores exactly as the engine does inline, batch by batch, in order', async () => {
    const engine = { ...DEFAULT_ENGINE_OPTIONS, lexicons: extendLexicons({ jargon: [{ phrase: 'check' }] }) };
    const tasks = records.map((record) => ({ record, dismissals: [] }));
    const halves = await Promise.all([
      pool.score(tasks.slice(0, 100), engine),
      pool.score(tasks.slice(100), engine),
    ]);
    expect(halves.flat()).toEqual(records.map((record) => scoreConversation(record, engine)));
  });

  test('an empty batch needs no worker; a closed pool refuses work with a sentence', async () => {
    expect(await pool.score([], DEFAULT_ENGINE_OPTIONS)).toEqual([]);
    const closed = startScoringPool(1);
    await closed.close();
    await expect(
      closed.score(
        [{ record: records[0] as (typeof records)[number], dismissals: [] }],
        DEFAULT_ENGINE_OPTIONS,
      ),
    ).rejects.toThrow('the scoring pool is closed');
  });
});
