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

/**
 * The catalog's labels and units, for pages whose data carries only metric ids (transcripts, search,
 * coaching impact, settings). `satisfies` keeps it complete: a metric added to the API's catalog fails
 * the type check here.
 */
export const METRIC_CATALOG = {
  firstResponseMs: { label: 'First response', unit: 'ms' },
  responseTimeMs: { label: 'Response time', unit: 'ms' },
  responseTimeP90Ms: { label: 'Response time, 90th percentile', unit: 'ms' },
  responseWithinTargetRate: { label: 'Responses within target', unit: 'ratio' },
  handleTimeMs: { label: 'Handle time', unit: 'ms' },
  interruptionsPerConversation: { label: 'Interruptions', unit: 'per conversation' },
  talkRatio: { label: 'Agent talk ratio', unit: 'ratio' },
  nonTalkTimeShare: { label: 'Non-talk time', unit: 'ratio' },
  paraphraseRate: { label: 'Confirms understanding', unit: 'ratio' },
  clarifyingQuestionRate: { label: 'Asks clarifying questions', unit: 'ratio' },
  empathyRate: { label: 'Shows empathy', unit: 'ratio' },
  negativeLanguagePer100Words: { label: 'Negative language', unit: 'per 100 words' },
  argumentRate: { label: 'Argues with the customer', unit: 'ratio' },
  thankRate: { label: 'Thanks the customer', unit: 'ratio' },
  personalizationRate: { label: 'Uses the customer’s name', unit: 'ratio' },
  jargonPer100Words: { label: 'Jargon', unit: 'per 100 words' },
  avgSentenceWords: { label: 'Words per sentence', unit: 'words' },
  followUpRate: { label: 'Follows up within 72 h', unit: 'ratio' },
  transferWithoutExplanationRate: { label: 'Unexplained transfers', unit: 'ratio' },
  overpromiseRate: { label: 'Overpromises', unit: 'ratio' },
  promiseKeptRate: { label: 'Promises kept', unit: 'ratio' },
  feedbackRequestRate: { label: 'Asks for feedback', unit: 'ratio' },
  scriptReliance: { label: 'Script reliance', unit: 'ratio' },
  csat: { label: 'CSAT', unit: 'score' },
  feedbackSentiment: { label: 'Feedback sentiment', unit: 'score' },
  customerSentimentShift: { label: 'Customer sentiment shift', unit: 'score' },
  resolutionRate: { label: 'Resolved', unit: 'ratio' },
  conversationsPerDay: { label: 'Conversations per active day', unit: 'per day' },
} as const satisfies Record<MetricId, { label: string; unit: MetricUnit }>;

export const METRIC_IDS = Object.keys(METRIC_CATALOG) as MetricId[];

/**
 * What a highlighted span in a transcript means, in words (the highlight colour is never the only cue).
 * Metrics that reward a behaviour flag the turn where it was expected and missing.
 */
const EVIDENCE_LABELS: Partial<Record<MetricId, string>> = {
  interruptionsPerConversation: 'Interruption',
  responseWithinTargetRate: 'Late response',
  paraphraseRate: 'No paraphrase',
  clarifyingQuestionRate: 'No clarifying question',
  empathyRate: 'No empathy shown',
  negativeLanguagePer100Words: 'Negative language',
  argumentRate: 'Argumentative',
  thankRate: 'No thanks',
  personalizationRate: 'Name not used',
  jargonPer100Words: 'Jargon',
  avgSentenceWords: 'Long sentence',
  transferWithoutExplanationRate: 'Unexplained transfer',
  overpromiseRate: 'Overpromise',
  feedbackRequestRate: 'No feedback request',
  scriptReliance: 'Scripted line',
};

export function metricLabel(id: string): string {
  return METRIC_CATALOG[id as MetricId]?.label ?? id;
}

export function metricUnit(id: MetricId): MetricUnit {
  return METRIC_CATALOG[id].unit;
}

/** Whether a metric flags spans of transcripts (so "conversations flagged for it" is a useful search). */
export function hasEvidence(id: MetricId): boolean {
  return EVIDENCE_LABELS[id] !== undefined;
}

/** What a credited span counted for, in words: shown as "Counts for the agent: Empathy". */
const CREDIT_LABELS: Partial<Record<MetricId, string>> = {
  paraphraseRate: 'Paraphrase',
  clarifyingQuestionRate: 'Clarifying question',
  empathyRate: 'Empathy',
  thankRate: 'Thanks',
  personalizationRate: 'Name used',
  transferWithoutExplanationRate: 'Transfer explained',
  feedbackRequestRate: 'Feedback request',
};

/** The label of a credit: what the agent did well. */
export function creditLabel(id: string): string {
  return CREDIT_LABELS[id as MetricId] ?? metricLabel(id);
}

export function evidenceLabel(id: string): string {
  return EVIDENCE_LABELS[id as MetricId] ?? metricLabel(id);
}
