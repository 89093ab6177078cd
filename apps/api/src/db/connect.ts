import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, type KyselyConfig, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { log } from '../observability/log.ts';
import { CopyingClient } from './copy.ts';
import type { Database } from './database.ts';
import { pgliteWithCopy } from './pglite-copy.ts';
import { createPglite } from './pglite-template.ts';
import { type EmbeddedDatabase, startPgliteThread } from './pglite-thread.ts';
import { SCHEMA_TEMPLATE_FILE } from './schema-template.ts';
import { DATE, INT8, NUMERIC, PGLITE_PARSERS } from './type-parsers.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PostgreSQL only: the URL, for pg-boss, which keeps a pool of its own (jobs/job-queue.ts). */
  url?: string;
  /** PGlite only: the instance, for pg-boss's multi-statement SQL (jobs/pglite-executor.ts). */
  pglite?: EmbeddedDatabase;
  /** PostgreSQL only: the pool's connections and waiting queries, for `/metrics`. */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

export interface ConnectOptions {
  /** A postgres:// URL; without one, Rapport runs on embedded PGlite. */
  databaseUrl?: string | undefined;
  /** The embedded database's folder; `memory://` keeps it in memory (tests only: slow for bulk). */
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate each run in its own). */
  schema?: string;
  /** Kysely's query log: the organisation-scope test reads every statement the app sends. */
  queryLog?: KyselyConfig['log'];
  /**
   * PGlite only: run it in a worker thread of its own (pglite-thread.ts), as the server does, so that
   * queries do not hold up the event loop. Scripts and tests run it in their own thread.
   */
  pgliteThread?: boolean;
}

export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? connectPostgres(options.databaseUrl, options.schema, options.queryLog)
    : connectPglite(options.dataDir, options.queryLog, options.pgliteThread ?? false);
}

async function connectPostgres(
  url: string,
  schema: string | undefined,
  queryLog: KyselyConfig['log'],
): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    Client: CopyingClient,
    max: 8,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8 || oid === NUMERIC) return Number;
        if (oid === DATE) return (value: string) => value;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that the server ends (restart, DROP DATABASE … FORCE) must not crash the process.
  let closing = false;
  pool.on('error', (error) => {
    if (!closing) log.error({ err: error }, `PostgreSQL connection lost: ${error.message}`);
  });
  // Fail early with a clear message instead of on the first query.
  const client = await pool.connect().catch((error: Error) => {
    throw new Error(`Cannot connect to PostgreSQL (${redact(url)}): ${error.message}`);
  });
  client.release();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(queryLog ? { log: queryLog } : {}),
  });
  return {
    db,
    kind: 'postgres',
    url,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => {
      closing = true;
      return db.destroy();
    },
  };
}

async function connectPglite(
  dataDir: string,
  queryLog: KyselyConfig['log'],
  thread: boolean,
): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  // A new database starts from the migrated template when `pnpm build` has made it.
  const pglite: EmbeddedDatabase = thread
    ? await startPgliteThread(dataDir, SCHEMA_TEMPLATE_FILE)
    : pgliteWithCopy(await createPglite(dataDir, { parsers: PGLITE_PARSERS }, SCHEMA_TEMPLATE_FILE));
  const db = new Kysely<Database>({
    // The dialect calls only `query` and `close`, which the thread answers as PGlite does.
    dialect: new PGliteDialect(pglite as PGlite),
    ...(queryLog ? { log: queryLog } : {}),
  });
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      // Kysely closes the database only if it ever ran a query; the thread must end either way.
      if (thread) await pglite.close();
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
