import { z } from 'zod';
import { agentById, listAgents } from '../agents/agents.repository.ts';
import { teamScope } from '../auth/scope.ts';
import { coachingOpportunities } from '../coaching/opportunities.service.ts';
import { opportunitiesForViewer } from '../coaching/viewer-evidence.ts';
import { getConfig } from '../organisations/config.repository.ts';
import { reviewSummaries } from '../reviews/reviews.repository.ts';
import { metricTrend } from '../scorecard/metric-trend.ts';
import { scorecardDetail } from '../scorecard/scorecard-detail.ts';
import { Id } from '../text-input.ts';
import { authedProcedure, router } from '../trpc.ts';
import { ChannelInput, MetricIdInput, PeriodInput, readableAgent, resolvePeriodInput } from './inputs.ts';

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
  scorecard: authedProcedure.input(ScorecardInput).query(async ({ ctx, input }) => {
    const agent = await readableAgent(ctx.db, ctx.user, input.agentId);
    const period = await resolvePeriodInput(ctx.db, ctx.organisationId, input);
    const config = await getConfig(ctx.db, ctx.organisationId);
    const [detail, reviews] = await Promise.all([
      scorecardDetail(ctx.db, ctx.organisationId, agent, period, config, input.channel ?? null),
      reviewSummaries(ctx.db, ctx.organisationId, [agent.id], period),
    ]);
    return { ...detail, reviews: reviews[agent.id] ?? null };
  }),

  /** One metric per day or week, the agent beside the team. */
  trend: authedProcedure.input(TrendInput).query(async ({ ctx, input }) => {
    const agent = await readableAgent(ctx.db, ctx.user, input.agentId);
    const period = await resolvePeriodInput(ctx.db, ctx.organisationId, input);
    const trend = await metricTrend(
      ctx.db,
      ctx.organisationId,
      agent,
      input.metricId,
      period,
      input.bucket,
      input.channel ?? null,
    );
    return { period, ...trend };
  }),

  /** Ranked coaching opportunities with the seed rule, trend and evidence (for HR, the flagged words only). */
  opportunities: authedProcedure.input(AgentPeriodInput).query(async ({ ctx, input }) => {
    const agent = await readableAgent(ctx.db, ctx.user, input.agentId);
    const period = await resolvePeriodInput(ctx.db, ctx.organisationId, input);
    const config = await getConfig(ctx.db, ctx.organisationId);
    return {
      period,
      opportunities: opportunitiesForViewer(
        ctx.user,
        await coachingOpportunities(ctx.db, ctx.organisationId, agent, period, config.coaching),
      ),
    };
  }),
});
