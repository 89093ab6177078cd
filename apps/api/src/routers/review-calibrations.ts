import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { agentById } from '../agents/agents.repository.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { notFound } from '../auth/hidden.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { calibrationResult } from '../reviews/agreement.ts';
import { eligibleReviewers } from '../reviews/assignments.repository.ts';
import {
  type CalibrationSession,
  insertCalibration,
  listCalibrations,
} from '../reviews/calibrations.repository.ts';
import { invalidReview, reviewableConversation } from '../reviews/review-access.ts';
import { listReviews } from '../reviews/reviews.repository.ts';
import { AnswerValue } from '../reviews/rubric.ts';
import { ensureBuiltInRubric, rubricVersion } from '../reviews/rubrics.repository.ts';
import { submitReview } from '../reviews/submit-review.service.ts';
import { Id, Text } from '../text-input.ts';
import { procedureFor, router } from '../trpc.ts';

const RowId = z.number().int().positive();
export const CalibrationCreateInput = z
  .object({
    conversationId: Id,
    rubricId: RowId,
    reviewerIds: z
      .array(RowId)
      .min(2, 'Calibration needs at least two reviewers.')
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, 'Each reviewer once.'),
    benchmarkReviewerId: RowId,
  })
  .refine((s) => s.reviewerIds.includes(s.benchmarkReviewerId), {
    message: 'The benchmark reviewer must be one of the reviewers.',
    path: ['benchmarkReviewerId'],
  });
export const CalibrationIdInput = z.object({ id: RowId });
export const CalibrationAnswerInput = z.object({
  id: RowId,
  answers: z.record(Text(64), AnswerValue),
  comment: Text(5_000).trim().default(''),
});

/** A session the caller takes part in or created (admins: any); others get NOT_FOUND. */
async function visibleSession(
  db: Kysely<Database>,
  user: SessionUser,
  id: number,
): Promise<CalibrationSession> {
  const [session] = await listCalibrations(db, user.organisationId, {
    id,
    userId: user.role === 'admin' ? undefined : user.id,
  });
  if (!session) throw notFound(`No calibration session ${id}.`);
  return session;
}

/**
 * Calibration: several reviewers answer the same conversation on the same rubric version, blind to one
 * another until all have answered (each sees only their own answers); then everyone in the session
 * sees the answers side by side, each reviewer's alignment with the benchmark reviewer, and the
 * agreement per question and overall (reviews/agreement.ts). Calibration answers calibrate reviewers:
 * they are not reviews of the agent, who never sees them, and count in no agent's scores.
 */
export const calibrationsRouter = router({
  create: procedureFor('supervisor', 'admin')
    .input(CalibrationCreateInput)
    .mutation(async ({ ctx, input }) => {
      const conversation = await reviewableConversation(ctx.db, ctx.user, input.conversationId);
      await ensureBuiltInRubric(ctx.db, ctx.organisationId);
      const rubric = await rubricVersion(ctx.db, ctx.organisationId, input.rubricId);
      if (!rubric) throw notFound(`No rubric ${input.rubricId}.`);
      const teamId = (await agentById(ctx.db, ctx.organisationId, conversation.agentId))?.teamId ?? '';
      const eligible = await eligibleReviewers(ctx.db, ctx.organisationId, teamId, input.reviewerIds);
      const refused = input.reviewerIds.filter((id) => !eligible.has(id));
      if (refused.length > 0) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `Reviewers must be admins or supervisors of the agent's team; user ${refused.join(', ')} is not.`,
        });
      }
      const id = await ctx.db.transaction().execute(async (trx) => {
        const id = await insertCalibration(trx, ctx.organisationId, {
          conversationId: conversation.id,
          rubricId: rubric.id,
          rubricVersion: rubric.version,
          benchmarkReviewerId: input.benchmarkReviewerId,
          reviewerIds: input.reviewerIds,
          createdBy: ctx.user.id,
        });
        await writeAudit(trx, ctx.user, 'review.calibration.create', {
          calibrationId: id,
          conversationId: conversation.id,
          reviewerIds: input.reviewerIds,
        });
        return id;
      });
      // Notifications: a "calibration to answer" event for each reviewer would be sent here.
      return visibleSession(ctx.db, ctx.user, id);
    }),

  /** Sessions the caller takes part in or created (admins: all), with who has answered. */
  list: procedureFor('supervisor', 'admin').query(({ ctx }) =>
    listCalibrations(ctx.db, ctx.organisationId, {
      userId: ctx.user.role === 'admin' ? undefined : ctx.user.id,
    }),
  ),

  /** The session; the caller's own answers until it is complete, then everyone's with the results. */
  byId: procedureFor('supervisor', 'admin')
    .input(CalibrationIdInput)
    .query(async ({ ctx, input }) => {
      const session = await visibleSession(ctx.db, ctx.user, input.id);
      const rubric = await rubricVersion(ctx.db, ctx.organisationId, session.rubricId, session.rubricVersion);
      if (!rubric) throw notFound(`No rubric ${session.rubricId}.`);
      const answers = await listReviews(ctx.db, ctx.organisationId, { calibrationId: session.id });
      const shown = session.complete ? answers : answers.filter((r) => r.reviewerId === ctx.user.id);
      const byReviewer = (reviewerId: number) => answers.find((r) => r.reviewerId === reviewerId);
      return {
        ...session,
        rubric,
        answers: shown.map((r) => ({
          reviewerId: r.reviewerId,
          reviewer: r.reviewer,
          answers: r.answers,
          score: r.score,
          comment: r.comment,
        })),
        result: session.complete
          ? calibrationResult(
              rubric.definition,
              session.reviewers.map((p) => {
                const review = byReviewer(p.reviewerId);
                return {
                  reviewerId: p.reviewerId,
                  answers: review?.answers ?? {},
                  score: review?.score ?? null,
                };
              }),
              session.benchmarkReviewerId,
            )
          : null,
      };
    }),

  /** A reviewer's answers in the session, once, on the session's rubric version. */
  answer: procedureFor('supervisor', 'admin')
    .input(CalibrationAnswerInput)
    .mutation(async ({ ctx, input }) => {
      const session = await visibleSession(ctx.db, ctx.user, input.id);
      const me = session.reviewers.find((r) => r.reviewerId === ctx.user.id);
      if (!me) throw new TRPCError({ code: 'FORBIDDEN', message: 'You are not a reviewer in this session.' });
      if (me.answered)
        throw new TRPCError({ code: 'CONFLICT', message: 'You have already answered this session.' });
      const conversation = await reviewableConversation(ctx.db, ctx.user, session.conversationId);
      const rubric = await rubricVersion(ctx.db, ctx.organisationId, session.rubricId, session.rubricVersion);
      if (!rubric) throw notFound(`No rubric ${session.rubricId}.`);
      const result = await submitReview(ctx.db, ctx.user, {
        conversation,
        rubric,
        answers: input.answers,
        turnComments: [],
        comment: input.comment,
        calibrationId: session.id,
      }).catch((error: unknown) => {
        // Two answers at once from the same reviewer: the unique index lets one through.
        if (String((error as { code?: string }).code) === '23505')
          throw new TRPCError({ code: 'CONFLICT', message: 'You have already answered this session.' });
        throw error;
      });
      if (!result.ok) throw invalidReview(result.problems);
      return visibleSession(ctx.db, ctx.user, session.id);
    }),
});
