import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Raises the organisation's data version: every write that changes what a dashboard reads calls this
 * inside its own transaction, so the new version becomes visible exactly when the write does, to
 * every server process, and a write that rolls back leaves it as it was.
 *
 * Call it as the write's last statement: it locks the organisation's version row until the commit,
 * and a lock taken last cannot close a cycle with the conversation and rollup locks (write-locks.ts)
 * taken before it; concurrent writers then queue only for their commits.
 */
export async function bumpDataVersion(trx: Kysely<Database>, organisationId: string): Promise<void> {
  await sql`
    INSERT INTO data_versions (organisation_id, version) VALUES (${organisationId}, 1)
    ON CONFLICT (organisation_id) DO UPDATE SET version = data_versions.version + 1`.execute(trx);
}

/** The organisation's data version as a string (bigint); '0' before its first write. */
export async function dataVersion(db: Kysely<Database>, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom('data_versions')
    .select('version')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return versionText(row?.version ?? null);
}

/** A version as the read cache keys it: '0' before the organisation's first write (no row). */
export function versionText(version: string | number | bigint | null): string {
  return version === null ? '0' : String(version);
}

/**
 * `write` and the version bump as one transaction (or inside the caller's, when `db` is one): for a
 * write of a single statement that has no transaction of its own.
 */
export async function withNewDataVersion<T>(
  db: Kysely<Database>,
  organisationId: string,
  write: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const run = async (trx: Kysely<Database>) => {
    const result = await write(trx);
    await bumpDataVersion(trx, organisationId);
    return result;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
