import { type DayRange, formatMetric, METRICS, type MetricId, metricDefinition } from '@rapport/metrics';

/**
 * A supervisor's weekly digest, built from the rollups of two weeks: who slipped, what improved, and
 * what waits for them. Pure: digest.job.ts fetches the numbers, this decides what is worth saying.
 */

/** One agent's week: conversations and the period value of each metric (null: no data). */
export interface AgentWeek {
  conversations: number;
  values: Partial<Record<MetricId, number | null>>;
}

export interface DigestInput {
  teamId: string;
  teamName: string;
  week: DayRange;
  previousWeek: DayRange;
  agents: readonly { agentId: string; agentName: string | null; week: AgentWeek; previous: AgentWeek }[];
  openDisputes: number;
  /** Reviews waiting in the team; null where reviews are not counted. */
  openReviews: number | null;
}

export interface DigestRules {
  /** Both weeks need this many conversations: a change over two calls is noise. */
  minConversations: number;
  /** The smallest change worth a line, as a share of the larger of the two values. */
  minChange: number;
  /** Lines per list; the rest is counted, not hidden. */
  top: number;
}

export const DIGEST_RULES: DigestRules = { minConversations: 5, minChange: 0.1, top: 5 };

export interface DigestChange {
  agentId: string;
  agentName: string | null;
  metric: MetricId;
  before: number;
  after: number;
  /** |after − before| ÷ max(|before|, |after|): 0 to 1, defined when one of them is 0. */
  change: number;
}

export interface Digest {
  teamId: string;
  teamName: string;
  week: DayRange;
  previousWeek: DayRange;
  /** Agents with enough conversations in both weeks to compare. */
  agentsCompared: number;
  slipped: { shown: DigestChange[]; total: number };
  improved: { shown: DigestChange[]; total: number };
  openDisputes: number;
  openReviews: number | null;
  minConversations: number;
}

/** Metrics with a better direction; 'context' metrics (volume, length) neither slip nor improve. */
const DIRECTED = METRICS.filter((m) => m.direction !== 'context').map((m) => ({
  id: m.id as MetricId,
  direction: m.direction as 'lower' | 'higher',
}));

export function buildDigest(input: DigestInput, rules: DigestRules = DIGEST_RULES): Digest {
  const compared = input.agents.filter(
    (a) =>
      a.week.conversations >= rules.minConversations && a.previous.conversations >= rules.minConversations,
  );
  const slipped: DigestChange[] = [];
  const improved: DigestChange[] = [];
  for (const agent of compared) {
    for (const { id, direction } of DIRECTED) {
      const before = agent.previous.values[id];
      const after = agent.week.values[id];
      if (before == null || after == null || before === after) continue;
      const change = Math.abs(after - before) / Math.max(Math.abs(before), Math.abs(after));
      if (change < rules.minChange) continue;
      const worse = direction === 'lower' ? after > before : after < before;
      (worse ? slipped : improved).push({
        agentId: agent.agentId,
        agentName: agent.agentName,
        metric: id,
        before,
        after,
        change,
      });
    }
  }
  const top = (changes: DigestChange[]) => ({
    shown: changes.sort(byChange).slice(0, rules.top),
    total: changes.length,
  });
  return {
    teamId: input.teamId,
    teamName: input.teamName,
    week: input.week,
    previousWeek: input.previousWeek,
    agentsCompared: compared.length,
    slipped: top(slipped),
    improved: top(improved),
    openDisputes: input.openDisputes,
    openReviews: input.openReviews,
    minConversations: rules.minConversations,
  };
}

/** Biggest change first; ties by agent, then metric, so the same numbers always read the same. */
function byChange(a: DigestChange, b: DigestChange): number {
  return b.change - a.change || a.agentId.localeCompare(b.agentId) || a.metric.localeCompare(b.metric);
}

/** The digest as the email and the in-app list read it. */
export function digestText(digest: Digest): string {
  const lines = [
    `${digest.teamName}, ${digest.week.from} to ${digest.week.to}, against the week before: ${digest.agentsCompared} ${digest.agentsCompared === 1 ? 'agent' : 'agents'} with at least ${digest.minConversations} conversations in both weeks.`,
    '',
    ...section('Slipped', digest.slipped),
    '',
    ...section('Improved', digest.improved),
    '',
    `Open disputes: ${digest.openDisputes}`,
  ];
  if (digest.openReviews !== null) lines.push(`Open reviews: ${digest.openReviews}`);
  return lines.join('\n');
}

function section(title: string, list: Digest['slipped']): string[] {
  if (list.total === 0) return [`${title}: nobody.`];
  const heading =
    list.total > list.shown.length ? `${title} (${list.shown.length} of ${list.total}):` : `${title}:`;
  return [
    heading,
    ...list.shown.map((c) => {
      const { label, unit } = metricDefinition(c.metric);
      return `- ${c.agentName ?? c.agentId}: ${label.toLowerCase()} ${formatMetric(c.before, unit)} → ${formatMetric(c.after, unit)}`;
    }),
  ];
}
