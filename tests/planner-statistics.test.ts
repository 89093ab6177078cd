import { analyzeAfterGrowth } from '@rapport/api/db/planner-statistics.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

const CONVERSATIONS = 1_000;

/**
 * After a bulk ingest the planner learns the tables' sizes and their keys' distributions; the facts'
 * and rollups' metric columns, which are only summed, are left out of the analysis.
 */
describe.each(DATABASE_KINDS)('planner statistics on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await sql`INSERT INTO agents (organisation_id, id) VALUES ('default', 'a-1'), ('default', 'a-2')`.execute(
      database.db,
    );
    await sql`
      INSERT INTO conversations (organisation_id, id, channel, started_at, ended_at, agent_id)
      SELECT 'default', 'c-' || i, 'chat', '2026-11-01'::timestamptz + i * interval '1 hour',
        '2026-11-01'::timestamptz + i * interval '1 hour' + interval '5 minutes', 'a-' || (1 + i % 2)
      FROM generate_series(1, ${CONVERSATIONS}) i`.execute(database.db);
    await sql`
      INSERT INTO conversation_metrics (organisation_id, conversation_id, agent_id, team_id, channel, queue, day,
        response_gaps, handle_time_ms_num, handle_time_ms_den)
      SELECT 'default', 'c-' || i, 'a-' || (1 + i % 2), '', 'chat', '', '2026-11-01'::date + i / 24, '{}', 300000, 1
      FROM generate_series(1, ${CONVERSATIONS}) i`.execute(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const analysed = async (table: string) => {
    const { rows } = await sql<{ attname: string }>`
      SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = ${table}`.execute(
      database.db,
    );
    return rows.map((r) => r.attname).sort();
  };

  test('a small import is not analysed; one that grew the data by a tenth is, keys only for the facts', async () => {
    expect(await analyzeAfterGrowth(database.db, 'default', CONVERSATIONS - 1)).toBe(false);
    expect(await analysed('conversation_metrics')).toEqual([]);

    expect(await analyzeAfterGrowth(database.db, 'default', CONVERSATIONS)).toBe(true);
    expect(await analysed('conversations')).toContain('started_at');
    expect(await analysed('conversation_metrics')).toEqual(
      ['agent_id', 'channel', 'conversation_id', 'day', 'organisation_id', 'queue', 'team_id'].sort(),
    );
    const { rows } = await sql<{ reltuples: number }>`
      SELECT reltuples FROM pg_class WHERE relname = 'conversation_metrics'`.execute(database.db);
    expect(Number(rows[0]?.reltuples)).toBe(CONVERSATIONS);
  });
});
