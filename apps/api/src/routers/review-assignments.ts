import { z } from 'zod';
import { teamScope } from '../auth/scope.ts';
import { Day } from '../period.ts';
import { listAssignments, reviewerQueue, teamReviewers } from '../reviews/assignments.repository.ts';
import { createAssignment } from '../reviews/assignments.service.ts';
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
    .mutation(({ ctx, input }) => createAssignment(ctx.db, ctx.user, input)),

  /** Who may be dealt a team's conversations: its supervisors and the admins (a supervisor: their own team). */
  reviewers: procedureFor('supervisor', 'admin')
    .input(z.object({ teamId: Id }))
    .query(({ ctx, input }) =>
      teamReviewers(ctx.db, ctx.organisationId, teamScope(ctx.user, input.teamId) ?? input.teamId),
    ),

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
