import type { Env } from '../env.ts';
import { connect, type DatabaseHandle } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

/** Connects as the environment says (PGlite without DATABASE_URL) and migrates to the latest schema. */
export async function openDatabase(env: Env): Promise<DatabaseHandle> {
  const handle = await connect({ databaseUrl: env.DATABASE_URL, dataDir: env.RAPPORT_DATA_DIR });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
