import { z } from 'zod';
import { Day } from '../period.ts';
import { teamOverview } from '../teams/team-overview.ts';
import { publicProcedure, router } from '../trpc.ts';

export const TeamOverviewInput = z.object({
  from: Day.optional(),
  to: Day.optional(),
  teamId: z.string().min(1).optional(),
});

export const teamsRouter = router({
  /** Per-agent promptness and listening metrics for a period, with a weekly response-time series. */
  overview: publicProcedure
    .input(TeamOverviewInput)
    .query(({ ctx, input }) => teamOverview(ctx.db, ctx.organisationId, input)),
});
