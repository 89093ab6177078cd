import { type Kysely, sql } from 'kysely';

/** `nonTalkTimeShare` (METRICS.md v2): its fraction in the facts, its sums and count in the rollups. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE conversation_metrics
      ADD COLUMN non_talk_time_share_num float8, ADD COLUMN non_talk_time_share_den float8`.execute(db);
  await sql`
    ALTER TABLE agent_day
      ADD COLUMN non_talk_time_share_num float8, ADD COLUMN non_talk_time_share_den float8,
      ADD COLUMN non_talk_time_share_n int NOT NULL DEFAULT 0`.execute(db);
  // Facts stored before it lack the metric: they are re-scored like facts of older definitions.
  await sql`UPDATE conversation_metrics SET definitions = 1 WHERE channel = 'voice'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE agent_day DROP COLUMN non_talk_time_share_num, DROP COLUMN non_talk_time_share_den,
      DROP COLUMN non_talk_time_share_n`.execute(db);
  await sql`
    ALTER TABLE conversation_metrics DROP COLUMN non_talk_time_share_num, DROP COLUMN non_talk_time_share_den`.execute(
    db,
  );
}
