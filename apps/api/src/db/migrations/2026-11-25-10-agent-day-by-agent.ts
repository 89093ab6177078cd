import { type Kysely, sql } from 'kysely';

/** Agent trends filter the rollup by agent without a team: the primary key starts with the team. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX agent_day_agent_day ON agent_day (organisation_id, agent_id, day)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX agent_day_agent_day`.execute(db);
}
