import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { writeAudit } from '../audit/audit.repository.ts';
import { teamScope } from '../auth/scope.ts';
import { notify } from '../notifications/notify.ts';
import { Day } from '../period.ts';
import { drawSample, type SampleSize, spreadEvenly } from '../reviews/assignment-plan.ts';
import {
  candidateConversations,
  eligibleReviewers,
  insertAssignment,
  listAssignments,
  reviewerQueue,
} from '../reviews/assignments.repository.ts';
import { ensureBuiltInRubric, rubricVersion } from '../reviews/rubrics.repository.ts';
import { Id } from '../text-input.ts';
import { procedureFor, router } from '../trpc.ts';
import { MetricIdInput } from './inputs.ts';

export const AssignmentCreateInput = z
  .object({
    teamId: Id,
    from: Day,
    to: Day,
    rubricId: z.number().int().positive(),
    perAgent: z.number().int().min(1).max(100).optional(),
    percent: z.number().min(1).max(100).optional(),
    lowCsat: z.boolean().default(false),
    flaggedMetric: MetricIdInput.optional(),
    reviewerIds: z
      .array(z.number().int().positive())
      .min(1, 'Choose at least one reviewer.')
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'Each reviewer once.'),
  })
  .refine((plan) => (plan.perAgent === undefined) !== (plan.percent === undefined), {
    message: 'Give either perAgent (conversations per agent) or percent (a share of each agent’s), not both.',
    path: ['perAgent'],
  })
  .refine((plan) => plan.from <= plan.to, { message: 'The period ends before it starts.', path: ['to'] });
export const AssignmentListInput = z.object({ teamId: Id.optional() }).optional();

/**
 * Review assignments: a plan (team, period, N per agent or a share, filters) draws conversations and
 * deals them out evenly to the chosen reviewers (reviews/assignment-plan.ts); each reviewer works
 * through their queue, and a review they submit for a queued conversation completes it.
 */
export const assignmentsRouter = router({
  create: procedureFor('supervisor', 'admin')
    .input(AssignmentCreateInput)
    .mutation(async ({ ctx, input }) => {
      const teamId = teamScope(ctx.user, input.teamId) ?? input.teamId;
      await ensureBuiltInRubric(ctx.db, ctx.organisationId);
      if (!(await rubricVersion(ctx.db, ctx.organisationId, input.rubricId)))
        throw new TRPCError({ code: 'NOT_FOUND', message: `No rubric ${input.rubricId}.` });
      const eligible = await eligibleReviewers(ctx.db, ctx.organisationId, teamId, input.reviewerIds);
      const refused = input.reviewerIds.filter((id) => !eligible.has(id));
      if (refused.length > 0) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `Reviewers must be admins or supervisors of team "${teamId}"; user ${refused.join(', ')} is not.`,
        });
      }
      const size: SampleSize =
        input.perAgent !== undefined ? { perAgent: input.perAgent } : { percent: input.percent as number };
      const candidates = await candidateConversations(ctx.db, ctx.organisationId, {
        teamId,
        from: input.from,
        to: input.to,
        lowCsat: input.lowCsat,
        flaggedMetric: input.flaggedMetric ?? null,
      });
      const plan = {
        ...size,
        lowCsat: input.lowCsat,
        flaggedMetric: input.flaggedMetric ?? null,
        reviewerIds: input.reviewerIds,
      };
      const seed = `${teamId}|${input.from}|${input.to}|${JSON.stringify(plan)}`;
      const items = spreadEvenly(drawSample(candidates, size, seed), input.reviewerIds);
      const id = await ctx.db.transaction().execute(async (trx) => {
        const id = await insertAssignment(trx, ctx.organisationId, {
          teamId,
          from: input.from,
          to: input.to,
          rubricId: input.rubricId,
          plan,
          createdBy: ctx.user.id,
          items,
        });
        await writeAudit(trx, ctx.user, 'review.assignment.create', {
          assignmentId: id,
          teamId,
          conversations: items.length,
        });
        // Each reviewer dealt conversations is told, with the plan (so a plan is announced once).
        for (const [reviewerUserId, conversations] of countBy(items, (item) => item.reviewerId)) {
          await notify(trx, ctx.organisationId, {
            kind: 'review.assigned',
            assignmentId: id,
            reviewerUserId,
            conversations,
          });
        }
        return id;
      });
      return (await listAssignments(ctx.db, ctx.organisationId, { id }))[0];
    }),

  /** Plans with each reviewer's progress: a supervisor's team's, every team's for admins. */
  list: procedureFor('supervisor', 'admin')
    .input(AssignmentListInput)
    .query(({ ctx, input }) =>
      listAssignments(ctx.db, ctx.organisationId, { teamId: teamScope(ctx.user, input?.teamId) }),
    ),

  /** The caller's own queue: what is left to review, then what is done, with the progress. */
  queue: procedureFor('supervisor', 'admin').query(async ({ ctx }) => {
    const items = await reviewerQueue(ctx.db, ctx.organisationId, ctx.user.id);
    return { items, total: items.length, done: items.filter((i) => i.reviewId !== null).length };
  }),
});

function countBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
