import type { Channel, DayRange } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import { readableAgent } from '../auth/readable-agent.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { getConfig } from '../organisations/config.repository.ts';
import { type PeriodRequest, requestPeriod } from '../period.ts';
import type { TeamTotals } from '../read-cache/shared-totals.ts';
import { coachingOpportunities } from './opportunities.service.ts';
import { opportunitiesForViewer, type ViewedOpportunity } from './viewer-evidence.ts';

export interface AgentOpportunitiesRequest extends PeriodRequest {
  agentId?: string | undefined;
  /** Time metrics for this channel only; the other metrics are read over every channel either way. */
  channel?: Channel | undefined;
}

/**
 * An agent's ranked coaching opportunities as the viewer may see them: resolve the agent (scope
 * checked) and period, compute the opportunities against the team, shape the evidence for the viewer
 * (HR gets the flagged words only).
 */
export async function readAgentOpportunities(
  db: Kysely<Database>,
  viewer: SessionUser,
  request: AgentOpportunitiesRequest,
  totals?: TeamTotals,
): Promise<{ period: DayRange; opportunities: ViewedOpportunity[] }> {
  const { organisationId } = viewer;
  const [agent, period, config] = await Promise.all([
    readableAgent(db, viewer, request.agentId),
    requestPeriod(db, organisationId, request),
    getConfig(db, organisationId),
  ]);
  const opportunities = await coachingOpportunities(
    db,
    organisationId,
    agent,
    period,
    config,
    request.channel ?? null,
    totals,
  );
  return { period, opportunities: opportunitiesForViewer(viewer, opportunities) };
}
