import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export async function organisationTimeZone(db: Kysely<Database>, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom('organisations')
    .select('time_zone')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}
