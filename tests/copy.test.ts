import { copyRows } from '@rapport/api/db/copy.ts';
import type { Database } from '@rapport/api/db/database.ts';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { count, createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';

// Text that COPY's format must escape (backslash, tab, line breaks), and text that looks like its
// markers (`\N`, a literal "\t") but is plain text.
const AWKWARD = [
  'tab\there',
  'two\nlines\r\nand CR',
  'back\\slash and a literal \\N and \\t',
  '\\N',
  'emoji 👍 and accents: café, naïve',
  '',
];

type Row = readonly (string | number | boolean | null | readonly number[])[];

/** Copies into the probe table, which is not part of the application's schema. */
const copyProbe = (trx: Kysely<Database>, columns: string[], rows: Row[]) =>
  copyRows(trx, 'copy_probe' as keyof Database, columns, rows);

describe.each(DATABASE_KINDS)('bulk COPY writes on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await sql`CREATE TABLE copy_probe (id int, body text, gaps float8[], flag boolean, at timestamptz)`.execute(
      database.db,
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('every value reads back exactly as written, nulls as nulls', async () => {
    const rows: Row[] = AWKWARD.map((body, i) => [
      i,
      body,
      [1200, 3400.5],
      i % 2 === 0,
      '2026-11-02T09:00:00.000Z',
    ]);
    rows.push([AWKWARD.length, null, [], null, null]);
    await database.db
      .transaction()
      .execute((trx) => copyProbe(trx, ['id', 'body', 'gaps', 'flag', 'at'], rows));
    const { rows: stored } = await sql<{
      id: number;
      body: string | null;
      gaps: number[];
      flag: boolean | null;
      at: Date | null;
    }>`SELECT id, body, gaps, flag, at FROM copy_probe ORDER BY id`.execute(database.db);
    expect(stored.map((r) => r.body)).toEqual([...AWKWARD, null]);
    expect(stored[0]?.gaps).toEqual([1200, 3400.5]);
    expect(stored[AWKWARD.length]?.gaps).toEqual([]);
    expect(stored.map((r) => r.flag)).toEqual([true, false, true, false, true, false, null]);
    expect(new Date(stored[0]?.at as Date).toISOString()).toBe('2026-11-02T09:00:00.000Z');
    expect(stored[AWKWARD.length]?.at).toBeNull();
  });

  test('a copy inside a transaction that fails later leaves nothing behind', async () => {
    await sql`TRUNCATE copy_probe`.execute(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await copyProbe(trx, ['id', 'body'], [[1, 'kept?']]);
        throw new Error('the batch fails after its copy');
      }),
    ).rejects.toThrow('the batch fails after its copy');
    expect(await count(database, 'copy_probe')).toBe(0);
  });

  test('a row the table refuses fails the whole copy, with the database saying why', async () => {
    await expect(
      database.db.transaction().execute((trx) =>
        copyProbe(
          trx,
          ['id', 'body'],
          [
            [1, 'fine'],
            ['not a number', 'bad'],
          ],
        ),
      ),
    ).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await count(database, 'copy_probe')).toBe(0);
  });
});
