import { isTimeMetric, METRICS, type MetricId } from '../catalog.ts';
import { CHANNELS, type Channel } from '../conversation.ts';
import { type CoachingEvidence, selectEvidence } from './evidence.ts';
import { isPeerSample, MIN_CONVERSATIONS, type PeerSample, peerValues } from './peers.ts';
import { median, type RobustSpread, robustSpread, robustZ } from './robust.ts';
import { METRIC_SEED_RULES } from './seed-rules.ts';
import {
  type CoachingConfig,
  type CoachingDirection,
  type CoachingTarget,
  channelTarget,
  coachingDirection,
  missesTarget,
  type ResolvedCoachingConfig,
  type ResponseTargets,
  resolveCoachingConfig,
  targetGap,
} from './targets.ts';
import { type CoachingTrend, type CoachingWeek, weeklyTrend } from './trend.ts';

export { MIN_CONVERSATIONS };
/** Fewer peers than this give no team distribution to compare with: the target alone decides. */
export const MIN_PEERS = 3;
/** Worse than the team median by at least one robust unit (≈ one standard deviation). */
export const TEAM_FLAG_Z = 1;

/** One metric of one agent over the period: its value and the conversations behind it. */
export type CoachingSample = PeerSample;

/** An agent's period values; a metric left out has no data. */
export type AgentCoachingValues = Partial<Record<MetricId, CoachingSample>>;

/** The agent's weekly values over the last 8 weeks, one entry per week (no data: value null, n 0). */
export type WeeklyCoachingValues = Partial<Record<MetricId, readonly CoachingWeek[]>>;

/** Candidate evidence per metric from the agent's conversations in the period. */
export type CoachingEvidenceCandidates = Partial<Record<MetricId, readonly CoachingEvidence[]>>;

/**
 * The same inputs as CoachingInput's, read on one channel only: the agent's and the peers' values over
 * that channel's conversations, and the agent's weeks and evidence there.
 */
export interface ChannelCoachingInput {
  channel: Channel;
  agent: AgentCoachingValues;
  peers: readonly AgentCoachingValues[];
  weekly?: WeeklyCoachingValues;
  evidence?: CoachingEvidenceCandidates;
}

export interface CoachingInput {
  /** Pooled over the channels; its time metrics are not read (see `channels`). */
  agent: AgentCoachingValues;
  /**
   * The other agents of the team over the same period, this agent excluded: the agent is compared
   * with peers, not with a distribution it pulls towards itself (in a team of five, one agent is a
   * fifth of the sample), and a better value then always reads as better. Peers with fewer than
   * `MIN_CONVERSATIONS` conversations behind a metric, or no value, are left out of that metric's
   * distribution: the peer set of peers.ts, whose median every page states.
   */
  peers: readonly AgentCoachingValues[];
  config?: CoachingConfig;
  weekly?: WeeklyCoachingValues;
  evidence?: CoachingEvidenceCandidates;
  /**
   * The channels whose time metrics are coached, each read on its own. A time metric (isTimeMetric) is
   * never pooled across channels — a mean of voice seconds and email hours describes no conversation —
   * so it is assessed once per channel given here, against the peers' values on that channel and the
   * channel's own target, with that channel's trend and evidence. Without channels, no time metric is
   * coached. Other metrics are read from the pooled values above.
   */
  channels?: readonly ChannelCoachingInput[];
  /** The organisation's response target per channel; METRICS.md's defaults when left out. */
  responseTargetsMs?: ResponseTargets;
}

/** How an agent stands on one metric, whether or not it is an opportunity. */
export interface MetricAssessment {
  metricId: MetricId;
  /** The channel a time metric was read on; null for a metric pooled over the channels. */
  channel: Channel | null;
  direction: CoachingDirection;
  value: number;
  n: number;
  /** Median of the peer set (peers.ts), as the scorecard card states it; null without peers. */
  teamMedian: number | null;
  /** The peers' robust σ (1.4826 · MAD, or its fallback); null with fewer than `MIN_PEERS` peers. */
  teamScale: number | null;
  /** Peers behind the team median. */
  peerCount: number;
  /** The fewest conversations behind a peer's value for them to count (`MIN_CONVERSATIONS`). */
  peerMinConversations: number;
  /**
   * (value − team median) / team σ in the metric's own orientation: positive means above the median,
   * which is worse for a 'lower' metric and better for a 'higher' one. Null without a team comparison.
   */
  z: number | null;
  target: CoachingTarget | null;
  /** z ≥ 1 in the bad direction. */
  worseThanTeam: boolean;
  missesTarget: boolean;
  /**
   * max(0, z in the bad direction) + target gap (shortfall / |target|, 0 when met): robust units
   * worse than the team plus the fraction of the target missed. Never decreases as the value worsens.
   */
  severity: number;
  weight: number;
  /** severity × weight: the ranking key. */
  score: number;
}

