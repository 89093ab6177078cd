import type { Bucket, Channel, DayRange, MetricId } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { AgentSummary } from '../agents/agents.repository.ts';
import { readableAgent } from '../auth/readable-agent.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { getConfig } from '../organisations/config.repository.ts';
import { type PeriodRequest, requestPeriod } from '../period.ts';
import type { TeamTotals } from '../read-cache/shared-totals.ts';
import { type ReviewSummary, reviewSummaries } from '../reviews/reviews.repository.ts';
import { type MetricTrend, metricTrend } from './metric-trend.ts';
import { type ScorecardDetail, scorecardDetail } from './scorecard-detail.ts';

/** An agent's scorecard or trend as a viewer asks for it; agents may leave the agent out. */
export interface AgentReadRequest extends PeriodRequest {
  agentId?: string | undefined;
  channel?: Channel | undefined;
}

export interface TrendRequest extends AgentReadRequest {
  metricId: MetricId;
  bucket: Bucket;
}

/** The agent (after the viewer's scope check) and the period a read is about: its resolve stage. */
interface AgentRead {
  agent: AgentSummary;
  period: DayRange;
  channel: Channel | null;
}

async function resolveAgentRead(
  db: Kysely<Database>,
  viewer: SessionUser,
  request: AgentReadRequest,
): Promise<AgentRead> {
  const [agent, period] = await Promise.all([
    readableAgent(db, viewer, request.agentId),
    requestPeriod(db, viewer.organisationId, request),
  ]);
  return { agent, period, channel: request.channel ?? null };
}

export type ScorecardRead = ScorecardDetail & { reviews: ReviewSummary | null };

/**
 * Every metric with its sample size, team median (one peer set), target and percentile, and beside
 * them the human reviews' numbers for the period: resolve the agent and period, fetch the rollups'
 * standings and the reviews, shape one answer.
 */
export async function readScorecard(
  db: Kysely<Database>,
  viewer: SessionUser,
  request: AgentReadRequest,
  totals?: TeamTotals,
): Promise<ScorecardRead> {
  const [{ agent, period, channel }, config] = await Promise.all([
    resolveAgentRead(db, viewer, request),
    getConfig(db, viewer.organisationId),
  ]);
  const [detail, reviews] = await Promise.all([
    scorecardDetail(db, viewer.organisationId, agent, period, config, channel, totals),
    reviewSummaries(db, viewer.organisationId, [agent.id], period),
  ]);
  return { ...detail, reviews: reviews[agent.id] ?? null };
}

/** One metric per day or week, the agent beside the team, for the resolved period. */
export async function readTrend(
  db: Kysely<Database>,
  viewer: SessionUser,
  request: TrendRequest,
): Promise<MetricTrend & { period: DayRange }> {
  const { agent, period, channel } = await resolveAgentRead(db, viewer, request);
  const trend = await metricTrend(
    db,
    viewer.organisationId,
    agent,
    request.metricId,
    period,
    request.bucket,
    channel,
  );
  return { period, ...trend };
}
