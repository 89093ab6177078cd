import { z } from 'zod';
import { agentById, listAgents } from '../agents/agents.repository.ts';
import { teamScope } from '../auth/scope.ts';
import { readAgentOpportunities } from '../coaching/agent-opportunities.service.ts';
import { cachedRead } from '../read-cache/cached-read.ts';
import { teamTotalsOf } from '../read-cache/shared-totals.ts';
import { readScorecard, readTrend } from '../scorecard/scorecard.service.ts';
import { Id } from '../text-input.ts';
import { authedProcedure, router } from '../trpc.ts';
import { ChannelInput, MetricIdInput, PeriodInput } from './inputs.ts';

export const AgentPeriodInput = PeriodInput.extend({ agentId: Id.optional() });
/** A scorecard or trend for one channel, or for all of them (time metrics then split by channel). */
export const ScorecardInput = AgentPeriodInput.extend({ channel: ChannelInput.optional() });
export const TrendInput = ScorecardInput.extend({
  metricId: MetricIdInput,
  bucket: z.enum(['day', 'week']).default('week'),
});

export const agentsRouter = router({
  /** The agents the caller may see: themselves, their team, or everyone. */
  list: authedProcedure.query(async ({ ctx }) => {
    const { user } = ctx;
    if (user.role === 'agent') {
      const self = user.agentId ? await agentById(ctx.db, ctx.organisationId, user.agentId) : null;
      return self ? [self] : [];
    }
    return listAgents(ctx.db, ctx.organisationId, teamScope(user));
  }),

  /**
   * Every metric with its sample size, team median (no names), target and percentile, and beside them
   * the human reviews' numbers for the period.
   */
  scorecard: authedProcedure
    .input(ScorecardInput)
    .query(
      cachedRead(async ({ ctx, input }) => readScorecard(ctx.db, ctx.user, input, await teamTotalsOf(ctx))),
    ),

  /** One metric per day or week, the agent beside the team. */
  trend: authedProcedure
    .input(TrendInput)
    .query(cachedRead(({ ctx, input }) => readTrend(ctx.db, ctx.user, input))),

  /**
   * Ranked coaching opportunities with the seed rule, trend and evidence (for HR, the flagged words only);
   * time metrics per channel, or for the one channel chosen.
   */
  opportunities: authedProcedure
    .input(ScorecardInput)
    .query(
      cachedRead(async ({ ctx, input }) =>
        readAgentOpportunities(ctx.db, ctx.user, input, await teamTotalsOf(ctx)),
      ),
    ),
});
