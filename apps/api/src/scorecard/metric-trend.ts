import {
  addFractions,
  type Bucket,
  bucketsOf,
  CHANNELS,
  type Channel,
  type DayRange,
  isTimeMetric,
  type MetricId,
  peerMedians,
  periodValues,
  sampleSize,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { AgentSummary } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import { type AgentBucketPoint, agentBucketTotals } from '../rollups/rollups.repository.ts';

export interface TrendPoint {
  /** First day of the bucket, 'YYYY-MM-DD'. */
  period: string;
  agent: number | null;
  agentN: number;
  /**
   * The team median of the bucket over the same peer set as the scorecard's card (teammates, the agent
   * left out, with ≥ 5 conversations in the bucket): conversations per active day reads ≈ 4 beside the
   * agent's ≈ 4, not the team's total.
   */
  team: number | null;
  teamPeers: number;
}

export interface MetricTrend {
  /** The channel the points are for; null for all channels. */
  channel: Channel | null;
  points: TrendPoint[];
  /**
   * Time metrics over all channels: one series per channel where the agent has data, since a weekly
   * mean of voice seconds and email hours describes neither. Null otherwise.
   */
  byChannel: { channel: Channel; points: TrendPoint[] }[] | null;
}

/** One metric over time for an agent beside their team; every bucket of the period is present. */
export async function metricTrend(
  db: Kysely<Database>,
  organisationId: string,
  agent: AgentSummary,
  metricId: MetricId,
  period: DayRange,
  bucket: Bucket,
  channel: Channel | null = null,
): Promise<MetricTrend> {
  const team = { organisationId, ...period, teamId: agent.teamId ?? undefined };
  const split = channel === null && isTimeMetric(metricId);
  const only = channel ?? undefined;
  // The agent's own read is not narrowed by team, as before: it counts their conversations from before
  // a move between teams too.
  const [own, members] = await Promise.all([
    agentBucketTotals(db, { organisationId, ...period, agentId: agent.id, channel: only }, bucket, split),
    agentBucketTotals(db, { ...team, channel: only }, bucket, split),
  ]);
  const series = (c: Channel) =>
    trendPoints(
      agent.id,
      metricId,
      period,
      bucket,
      own.filter((p) => p.channel === c),
      members.filter((p) => p.channel === c),
    );
  const pooled = trendPoints(
    agent.id,
    metricId,
    period,
    bucket,
    split ? poolChannels(own) : own,
    split ? poolChannels(members) : members,
  );
  if (!split) return { channel, points: pooled, byChannel: null };
  return {
    channel,
    // The pooled line is what the CLI and the CSV report; the page draws the channels.
    points: pooled,
    byChannel: CHANNELS.map((c) => ({ channel: c, points: series(c) })).filter((s) =>
      s.points.some((p) => p.agent !== null),
    ),
  };
}

function trendPoints(
  agentId: string,
  metricId: MetricId,
  period: DayRange,
  bucket: Bucket,
  own: readonly AgentBucketPoint[],
  members: readonly AgentBucketPoint[],
): TrendPoint[] {
  const ownBy = new Map(own.map((p) => [p.bucket, p.totals]));
  const byBucket = new Map<string, AgentBucketPoint[]>();
  for (const m of members) byBucket.set(m.bucket, [...(byBucket.get(m.bucket) ?? []), m]);
  return bucketsOf(period, bucket).map((start) => {
    const inBucket = byBucket.get(start) ?? [];
    const mine = ownBy.get(start);
    const team = peerMedians(inBucket, agentId)[metricId];
    return {
      period: start,
      agent: mine ? periodValues(mine)[metricId] : null,
      agentN: mine ? sampleSize(metricId, mine) : 0,
      team: team.median,
      teamPeers: team.peers,
    };
  });
}

/**
 * An agent's channels of one bucket added back together. Only for time metrics, whose values are sums
 * and response gaps: active days, which channels share, are not summed.
 */
function poolChannels(points: readonly AgentBucketPoint[]): AgentBucketPoint[] {
  const pooled = new Map<string, AgentBucketPoint>();
  for (const p of points) {
    const key = `${p.bucket}\u0000${p.agentId}`;
    const into = pooled.get(key);
    if (!into) {
      pooled.set(key, {
        ...p,
        channel: null,
        totals: {
          ...p.totals,
          sums: structuredClone(p.totals.sums),
          counts: { ...p.totals.counts },
          responseGapsMs: [...p.totals.responseGapsMs],
        },
      });
      continue;
    }
    const t = into.totals;
    t.conversations += p.totals.conversations;
    t.activeDays = Math.max(t.activeDays, p.totals.activeDays);
    addFractions(t.sums, p.totals.sums);
    t.responseGapsMs.push(...p.totals.responseGapsMs);
    for (const [id, n] of Object.entries(p.totals.counts ?? {}) as [MetricId, number][]) {
      t.counts = { ...t.counts, [id]: (t.counts?.[id] ?? 0) + n };
    }
  }
  return [...pooled.values()];
}
