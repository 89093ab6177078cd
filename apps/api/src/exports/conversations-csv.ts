import { type Fraction, METRIC_IDS, type MetricId, nearestRank } from '@rapport/metrics';
import { type CsvCell, textCell } from './csv.ts';

export const CONVERSATION_CSV_HEADER: readonly string[] = [
  'conversationId',
  'agentId',
  'team',
  'channel',
  'queue',
  'startedAt',
  'definitions',
  ...METRIC_IDS,
];

/** One conversation's stored metric facts (conversation_metrics), as the repository reads them. */
export interface ConversationFacts {
  conversationId: string;
  agentId: string;
  teamId: string | null;
  channel: string;
  queue: string | null;
  /** ISO 8601, UTC. */
  startedAt: string;
  responseGapsMs: number[];
  /** The METRICS.md definitions version that computed the facts. */
  definitions: number;
  fractions: Partial<Record<MetricId, Fraction>>;
}

/**
 * A conversation's own value of a metric: its fraction num / den, empty where the metric does not apply
 * (no denominator); the 90th percentile of its own response gaps; conversations per day is a period
 * measure with no per-conversation value.
 */
export function conversationMetricValue(facts: ConversationFacts, id: MetricId): number | null {
  if (id === 'responseTimeP90Ms') return nearestRank(facts.responseGapsMs, 0.9);
  if (id === 'conversationsPerDay') return null;
  const fraction = facts.fractions[id];
  return fraction && fraction.den > 0 ? fraction.num / fraction.den : null;
}

export function conversationCsvRecord(facts: ConversationFacts): CsvCell[] {
  return [
    textCell(facts.conversationId),
    textCell(facts.agentId),
    textCell(facts.teamId),
    facts.channel,
    textCell(facts.queue),
    facts.startedAt,
    `v${facts.definitions}`,
    ...METRIC_IDS.map((id) => conversationMetricValue(facts, id)),
  ];
}
