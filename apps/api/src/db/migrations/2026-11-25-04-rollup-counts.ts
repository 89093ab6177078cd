import { type Kysely, sql } from 'kysely';

/** Frozen copy of the fraction metrics when this migration was written (see 01-initial). */
const FRACTION_COLUMNS = [
  'first_response_ms',
  'response_time_ms',
  'response_within_target_rate',
  'handle_time_ms',
  'interruptions_per_conversation',
  'talk_ratio',
  'paraphrase_rate',
  'clarifying_question_rate',
  'empathy_rate',
  'negative_language_per100_words',
  'argument_rate',
  'thank_rate',
  'personalization_rate',
  'jargon_per100_words',
  'avg_sentence_words',
  'follow_up_rate',
  'transfer_without_explanation_rate',
  'overpromise_rate',
  'promise_kept_rate',
  'feedback_request_rate',
  'script_reliance',
  'csat',
  'feedback_sentiment',
  'customer_sentiment_shift',
  'resolution_rate',
];

/** Per metric, how many conversations stand behind a rollup row's sums (the `n` of a value). */
export async function up(db: Kysely<any>): Promise<void> {
  const columns = FRACTION_COLUMNS.map((c) => `ADD COLUMN ${c}_n int NOT NULL DEFAULT 0`).join(', ');
  await sql.raw(`ALTER TABLE agent_day ${columns}`).execute(db);
  const counts = FRACTION_COLUMNS.map((c) => `${c}_n = s.${c}_n`).join(', ');
  const selects = FRACTION_COLUMNS.map((c) => `count(m.${c}_den)::int AS ${c}_n`).join(', ');
  await sql
    .raw(`
    UPDATE agent_day d SET ${counts}
    FROM (SELECT organisation_id, team_id, agent_id, day, channel, queue, ${selects}
          FROM conversation_metrics m GROUP BY 1, 2, 3, 4, 5, 6) s
    WHERE d.organisation_id = s.organisation_id AND d.team_id = s.team_id AND d.agent_id = s.agent_id
      AND d.day = s.day AND d.channel = s.channel AND d.queue = s.queue`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const columns = FRACTION_COLUMNS.map((c) => `DROP COLUMN ${c}_n`).join(', ');
  await sql.raw(`ALTER TABLE agent_day ${columns}`).execute(db);
}