export interface CoachingOpportunity extends MetricAssessment {
  /** The catalog's label, with the channel for a time metric: "First response · email". */
  label: string;
  /** The rule as the catalog names it and the seed sentence that states it. */
  rule: { name: string; seed: string; quote: string };
  trend: CoachingTrend;
  trendSlopePerWeek: number | null;
  /** Up to three pieces, from distinct conversations first, most recent first. */
  evidence: CoachingEvidence[];
}

/** Where an assessment is read: on one channel against `target`, or pooled against the organisation's. */
export interface AssessmentChannel {
  channel: Channel;
  target: CoachingTarget | null;
}

/**
 * Assesses one metric: null when it cannot be coached here (a 'context' metric, weight 0, no value, or
 * fewer than `MIN_CONVERSATIONS` conversations behind the agent's value). With `onChannel`, the values
 * given are that channel's and the channel's target replaces the organisation's.
 */
export function assessMetric(
  metricId: MetricId,
  agent: AgentCoachingValues,
  peers: readonly AgentCoachingValues[],
  config: ResolvedCoachingConfig,
  onChannel: AssessmentChannel | null = null,
): MetricAssessment | null {
  const direction = coachingDirection(metricId);
  const weight = config.weights[metricId] ?? 0;
  const sample = agent[metricId];
  if (direction === null || !(weight > 0) || !isUsable(sample)) return null;
  const value = sample.value;
  const values = peerValues(peers.map((p) => p[metricId]));
  const spread = peerSpread(values);
  const z = spread === null ? null : robustZ(value, spread);
  const badZ = z === null ? 0 : direction === 'lower' ? z : -z;
  const target = onChannel === null ? (config.targets[metricId] ?? null) : onChannel.target;
  const severity = Math.max(0, badZ) + (target === null ? 0 : targetGap(target, value));
  return {
    metricId,
    channel: onChannel?.channel ?? null,
    direction,
    value,
    n: sample.n,
    teamMedian: median(values),
    teamScale: spread?.scale ?? null,
    peerCount: values.length,
    peerMinConversations: MIN_CONVERSATIONS,
    z,
    target,
    worseThanTeam: badZ >= TEAM_FLAG_Z,
    missesTarget: target !== null && missesTarget(target, value),
    severity,
    weight,
    score: severity * weight,
  };
}

/**
 * The agent's coaching opportunities for the period: every metric with a direction where the agent is
 * at least one robust unit worse than the peers or misses the target — a time metric once per channel
 * given, the others pooled — ranked by score (severity × weight) descending, ties in catalog order and
 * then channel order.
 */
export function findOpportunities(input: CoachingInput): CoachingOpportunity[] {
  const config = resolveCoachingConfig(input.config);
  const channels = [...(input.channels ?? [])].sort(
    (a, b) => CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel),
  );
  const opportunities: CoachingOpportunity[] = [];
  for (const metric of METRICS) {
    const readings: Reading[] = isTimeMetric(metric.id)
      ? channels.map((c) => ({
          ...c,
          onChannel: {
            channel: c.channel,
            target: channelTarget(metric.id, c.channel, input.responseTargetsMs),
          },
        }))
      : [{ ...input, onChannel: null }];
    for (const reading of readings) {
      const assessment = assessMetric(metric.id, reading.agent, reading.peers, config, reading.onChannel);
      if (assessment === null || !(assessment.worseThanTeam || assessment.missesTarget)) continue;
      const trendScale = assessment.teamScale ?? nonZeroMagnitude(assessment.target?.value);
      const trend = weeklyTrend(reading.weekly?.[metric.id] ?? [], assessment.direction, trendScale);
      opportunities.push({
        ...assessment,
        label: assessment.channel === null ? metric.label : `${metric.label} · ${assessment.channel}`,
        rule: { name: metric.rule, ...METRIC_SEED_RULES[metric.id] },
        trend: trend.trend,
        trendSlopePerWeek: trend.slopePerWeek,
        evidence: selectEvidence(reading.evidence?.[metric.id] ?? []),
      });
    }
  }
  const order = new Map(METRICS.map((m, i) => [m.id as MetricId, i]));
  const channelOrder = (c: Channel | null) => (c === null ? -1 : CHANNELS.indexOf(c));
  return opportunities.sort(
    (a, b) =>
      b.score - a.score ||
      (order.get(a.metricId) ?? 0) - (order.get(b.metricId) ?? 0) ||
      channelOrder(a.channel) - channelOrder(b.channel),
  );
}

/** One set of values a metric is assessed on: the pooled ones, or one channel's. */
interface Reading {
  agent: AgentCoachingValues;
  peers: readonly AgentCoachingValues[];
  weekly?: WeeklyCoachingValues | undefined;
  evidence?: CoachingEvidenceCandidates | undefined;
  onChannel: AssessmentChannel | null;
}

const isUsable = isPeerSample;

/** The peers' distribution, with enough of them to measure a distance in. */
function peerSpread(values: readonly number[]): RobustSpread | null {
  return values.length < MIN_PEERS ? null : robustSpread(values);
}

function nonZeroMagnitude(value: number | undefined): number | null {
  return value === undefined || value === 0 ? null : Math.abs(value);
}
