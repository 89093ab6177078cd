import { type Kysely, sql } from 'kysely';

/**
 * Whether a log gave an `events` list at all: without one, follow-up and resolution are unknown (null),
 * with an empty one they are known misses; recomputing must tell the two apart.
 *
 * Email threads and social conversations run for weeks: turn offsets and response gaps past 2³¹ ms
 * (24.8 days) do not fit in `int`. Offsets become bigint, gaps float8 (exact for whole ms to 2⁵³).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE conversations ADD COLUMN events_given boolean NOT NULL DEFAULT true`.execute(db);
  await sql`ALTER TABLE turns ALTER COLUMN start_ms TYPE bigint, ALTER COLUMN end_ms TYPE bigint`.execute(db);
  await sql`ALTER TABLE conversation_metrics ALTER COLUMN response_gaps TYPE float8[]`.execute(db);
  await sql`ALTER TABLE agent_day ALTER COLUMN response_gaps TYPE float8[]`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE agent_day ALTER COLUMN response_gaps TYPE int[]`.execute(db);
  await sql`ALTER TABLE conversation_metrics ALTER COLUMN response_gaps TYPE int[]`.execute(db);
  await sql`ALTER TABLE turns ALTER COLUMN start_ms TYPE int, ALTER COLUMN end_ms TYPE int`.execute(db);
  await sql`ALTER TABLE conversations DROP COLUMN events_given`.execute(db);
}
