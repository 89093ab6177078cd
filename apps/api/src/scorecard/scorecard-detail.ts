import {
  CHANNELS,
  type Channel,
  type CoachingTarget,
  channelTarget,
  coachingDirection,
  type DayRange,
  isTimeMetric,
  METRIC_SEED_RULES,
  METRICS,
  type MetricDefinition,
  type MetricId,
  type MetricValues,
  type PeerMedian,
  type PeriodTotals,
  peerMedians,
  peerValues,
  periodValues,
  resolveCoachingConfig,
  sampleSize,
} from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { AgentSummary } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import type { OrganisationConfig } from '../organisations/config.repository.ts';
import { type TeamTotals, teamTotalsFrom } from '../read-cache/shared-totals.ts';
import { oldestDefinitions } from './scorecard.ts';

/** A value beside the team's: the agent's, with its n, the team median and the target it is held to. */
interface Standing {
  value: number | null;
  /** Conversations behind the value. */
  n: number;
  /** The median of the peer set (packages/metrics peers.ts): teammates, the agent left out, with n ≥ 5. */
  teamMedian: number | null;
  /** Teammates in that peer set. */
  teamPeers: number;
  /** The fewest conversations behind a teammate's value for them to count. */
  teamMinConversations: number;
  target: CoachingTarget | null;
}

/** A time metric on one channel, with that channel's own target. */
export interface ChannelStanding extends Standing {
  channel: Channel;
}

export interface ScorecardMetric extends Standing {
  id: MetricId;
  label: string;
  group: MetricDefinition['group'];
  unit: MetricDefinition['unit'];
  /** The direction coaching reads it in; null for context metrics. */
  better: 'lower' | 'higher' | null;
  rule: { name: string; seed: string; quote: string };
  /** Share of the peer set this agent does better than, 0–100; lower values for context metrics. */
  percentile: number | null;
  /**
   * Time metrics over all channels: one standing per channel with data, since a pooled mean of voice
   * seconds and email hours describes neither (`value` stays the pooled figure of the CLI and the CSV,
   * which the page does not show). Null when a channel is chosen or for other metrics.
   */
  byChannel: ChannelStanding[] | null;
}

export interface ScorecardDetail {
  agent: AgentSummary;
  period: DayRange;
  /** The one channel the scorecard is read for; null for all channels. */
  channel: Channel | null;
  conversations: number;
  /** The METRICS.md definitions behind the numbers, "v2" (the oldest of the period's facts). */
  definitions: string;
  metrics: ScorecardMetric[];
}

type ScorecardConfig = Pick<OrganisationConfig, 'coaching' | 'responseTargetsMs'>;

/**
 * The agent scorecard: every metric with its sample size, team median, target and percentile; for one
 * channel, or for all channels with time metrics split by channel.
 */
export async function scorecardDetail(
  db: Kysely<Database>,
  organisationId: string,
  agent: AgentSummary,
  period: DayRange,
  config: ScorecardConfig,
  channel: Channel | null = null,
  totals: TeamTotals = teamTotalsFrom(db),
): Promise<ScorecardDetail> {
  const filter = { organisationId, ...period, teamId: agent.teamId ?? undefined };
  const [team, split] = await Promise.all([
    totals.agentTotals({ ...filter, channel: channel ?? undefined }),
    channel === null ? totals.agentChannelTotals(filter) : Promise.resolve([]),
  ]);
  const own = team.find((a) => a.agentId === agent.id)?.totals;
  const values: MetricValues | null = own ? periodValues(own) : null;
  const medians = peerMedians(team, agent.id);
  const teamValues = team
    .filter((t) => t.agentId !== agent.id)
    .map((t) => ({ values: periodValues(t.totals), totals: t.totals }));
  const targets = resolveCoachingConfig(config.coaching).targets;

  const byChannel = channel === null ? channelTotals(split, agent.id) : [];
  const metrics = METRICS.map((m): ScorecardMetric => {
    const value = values?.[m.id] ?? null;
    const better = coachingDirection(m.id);
    const others = peerValues(
      teamValues.map((t) => ({ value: t.values[m.id], n: sampleSize(m.id, t.totals) })),
    );
    const target =
      channel !== null && isTimeMetric(m.id)
        ? channelTarget(m.id, channel, config.responseTargetsMs)
        : (targets[m.id] ?? null);
    return {
      id: m.id,
      label: m.label,
      group: m.group,
      unit: m.unit,
      better,
      rule: { name: m.rule, ...METRIC_SEED_RULES[m.id] },
      value,
      n: own ? sampleSize(m.id, own) : 0,
      ...median(medians[m.id]),
      target,
      percentile: value === null || others.length === 0 ? null : percentileAmong(value, others, better),
      byChannel:
        channel === null && isTimeMetric(m.id)
          ? channelStandings(m.id, byChannel, config.responseTargetsMs)
          : null,
    };
  });
  const definitions = `v${await oldestDefinitions(db, organisationId, agent.id, period)}`;
  return { agent, period, channel, conversations: own?.conversations ?? 0, definitions, metrics };
}

function median(m: PeerMedian): Pick<Standing, 'teamMedian' | 'teamPeers' | 'teamMinConversations'> {
  return { teamMedian: m.median, teamPeers: m.peers, teamMinConversations: m.minConversations };
}

interface ChannelTotals {
  channel: Channel;
  own: PeriodTotals;
  values: MetricValues;
  medians: Record<MetricId, PeerMedian>;
}

/** The agent's totals and the team medians on each channel where the agent has conversations. */
function channelTotals(
  split: readonly { agentId: string; channel: string; totals: PeriodTotals }[],
  agentId: string,
): ChannelTotals[] {
  return CHANNELS.flatMap((channel) => {
    const members = split.filter((s) => s.channel === channel);
    const own = members.find((s) => s.agentId === agentId)?.totals;
    return own ? [{ channel, own, values: periodValues(own), medians: peerMedians(members, agentId) }] : [];
  });
}

/** One standing per channel where the agent has a value, in the usual channel order. */
function channelStandings(
  id: MetricId,
  channels: readonly ChannelTotals[],
  responseTargetsMs: ScorecardConfig['responseTargetsMs'],
): ChannelStanding[] {
  return channels.flatMap(({ channel, own, values, medians }) => {
    const value = values[id];
    if (value === null) return [];
    return [
      {
        channel,
        value,
        n: sampleSize(id, own),
        ...median(medians[id]),
        target: channelTarget(id, channel, responseTargetsMs),
      },
    ];
  });
}

/** Percent of `others` that `value` beats (ties count half), in the metric's better direction. */
export function percentileAmong(
  value: number,
  others: readonly number[],
  better: 'lower' | 'higher' | null,
): number {
  let score = 0;
  for (const other of others) {
    if (other === value) score += 0.5;
    else if (better === 'lower' ? value < other : value > other) score += 1;
  }
  return Math.round((100 * score) / others.length);
}
