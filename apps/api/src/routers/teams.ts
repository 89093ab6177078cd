import { z } from 'zod';
import { Day } from '../period.ts';
import { reviewSummaries } from '../reviews/reviews.repository.ts';
import { teamOverview } from '../teams/team-overview.ts';
import { Id } from '../text-input.ts';
import { procedureFor, router } from '../trpc.ts';
import { resolvePeriodInput } from './inputs.ts';

export const TeamOverviewInput = z.object({
  from: Day.optional(),
  to: Day.optional(),
  teamId: Id.optional(),
  channel: z.enum(['voice', 'chat', 'email']).optional(),
  queue: Id.optional(),
});

export const teamsRouter = router({
  /**
   * Per-agent promptness and listening metrics for a period with team medians, targets and weekly
   * sparklines; filters: team, channel, queue. A supervisor sees (and is offered) only their team.
   * `reviews` holds each listed agent's human-review numbers for the period, by agent id.
   */
  overview: procedureFor('supervisor', 'hr', 'admin')
    .input(TeamOverviewInput)
    .query(async ({ ctx, input }) => {
      const period = await resolvePeriodInput(ctx.db, ctx.organisationId, input);
      const overview = await teamOverview(ctx.db, ctx.user, ctx.organisationId, { ...input, ...period });
      const agentIds = overview.agents.map((a) => a.agentId);
      return {
        ...overview,
        reviews: await reviewSummaries(ctx.db, ctx.organisationId, agentIds, overview.period),
      };
    }),
});
