import { type Kysely, sql } from 'kysely';
import type { AppealStatus, Database } from '../db/database.ts';
import type { PreAnswer } from './pre-answer.ts';
import type { Answers } from './rubric.ts';
import type { ReviewScore } from './score.ts';

export interface TurnComment {
  turn: number;
  text: string;
}

export interface Appeal {
  comment: string;
  at: string;
  status: AppealStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface Review {
  id: number;
  conversationId: string;
  agentId: string;
  agentName: string | null;
  /** The agent's current team: what scope rules read (auth/scope.ts). */
  teamId: string | null;
  /** The conversation's day. */
  day: string;
  rubricId: number;
  rubricVersion: number;
  reviewerId: number;
  reviewer: string;
  answers: Answers;
  preAnswers: PreAnswer[];
  turnComments: TurnComment[];
  comment: string;
  score: number | null;
  criticalScore: number | null;
  autoFailed: boolean;
  sections: ReviewScore['sections'];
  calibrationId: number | null;
  createdAt: string;
  acknowledgedAt: string | null;
  appeal: Appeal | null;
}

export interface NewReview {
  conversationId: string;
  agentId: string;
  day: string;
  rubricId: number;
  rubricVersion: number;
  reviewerId: number;
  answers: Answers;
  preAnswers: PreAnswer[];
  turnComments: TurnComment[];
  comment: string;
  score: ReviewScore;
  calibrationId: number | null;
}

/** The agent a conversation belongs to and its day; null when it is not stored (or not yet scored). */
export async function conversationForReview(
  db: Kysely<Database>,
  organisationId: string,
  conversationId: string,
): Promise<{ agentId: string; day: string; turns: number } | null> {
  const row = await db
    .selectFrom('conversation_metrics as m')
    .select(({ selectFrom }) => [
      'm.agent_id',
      'm.day',
      selectFrom('turns as t')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .whereRef('t.organisation_id', '=', 'm.organisation_id')
        .whereRef('t.conversation_id', '=', 'm.conversation_id')
        .as('turns'),
    ])
    .where('m.organisation_id', '=', organisationId)
    .where('m.conversation_id', '=', conversationId)
    .executeTakeFirst();
  return row ? { agentId: row.agent_id, day: row.day, turns: Number(row.turns ?? 0) } : null;
}

export async function insertReview(
  db: Kysely<Database>,
  organisationId: string,
  review: NewReview,
): Promise<number> {
  const row = await db
    .insertInto('reviews')
    .values({
      organisation_id: organisationId,
      conversation_id: review.conversationId,
      agent_id: review.agentId,
      day: review.day,
      rubric_id: review.rubricId,
      rubric_version: review.rubricVersion,
      reviewer_id: review.reviewerId,
      answers: JSON.stringify(review.answers),
      pre_answers: JSON.stringify(review.preAnswers),
      turn_comments: JSON.stringify(review.turnComments),
      comment: review.comment,
      score: review.score.score,
      critical_score: review.score.criticalScore,
      auto_failed: review.score.autoFailed,
      section_scores: JSON.stringify(review.score.sections),
      calibration_id: review.calibrationId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function reviews(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('reviews as r')
    .leftJoin('agents as a', (j) =>
      j.onRef('a.organisation_id', '=', 'r.organisation_id').onRef('a.id', '=', 'r.agent_id'),
    )
    .innerJoin('users as reviewer', 'reviewer.id', 'r.reviewer_id')
    .leftJoin('users as decider', 'decider.id', 'r.appeal_decided_by')
    .selectAll('r')
    .select(['a.name as agent_name', 'a.team_id', 'reviewer.email as reviewer', 'decider.email as decider'])
    .where('r.organisation_id', '=', organisationId);
}

type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviews>['executeTakeFirstOrThrow']>>;

function toReview(row: ReviewRow): Review {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    teamId: row.team_id,
    day: row.day,
    rubricId: row.rubric_id,
    rubricVersion: row.rubric_version,
    reviewerId: row.reviewer_id,
    reviewer: row.reviewer,
    answers: row.answers as Answers,
    preAnswers: row.pre_answers as PreAnswer[],
    turnComments: row.turn_comments as TurnComment[],
    comment: row.comment,
    score: row.score,
    criticalScore: row.critical_score,
    autoFailed: row.auto_failed,
    sections: row.section_scores as ReviewScore['sections'],
    calibrationId: row.calibration_id,
    createdAt: iso(row.created_at),
    acknowledgedAt: row.acknowledged_at ? iso(row.acknowledged_at) : null,
    appeal:
      row.appeal_status && row.appealed_at
        ? {
            comment: row.appeal_comment ?? '',
            at: iso(row.appealed_at),
            status: row.appeal_status,
            decidedBy: row.decider,
            decidedAt: row.appeal_decided_at ? iso(row.appeal_decided_at) : null,
            note: row.appeal_note,
          }
        : null,
  };
}

export async function reviewById(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<Review | null> {
  const row = await reviews(db, organisationId).where('r.id', '=', id).executeTakeFirst();
  return row ? toReview(row) : null;
}

export interface ReviewFilter {
  agentId?: string | undefined;
  /** The agent's current team. */
  teamId?: string | undefined;
  reviewerId?: number | undefined;
  conversationId?: string | undefined;
  calibrationId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Leave out reviews withdrawn by an upheld appeal. */
  standing?: boolean | undefined;
}

/**
 * Newest first. Calibration answers are left out unless a session is asked for: they calibrate the
 * reviewers and are not reviews of the agent.
 */
export async function listReviews(
  db: Kysely<Database>,
  organisationId: string,
  filter: ReviewFilter,
): Promise<Review[]> {
  let query = reviews(db, organisationId).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc');
  if (filter.agentId) query = query.where('r.agent_id', '=', filter.agentId);
  if (filter.teamId) query = query.where('a.team_id', '=', filter.teamId);
  if (filter.reviewerId) query = query.where('r.reviewer_id', '=', filter.reviewerId);
  if (filter.conversationId) query = query.where('r.conversation_id', '=', filter.conversationId);
  if (filter.from) query = query.where('r.day', '>=', filter.from);
  if (filter.to) query = query.where('r.day', '<=', filter.to);
  if (filter.standing) query = query.where(standing);
  query =
    filter.calibrationId === undefined
      ? query.where('r.calibration_id', 'is', null)
      : query.where('r.calibration_id', '=', filter.calibrationId);
  return (await query.execute()).map(toReview);
}

/** A review that counts: not withdrawn by an upheld appeal. */
const standing = sql<boolean>`r.appeal_status IS DISTINCT FROM 'upheld'`;

export interface ReviewSummary {
  /** Reviews that count: of conversations in the period, not withdrawn, not calibration answers. */
  reviews: number;
  /** Mean review score (1 = 100 %, above with a bonus); null without a scored review. */
  meanScore: number | null;
  meanCriticalScore: number | null;
  autoFailed: number;
}

/** Each agent's review numbers for a period (by the conversations' days); agents without reviews too. */
export async function reviewSummaries(
  db: Kysely<Database>,
  organisationId: string,
  agentIds: readonly string[],
  period: { from: string; to: string },
): Promise<Record<string, ReviewSummary>> {
  const summaries: Record<string, ReviewSummary> = {};
  for (const id of agentIds)
    summaries[id] = { reviews: 0, meanScore: null, meanCriticalScore: null, autoFailed: 0 };
  if (agentIds.length === 0) return summaries;
  const rows = await db
    .selectFrom('reviews as r')
    .select((eb) => [
      'r.agent_id',
      eb.fn.countAll<number>().as('reviews'),
      eb.fn.avg<number | null>('r.score').as('mean_score'),
      eb.fn.avg<number | null>('r.critical_score').as('mean_critical_score'),
      sql<number>`count(*) FILTER (WHERE r.auto_failed)`.as('auto_failed'),
    ])
    .where('r.organisation_id', '=', organisationId)
    .where('r.agent_id', 'in', agentIds)
    .where('r.day', '>=', period.from)
    .where('r.day', '<=', period.to)
    .where('r.calibration_id', 'is', null)
    .where(standing)
    .groupBy('r.agent_id')
    .execute();
  for (const row of rows) {
    summaries[row.agent_id] = {
      reviews: Number(row.reviews),
      meanScore: row.mean_score === null ? null : Number(row.mean_score),
      meanCriticalScore: row.mean_critical_score === null ? null : Number(row.mean_critical_score),
      autoFailed: Number(row.auto_failed),
    };
  }
  return summaries;
}

/** Once, by the agent; false when already acknowledged. */
export async function acknowledgeReview(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<boolean> {
  const updated = await db
    .updateTable('reviews')
    .set({ acknowledged_at: sql<Date>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** One appeal per review; false when it already has one. */
export async function appealReview(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
  comment: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('reviews')
    .set({ appeal_comment: comment, appealed_at: sql<Date>`now()`, appeal_status: 'open' })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('appeal_status', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Records the decision once; false when the appeal is not open. */
export async function decideAppeal(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
  decision: { status: 'upheld' | 'rejected'; decidedBy: number; note: string | null },
): Promise<boolean> {
  const updated = await db
    .updateTable('reviews')
    .set({
      appeal_status: decision.status,
      appeal_decided_by: decision.decidedBy,
      appeal_decided_at: sql<Date>`now()`,
      appeal_note: decision.note,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('appeal_status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

export async function reviewSettings(
  db: Kysely<Database>,
  organisationId: string,
): Promise<{ showReviewerToAgents: boolean }> {
  const row = await db
    .selectFrom('review_settings')
    .select('show_reviewer_to_agents')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return { showReviewerToAgents: row?.show_reviewer_to_agents ?? true };
}

export async function saveReviewSettings(
  db: Kysely<Database>,
  organisationId: string,
  settings: { showReviewerToAgents: boolean },
): Promise<void> {
  await db
    .insertInto('review_settings')
    .values({ organisation_id: organisationId, show_reviewer_to_agents: settings.showReviewerToAgents })
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({ show_reviewer_to_agents: settings.showReviewerToAgents }),
    )
    .execute();
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
