import { METRICS, type MetricDefinition } from '@rapport/metrics/catalog';

// The registry's own list and unit lookup, for the pages that read them from here.
export { METRIC_IDS, metricUnit } from '@rapport/metrics/catalog';

import type { MetricGroup, MetricId, MetricUnit } from './api-types.ts';

/** METRICS.md's groups, in its order, with the seed rules each one gathers. */
export const METRIC_GROUPS: readonly { id: MetricGroup; title: string; rules: string }[] = [
  { id: 'promptness', title: 'Promptness', rules: 'Respond promptly · Provide prompt solutions' },
  {
    id: 'listening',
    title: 'Listening',
    rules: 'Don’t interrupt · Listen actively · Don’t make assumptions',
  },
  {
    id: 'tone',
    title: 'Tone and empathy',
    rules: 'Show empathy · Stay positive · Don’t argue · Thank the customer · Personalize',
  },
  { id: 'clarity', title: 'Clarity', rules: 'Avoid jargon · Be clear and concise' },
  {
    id: 'ownership',
    title: 'Ownership and follow-through',
    rules:
      'Follow up · Don’t overpromise · Explain transfers · Ask for feedback · Don’t rely solely on scripts',
  },
  { id: 'outcome', title: 'Customer outcome', rules: 'Why the rules matter' },
  { id: 'workload', title: 'Workload', rules: 'Manage stress' },
];

/** The registry's labels and units, for pages whose data carries only metric ids. */
export const METRIC_CATALOG: Readonly<Record<MetricId, { label: string; unit: MetricUnit }>> =
  Object.fromEntries(METRICS.map((m) => [m.id, { label: m.label, unit: m.unit }])) as Record<
    MetricId,
    { label: string; unit: MetricUnit }
  >;

const EVIDENCE = new Map<string, MetricDefinition['evidence']>(METRICS.map((m) => [m.id, m.evidence]));

/**
 * Which end of a metric's values is worse (the search's default order with a metric, as the API
 * sorts it): lowest first for a higher-is-better metric, largest first for all others.
 */
export function worstFirst(id: MetricId): 'asc' | 'desc' {
  return DIRECTION.get(id) === 'higher' ? 'asc' : 'desc';
}

const DIRECTION = new Map<string, MetricDefinition['direction']>(METRICS.map((m) => [m.id, m.direction]));

export function metricLabel(id: string): string {
  return METRIC_CATALOG[id as MetricId]?.label ?? id;
}

/** Whether a metric flags spans of transcripts (so "conversations flagged for it" is a useful search). */
export function hasEvidence(id: MetricId): boolean {
  return EVIDENCE.get(id) != null;
}

/** The label of a credit: what the agent did well, shown as "Counts for the agent: Empathy". */
export function creditLabel(id: string): string {
  return EVIDENCE.get(id)?.credit ?? metricLabel(id);
}

/** What a highlighted span means, in words; metrics that reward a behaviour flag where it was missing. */
export function evidenceLabel(id: string): string {
  return EVIDENCE.get(id)?.flag ?? metricLabel(id);
}
