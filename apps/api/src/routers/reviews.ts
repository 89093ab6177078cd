import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.ts';
import { notFound } from '../auth/hidden.ts';
import { notify } from '../notifications/notify.ts';
import { Day } from '../period.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
import { invalidReview, reviewableConversation } from '../reviews/review-access.ts';
import {
  engineAgreementFor,
  ownReview,
  prepareReview,
  readableReview,
  reviewsFor,
  reviewWithRubric,
  rubricOrMissing,
  viewReview,
} from '../reviews/review-reads.service.ts';
import {
  acknowledgeReview,
  appealReview,
  decideAppeal,
  reviewSettings,
  saveReviewSettings,
} from '../reviews/reviews.repository.ts';
import { AnswerValue, RubricDefinition } from '../reviews/rubric.ts';
import {
  addRubricVersion,
  ensureBuiltInRubric,
  insertRubric,
  listRubrics,
} from '../reviews/rubrics.repository.ts';
import { submitReview } from '../reviews/submit-review.service.ts';
import { Id, Text } from '../text-input.ts';
import { adminProcedure, authedProcedure, procedureFor, router } from '../trpc.ts';
import { assignmentsRouter } from './review-assignments.ts';
import { calibrationsRouter } from './review-calibrations.ts';

const RowId = z.number().int().positive();
export const RubricIdInput = z.object({ id: RowId, version: z.number().int().positive().optional() });
export const RubricCreateInput = z.object({ definition: RubricDefinition });
export const RubricUpdateInput = z.object({ id: RowId, definition: RubricDefinition });
export const ReviewPrepareInput = z.object({ conversationId: Id, rubricId: RowId.optional() });
export const ReviewCreateInput = z.object({
  conversationId: Id,
  rubricId: RowId,
  /** The version the form was answered on; a review keeps it. */
  rubricVersion: z.number().int().positive(),
  answers: z.record(Text(64), AnswerValue),
  turnComments: z
    .array(z.object({ turn: z.number().int().min(0), text: Text(2_000).trim().min(1, 'write the comment') }))
    .max(200)
    .default([]),
  comment: Text(5_000).trim().default(''),
});
export const ReviewListInput = z
  .object({ agentId: Id.optional(), teamId: Id.optional(), from: Day.optional(), to: Day.optional() })
  .optional();
export const ReviewIdInput = z.object({ id: RowId });
export const EngineAgreementInput = z
  .object({ agentId: Id.optional(), teamId: Id.optional(), from: Day.optional(), to: Day.optional() })
  .optional();
export const AppealInput = z.object({
  id: RowId,
  comment: Text(2_000).trim().min(1, 'Say what the review got wrong.'),
});
export const AppealDecisionInput = z.object({
  id: RowId,
  decision: z.enum(['uphold', 'reject']),
  note: Text(2_000).trim().optional(),
});
export const ReviewSettingsInput = z.object({ showReviewerToAgents: z.boolean() });

const rubricsRouter = router({
  /** Every rubric at its latest version, the built-in one first. */
  list: procedureFor('supervisor', 'admin').query(async ({ ctx }) => {
    await ensureBuiltInRubric(ctx.db, ctx.organisationId);
    return listRubrics(ctx.db, ctx.organisationId);
  }),

  /** One version (the latest unless asked): what a review was, or will be, answered on. */
  byId: procedureFor('supervisor', 'admin')
    .input(RubricIdInput)
    .query(({ ctx, input }) => rubricOrMissing(ctx.db, ctx.organisationId, input.id, input.version)),

  create: adminProcedure.input(RubricCreateInput).mutation(async ({ ctx, input }) => {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const id = await insertRubric(trx, ctx.organisationId, input.definition, ctx.user.id);
      await writeAudit(trx, ctx.user, 'rubric.create', { rubricId: id, name: input.definition.name });
      return id;
    });
    return rubricOrMissing(ctx.db, ctx.organisationId, id);
  }),

  /** Every edit is a new version; reviews made with earlier versions keep theirs, and their scores. */
  update: adminProcedure.input(RubricUpdateInput).mutation(async ({ ctx, input }) => {
    await rubricOrMissing(ctx.db, ctx.organisationId, input.id);
    const version = await ctx.db.transaction().execute(async (trx) => {
      const version = await addRubricVersion(
        trx,
        ctx.organisationId,
        input.id,
        input.definition,
        ctx.user.id,
      );
      if (version === null) throw notFound(`No rubric ${input.id}.`);
      await writeAudit(trx, ctx.user, 'rubric.update', { rubricId: input.id, version });
      return version;
    });
    return rubricOrMissing(ctx.db, ctx.organisationId, input.id, version);
  }),
});

const settingsRouter = router({
  get: adminProcedure.query(({ ctx }) => reviewSettings(ctx.db, ctx.organisationId)),
  update: adminProcedure.input(ReviewSettingsInput).mutation(async ({ ctx, input }) => {
    await ctx.db.transaction().execute(async (trx) => {
      await saveReviewSettings(trx, ctx.organisationId, input);
      await writeAudit(trx, ctx.user, 'review.settings.update', input);
      await bumpDataVersion(trx, ctx.organisationId);
    });
    return reviewSettings(ctx.db, ctx.organisationId);
  }),
});

