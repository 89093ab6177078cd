import { METRICS, type MetricId } from '../catalog.ts';
import { type PeriodTotals, periodValues, sampleSize } from '../period.ts';
import { median } from './robust.ts';

/** METRICS.md: metrics with fewer than 5 conversations behind them are never flagged. */
export const MIN_CONVERSATIONS = 5;

/** One agent's value of one metric over a period and the conversations behind it. */
export interface PeerSample {
  value: number | null;
  n: number;
}

/**
 * The team median as every page, opportunity and export states it: the median over the peer set, and
 * how large that set is. The peer set of an agent is their teammates, the agent left out (an agent is
 * compared with the others, not with a sample they pull towards themselves), who have a value with at
 * least `MIN_CONVERSATIONS` conversations behind it (a teammate back from leave with two calls is not a
 * benchmark). A team line with no agent in particular leaves nobody out.
 */
export interface PeerMedian {
  median: number | null;
  /** Teammates in the peer set. */
  peers: number;
  /** The fewest conversations behind a teammate's value for them to count: `MIN_CONVERSATIONS`. */
  minConversations: number;
}

/** Whether a teammate's sample belongs to the peer set: a finite value over enough conversations. */
export function isPeerSample(sample: PeerSample | undefined): sample is { value: number; n: number } {
  return (
    sample !== undefined &&
    sample.value !== null &&
    Number.isFinite(sample.value) &&
    sample.n >= MIN_CONVERSATIONS
  );
}

/** The values of the peer set of one metric (the caller leaves the agent out of `samples`). */
export function peerValues(samples: readonly (PeerSample | undefined)[]): number[] {
  return samples.filter(isPeerSample).map((s) => s.value);
}

/** The team median of one metric over its peer set. */
export function peerMedian(samples: readonly (PeerSample | undefined)[]): PeerMedian {
  const values = peerValues(samples);
  return { median: median(values), peers: values.length, minConversations: MIN_CONVERSATIONS };
}

/** One team member's totals over the period, as the rollups give them. */
export interface MemberTotals {
  agentId: string;
  totals: PeriodTotals;
}

/**
 * The team median of every metric for `agentId` (left out of the peer set), or for the team as a whole
 * when `agentId` is null, from each member's period totals.
 */
export function peerMedians(
  members: readonly MemberTotals[],
  agentId: string | null,
): Record<MetricId, PeerMedian> {
  const peers = members
    .filter((m) => m.agentId !== agentId)
    .map((m) => ({ values: periodValues(m.totals), totals: m.totals }));
  const result = {} as Record<MetricId, PeerMedian>;
  for (const { id } of METRICS) {
    result[id] = peerMedian(peers.map((p) => ({ value: p.values[id], n: sampleSize(id, p.totals) })));
  }
  return result;
}
