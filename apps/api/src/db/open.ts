import type { Env } from '../env.ts';
import { connect, type DatabaseHandle } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Connects as the environment says (PGlite without DATABASE_URL) and migrates to the latest schema.
 * `pgliteThread`: the server's choice (connect.ts).
 */
export async function openDatabase(
  env: Env,
  options: { pgliteThread?: boolean } = {},
): Promise<DatabaseHandle> {
  const handle = await connect({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.RAPPORT_DATA_DIR,
    pgliteThread: options.pgliteThread ?? false,
  });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
