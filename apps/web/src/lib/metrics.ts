import type { MetricGroup, MetricId } from './api-types.ts';

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
 * The catalog's labels, for pages whose data carries only metric ids (transcripts, search). `satisfies`
 * keeps the list complete: a metric added to the API's catalog fails the type check here.
 */
export const METRIC_LABELS = {
  firstResponseMs: 'First response',
  responseTimeMs: 'Response time',
  responseTimeP90Ms: 'Response time, 90th percentile',
  responseWithinTargetRate: 'Responses within target',
  handleTimeMs: 'Handle time',
  interruptionsPerConversation: 'Interruptions',
  talkRatio: 'Agent talk ratio',
  paraphraseRate: 'Confirms understanding',
  clarifyingQuestionRate: 'Asks clarifying questions',
  empathyRate: 'Shows empathy',
  negativeLanguagePer100Words: 'Negative language',
  argumentRate: 'Argues with the customer',
  thankRate: 'Thanks the customer',
  personalizationRate: 'Uses the customer’s name',
  jargonPer100Words: 'Jargon',
  avgSentenceWords: 'Words per sentence',
  followUpRate: 'Follows up within 72 h',
  transferWithoutExplanationRate: 'Unexplained transfers',
  overpromiseRate: 'Overpromises',
  promiseKeptRate: 'Promises kept',
  feedbackRequestRate: 'Asks for feedback',
  scriptReliance: 'Script reliance',
  csat: 'CSAT',
  feedbackSentiment: 'Feedback sentiment',
  customerSentimentShift: 'Customer sentiment shift',
  resolutionRate: 'Resolved',
  conversationsPerDay: 'Conversations per active day',
} as const satisfies Record<MetricId, string>;

export const METRIC_IDS = Object.keys(METRIC_LABELS) as MetricId[];

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
  return (METRIC_LABELS as Record<string, string>)[id] ?? id;
}

/** Whether a metric flags spans of transcripts (so "conversations flagged for it" is a useful search). */
export function hasEvidence(id: MetricId): boolean {
  return EVIDENCE_LABELS[id] !== undefined;
}

export function evidenceLabel(id: string): string {
  return EVIDENCE_LABELS[id as MetricId] ?? metricLabel(id);
}
