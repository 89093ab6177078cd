import { Readable } from 'node:stream';
import { migrateToLatest } from '@rapport/api/db/migrate.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile } from './fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

const columnsOf = async (database: TestDatabase, table: string) =>
  (
    await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table}`.execute(database.db)
  ).rows.map((r) => r.column_name);

describe.each(DATABASE_KINDS)('storage of a metric new to the registry on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('a start adds the columns a registry metric lacks, and ingest then fills them', async () => {
    // As if nonTalkTimeShare had just been added to the registry: the schema does not know it yet.
    await sql`ALTER TABLE conversation_metrics DROP COLUMN non_talk_time_share_num,
      DROP COLUMN non_talk_time_share_den`.execute(database.db);
    await sql`ALTER TABLE agent_day DROP COLUMN non_talk_time_share_num, DROP COLUMN non_talk_time_share_den,
      DROP COLUMN non_talk_time_share_n`.execute(database.db);
    expect(await columnsOf(database, 'agent_day')).not.toContain('non_talk_time_share_n');

    await migrateToLatest(database.db);
    expect(await columnsOf(database, 'conversation_metrics')).toEqual(
      expect.arrayContaining(['non_talk_time_share_num', 'non_talk_time_share_den']),
    );
    expect(await columnsOf(database, 'agent_day')).toEqual(
      expect.arrayContaining(['non_talk_time_share_num', 'non_talk_time_share_den', 'non_talk_time_share_n']),
    );

    const summary = await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    expect(summary.accepted).toBe(3);
    // The hand-worked file holds one voice call, the only channel with non-talk time.
    const { rows } = await sql<{ n: number }>`
      SELECT sum(non_talk_time_share_n)::int AS n FROM agent_day`.execute(database.db);
    expect(rows[0]?.n).toBe(1);
  });
});
