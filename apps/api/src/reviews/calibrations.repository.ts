import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface CalibrationSession {
  id: number;
  conversationId: string;
  rubricId: number;
  rubricVersion: number;
  benchmarkReviewerId: number;
  createdBy: string;
  createdById: number;
  createdAt: string;
  reviewers: { reviewerId: number; reviewer: string; answered: boolean }[];
  /** Every reviewer has answered: answers are no longer blind. */
  complete: boolean;
}

export interface NewCalibration {
  conversationId: string;
  rubricId: number;
  rubricVersion: number;
  benchmarkReviewerId: number;
  reviewerIds: readonly number[];
  createdBy: number;
}

/** Run it in a transaction: the session and its reviewers are written together. */
export async function insertCalibration(
  trx: Kysely<Database>,
  organisationId: string,
  session: NewCalibration,
): Promise<number> {
  const { id } = await trx
    .insertInto('calibration_sessions')
    .values({
      organisation_id: organisationId,
      conversation_id: session.conversationId,
      rubric_id: session.rubricId,
      rubric_version: session.rubricVersion,
      benchmark_reviewer_id: session.benchmarkReviewerId,
      created_by: session.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('calibration_reviewers')
    .values(
      session.reviewerIds.map((reviewerId) => ({
        organisation_id: organisationId,
        calibration_id: id,
        reviewer_id: reviewerId,
      })),
    )
    .execute();
  return id;
}

/** Sessions newest first: all of them, or those a user takes part in or created. */
export async function listCalibrations(
  db: Kysely<Database>,
  organisationId: string,
  filter: { userId?: number | undefined; id?: number | undefined },
): Promise<CalibrationSession[]> {
  let query = db
    .selectFrom('calibration_sessions as s')
    .innerJoin('users as author', 'author.id', 's.created_by')
    .select([
      's.id',
      's.conversation_id',
      's.rubric_id',
      's.rubric_version',
      's.benchmark_reviewer_id',
      's.created_by',
      'author.email',
      's.created_at',
    ])
    .where('s.organisation_id', '=', organisationId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc');
  if (filter.id !== undefined) query = query.where('s.id', '=', filter.id);
  const userId = filter.userId;
  if (userId !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('s.created_by', '=', userId),
        eb.exists(
          eb
            .selectFrom('calibration_reviewers as p')
            .select('p.reviewer_id')
            .whereRef('p.organisation_id', '=', 's.organisation_id')
            .whereRef('p.calibration_id', '=', 's.id')
            .where('p.reviewer_id', '=', userId),
        ),
      ]),
    );
  }
  const sessions = await query.execute();
  if (sessions.length === 0) return [];
  const reviewers = await db
    .selectFrom('calibration_reviewers as p')
    .innerJoin('users as u', 'u.id', 'p.reviewer_id')
    .leftJoin('reviews as r', (j) =>
      j
        .onRef('r.organisation_id', '=', 'p.organisation_id')
        .onRef('r.calibration_id', '=', 'p.calibration_id')
        .onRef('r.reviewer_id', '=', 'p.reviewer_id'),
    )
    .select(['p.calibration_id', 'p.reviewer_id', 'u.email', 'r.id as review_id'])
    .where('p.organisation_id', '=', organisationId)
    .where(
      'p.calibration_id',
      'in',
      sessions.map((s) => s.id),
    )
    .orderBy('p.reviewer_id')
    .execute();
  return sessions.map((s) => {
    const own = reviewers
      .filter((r) => r.calibration_id === s.id)
      .map((r) => ({ reviewerId: r.reviewer_id, reviewer: r.email, answered: r.review_id !== null }));
    return {
      id: s.id,
      conversationId: s.conversation_id,
      rubricId: s.rubric_id,
      rubricVersion: s.rubric_version,
      benchmarkReviewerId: s.benchmark_reviewer_id,
      createdBy: s.email,
      createdById: s.created_by,
      createdAt: new Date(s.created_at).toISOString(),
      reviewers: own,
      complete: own.every((r) => r.answered),
    };
  });
}
