import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ConnectOptions, connect, type DatabaseHandle } from '@rapport/api/db/connect.ts';
import { migrateToLatest } from '@rapport/api/db/migrate.ts';
import { sql } from 'kysely';
import pg from 'pg';
import { test } from 'vitest';

/** Real PostgreSQL for tests; CI has it on 127.0.0.1:5432 with trust auth. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type TestDatabaseKind = (typeof DATABASE_KINDS)[number];

/**
 * `test`, defined only in the run of one database: a check of a part only that database has (its
 * pool, a second process on it) is absent from the other run rather than reported as skipped there.
 */
export function testOnlyOn(kind: TestDatabaseKind, only: TestDatabaseKind) {
  return (name: string, check: () => unknown) => {
    if (kind === only) test(name, check);
  };
}

export interface TestDatabase extends DatabaseHandle {
  /** For a process (the CLI, the server) that should use the same database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of the given kind: PGlite in its own temporary folder, or a PostgreSQL
 * database of its own on the test server. `drop()` removes it.
 */
export async function createTestDatabase(
  kind: TestDatabaseKind,
  options: Pick<ConnectOptions, 'queryLog'> = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-test-'));
    const handle = await connect({ dataDir, ...options });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      env: { RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '' },
      async drop() {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `rapport_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await connect({ databaseUrl: url.toString(), dataDir: '', ...options });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    env: { DATABASE_URL: url.toString() },
    async drop() {
      await handle.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function count(handle: DatabaseHandle, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    handle.db,
  );
  return rows[0]?.n ?? 0;
}
