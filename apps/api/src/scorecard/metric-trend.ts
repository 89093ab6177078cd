import {
  type Bucket,
  bucketsOf,
  type DayRange,
  type MetricId,
  periodValues,
  sampleSize,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { AgentSummary } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import { bucketTotals } from '../rollups/rollups.repository.ts';

export interface TrendPoint {
  /** First day of the bucket, 'YYYY-MM-DD'. */
  period: string;
  agent: number | null;
  agentN: number;
  /** The whole team pooled (the agent included). */
  team: number | null;
}

/** One metric over time for an agent beside their team; every bucket of the period is present. */
export async function metricTrend(
  db: Kysely<Database>,
  organisationId: string,
  agent: AgentSummary,
  metricId: MetricId,
  period: DayRange,
  bucket: Bucket,
): Promise<TrendPoint[]> {
  const [own, team] = await Promise.all([
    bucketTotals(db, { organisationId, ...period, agentId: agent.id }, bucket),
    bucketTotals(db, { organisationId, ...period, teamId: agent.teamId ?? undefined }, bucket),
  ]);
  const ownBy = new Map(own.map((p) => [p.bucket, p.totals]));
  const teamBy = new Map(team.map((p) => [p.bucket, p.totals]));
  return bucketsOf(period, bucket).map((start) => {
    const mine = ownBy.get(start);
    const theirs = teamBy.get(start);
    return {
      period: start,
      agent: mine ? periodValues(mine)[metricId] : null,
      agentN: mine ? sampleSize(metricId, mine) : 0,
      team: theirs ? periodValues(theirs)[metricId] : null,
    };
  });
}
