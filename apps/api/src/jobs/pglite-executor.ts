import type { Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { EmbeddedDatabase } from '../db/pglite-thread.ts';

/**
 * pg-boss's `db` option on embedded PGlite. Two things differ from a pg pool:
 *
 * - pg-boss sends its schema creation, migrations and maintenance as one multi-statement text
 *   (`BEGIN; SELECT pg_advisory_xact_lock(…); …; COMMIT`) without parameters, which PGlite runs only
 *   through `exec` (its `query` is the extended protocol: one statement per call);
 * - PGlite is one session, shared with the app's Kysely instance. Each statement is therefore run
 *   while holding Kysely's single connection, so that it never lands inside an app transaction
 *   (nor an app statement inside pg-boss's), and a failed multi-statement text is rolled back so the
 *   session is not left in an aborted transaction.
 */
export function pgliteExecutor(db: Kysely<Database>, pglite: EmbeddedDatabase): PgBoss.Db {
  return {
    executeSql: (text: string, values?: unknown[]) =>
      db.connection().execute(async () => {
        if (values && values.length > 0) {
          const { rows } = await pglite.query(text, values);
          return { rows };
        }
        try {
          const results = await pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        } catch (error) {
          if (await pglite.isInTransaction()) await pglite.exec('ROLLBACK');
          throw error;
        }
      }),
  };
}
