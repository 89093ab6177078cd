import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pgliteExecutor } from '../jobs/pglite-executor.ts';
import { connect, type DatabaseHandle } from './connect.ts';
import { copyRows } from './copy.ts';
import type { Database } from './database.ts';

/** The embedded database in its own thread answers as it does in the caller's: the same values and errors. */
describe('PGlite in a thread of its own', () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  const probe = (trx: Kysely<Database>, rows: (string | number | null)[][]) =>
    copyRows(trx, 'probe' as keyof Database, ['id', 'body', 'n', 'day'], rows);

  beforeAll(async () => {
    handle = await connect({ dataDir: 'memory://', pgliteThread: true });
    db = handle.db;
    await sql`CREATE TABLE probe (id int PRIMARY KEY, body text, n bigint, day date, at timestamptz DEFAULT '2026-12-01T10:00:00Z')`.execute(
      db,
    );
    // Opening PGlite takes seconds, more on a busy machine.
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  test('parameters go in and rows come out with the app-wide parsers (bigint as number, date as text)', async () => {
    await sql`INSERT INTO probe (id, body, n, day) VALUES (${1}, ${'tab\there'}, ${9_007_199_254}, ${'2026-11-30'})`.execute(
      db,
    );
    const { rows } = await sql<{ id: number; body: string; n: number; day: string; at: Date }>`
      SELECT id, body, n, day, at FROM probe WHERE id = ${1}`.execute(db);
    expect(rows).toEqual([
      { id: 1, body: 'tab\there', n: 9_007_199_254, day: '2026-11-30', at: new Date('2026-12-01T10:00:00Z') },
    ]);
  });

  test('a COPY runs in the thread, inside the caller’s transaction', async () => {
    await db.transaction().execute((trx) =>
      probe(trx, [
        [2, 'line\nbreak', 5, '2026-12-01'],
        [3, null, null, null],
      ]),
    );
    const { rows } = await sql<{ id: number; body: string | null }>`
      SELECT id, body FROM probe WHERE id IN (2, 3) ORDER BY id`.execute(db);
    expect(rows).toEqual([
      { id: 2, body: 'line\nbreak' },
      { id: 3, body: null },
    ]);
  });

  test('a database error keeps its code and constraint, and a failed transaction leaves nothing', async () => {
    const failed = db.transaction().execute(async (trx) => {
      await sql`INSERT INTO probe (id, body) VALUES (10, 'kept only if all commit')`.execute(trx);
      await sql`INSERT INTO probe (id, body) VALUES (1, 'a duplicate')`.execute(trx);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505', constraint: 'probe_pkey' });
    await expect(failed).rejects.toThrow('duplicate key value violates unique constraint');
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM probe WHERE id = 10`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });

  test('pg-boss’s multi-statement texts run, and a failed one is rolled back', async () => {
    const executor = pgliteExecutor(db, handle.pglite as NonNullable<DatabaseHandle['pglite']>);
    const result = await executor.executeSql(
      'CREATE TABLE boss_probe (x int); INSERT INTO boss_probe VALUES (7); SELECT x FROM boss_probe',
      [],
    );
    expect(result.rows).toEqual([{ x: 7 }]);
    await expect(
      executor.executeSql('BEGIN; INSERT INTO boss_probe VALUES (8); SELECT 1/0; COMMIT', []),
    ).rejects.toThrow('division by zero');
    expect((await executor.executeSql('SELECT count(*)::int AS n FROM boss_probe', [])).rows).toEqual([
      { n: 1 },
    ]);
    expect(await handle.pglite?.isInTransaction()).toBe(false);
  });

  test('after close, a query is refused with a clear error', { timeout: 60_000 }, async () => {
    const other = await connect({ dataDir: 'memory://', pgliteThread: true });
    await other.close();
    await expect(other.pglite?.query('SELECT 1')).rejects.toThrow('embedded database');
  });
});
