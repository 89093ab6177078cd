import { z } from 'zod';
import { teamScope } from '../auth/scope.ts';
import { Day } from '../period.ts';
import { teamOverview } from '../teams/team-overview.ts';
import { procedureFor, router } from '../trpc.ts';

export const TeamOverviewInput = z.object({
  from: Day.optional(),
  to: Day.optional(),
  teamId: z.string().min(1).optional(),
});

export const teamsRouter = router({
  /** Per-agent promptness and listening metrics for a period, with a weekly response-time series. */
  overview: procedureFor('supervisor', 'hr', 'admin')
    .input(TeamOverviewInput)
    .query(({ ctx, input }) =>
      teamOverview(ctx.db, ctx.organisationId, { ...input, teamId: teamScope(ctx.user, input.teamId) }),
    ),
});