/**
 * Human review beside the automatic one: a supervisor (of the agent's team) or an admin answers a
 * rubric on a conversation, starting from the engine's pre-answers and their evidence; the agent
 * acknowledges or appeals; the appeal is decided once, like a dispute. Every write is audited. HR sees
 * the numbers of reviews, not their words (reviews/review-for-viewer.ts).
 */
export const reviewsRouter = router({
  rubrics: rubricsRouter,
  settings: settingsRouter,
  assignments: assignmentsRouter,
  calibrations: calibrationsRouter,

  /** The rubric to answer on a conversation and the engine's pre-answers with their evidence. */
  prepare: procedureFor('supervisor', 'admin')
    .input(ReviewPrepareInput)
    .query(({ ctx, input }) => prepareReview(ctx.db, ctx.user, input)),

  create: procedureFor('supervisor', 'admin')
    .input(ReviewCreateInput)
    .mutation(async ({ ctx, input }) => {
      const conversation = await reviewableConversation(ctx.db, ctx.user, input.conversationId);
      const rubric = await rubricOrMissing(ctx.db, ctx.organisationId, input.rubricId, input.rubricVersion);
      const result = await submitReview(ctx.db, ctx.user, {
        conversation,
        rubric,
        answers: input.answers,
        turnComments: input.turnComments,
        comment: input.comment,
        calibrationId: null,
      });
      if (!result.ok) throw invalidReview(result.problems);
      return viewReview(ctx.db, ctx.user, result.id);
    }),

  /** Newest first: an agent's own, a supervisor's team, everyone's for HR (numbers only) and admins. */
  list: authedProcedure.input(ReviewListInput).query(({ ctx, input }) => reviewsFor(ctx.db, ctx.user, input)),

  /**
   * Per pre-answered question, how often reviewers kept the engine's answer (most disagreement first),
   * over the reviews in scope. Numbers only, so HR may read them too.
   */
  engineAgreement: procedureFor('supervisor', 'hr', 'admin')
    .input(EngineAgreementInput)
    .query(({ ctx, input }) => engineAgreementFor(ctx.db, ctx.user, input)),

  /** One review with the rubric version it was made with. Not for HR: it quotes the transcript. */
  byId: procedureFor('agent', 'supervisor', 'admin')
    .input(ReviewIdInput)
    .query(({ ctx, input }) => reviewWithRubric(ctx.db, ctx.user, input.id)),

  /** The agent confirms they have read the review; once. */
  acknowledge: procedureFor('agent')
    .input(ReviewIdInput)
    .mutation(async ({ ctx, input }) => {
      const review = await ownReview(ctx.db, ctx.user, input.id);
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await acknowledgeReview(trx, ctx.organisationId, review.id)))
          throw new TRPCError({ code: 'CONFLICT', message: 'This review is already acknowledged.' });
        await writeAudit(trx, ctx.user, 'review.acknowledge', {
          reviewId: review.id,
          agentId: review.agentId,
        });
        await bumpDataVersion(trx, ctx.organisationId);
      });
      return viewReview(ctx.db, ctx.user, review.id);
    }),

  /** The agent contests the review, once; the supervisor or an admin decides. */
  appeal: procedureFor('agent')
    .input(AppealInput)
    .mutation(async ({ ctx, input }) => {
      const review = await ownReview(ctx.db, ctx.user, input.id);
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await appealReview(trx, ctx.organisationId, review.id, input.comment)))
          throw new TRPCError({ code: 'CONFLICT', message: 'This review has already been appealed.' });
        await writeAudit(trx, ctx.user, 'review.appeal', { reviewId: review.id, agentId: review.agentId });
        // The team's supervisors (admins where there are none) have an appeal to decide.
        await notify(trx, ctx.organisationId, {
          kind: 'review.appeal',
          reviewId: review.id,
          agentId: review.agentId,
          conversationId: review.conversationId,
        });
        await bumpDataVersion(trx, ctx.organisationId);
      });
      return viewReview(ctx.db, ctx.user, review.id);
    }),

  /**
   * Uphold or reject an open appeal, once, audited. An upheld appeal withdraws the review: it stays on
   * record but leaves the agent's review scores (a fresh review can be made).
   */
  decideAppeal: procedureFor('supervisor', 'admin')
    .input(AppealDecisionInput)
    .mutation(async ({ ctx, input }) => {
      const review = await readableReview(ctx.db, ctx.user, input.id);
      const status = input.decision === 'uphold' ? 'upheld' : 'rejected';
      await ctx.db.transaction().execute(async (trx) => {
        const decided = await decideAppeal(trx, ctx.organisationId, review.id, {
          status,
          decidedBy: ctx.user.id,
          note: input.note || null,
        });
        if (!decided) throw new TRPCError({ code: 'CONFLICT', message: 'This review has no open appeal.' });
        await writeAudit(trx, ctx.user, 'review.appeal.decide', {
          reviewId: review.id,
          decision: input.decision,
          agentId: review.agentId,
          conversationId: review.conversationId,
        });
        // Tells the agent, and settles the supervisors' reminder to decide.
        await notify(trx, ctx.organisationId, {
          kind: 'review.appeal.decided',
          reviewId: review.id,
          agentId: review.agentId,
          conversationId: review.conversationId,
          decision: status,
        });
        await bumpDataVersion(trx, ctx.organisationId);
      });
      return viewReview(ctx.db, ctx.user, review.id);
    }),
});
