/**
 * The metric catalog of METRICS.md, in its order. The ids are the public keys of the API, the CLI's
 * `--json` output and the CSV export; `aggregate` says how per-conversation facts combine over a period.
 */
/**
 * The METRICS.md definitions version this engine computes. Stored facts remember the version that
 * computed them, so that a recompute can bring older facts up to date and every number can say which
 * definitions made it. The change log is in packages/metrics/README.md.
 */
export const DEFINITIONS_VERSION = 2;

/** How the product names a definitions version: "definitions v2". */
export function definitionsLabel(version: number = DEFINITIONS_VERSION): string {
  return `definitions v${version}`;
}

export type Direction = 'lower' | 'higher' | 'context';

/**
 * - `ratio`: Σ num / Σ den over the period (shares, pooled rates and means all reduce to this);
 * - `p90`: nearest-rank 90th percentile of the pooled response gaps;
 * - `perActiveDay`: conversations / days with at least one conversation.
 */
export type Aggregate = 'ratio' | 'p90' | 'perActiveDay';

export interface MetricDefinition {
  id: string;
  group: 'promptness' | 'listening' | 'tone' | 'clarity' | 'ownership' | 'outcome' | 'workload';
  label: string;
  unit: 'ms' | 'ratio' | 'per conversation' | 'per 100 words' | 'words' | 'score' | 'per day';
  direction: Direction;
  aggregate: Aggregate;
  /** The seed rule the metric measures, as the seed documents name it. */
  rule: string;
}

// biome-ignore format: one metric a line keeps the catalog readable as the table it mirrors
export const METRICS = [
  { id: 'firstResponseMs', group: 'promptness', label: 'First response', unit: 'ms', direction: 'lower', aggregate: 'ratio', rule: 'Respond promptly' },
  { id: 'responseTimeMs', group: 'promptness', label: 'Response time', unit: 'ms', direction: 'lower', aggregate: 'ratio', rule: 'Respond promptly' },
  { id: 'responseTimeP90Ms', group: 'promptness', label: 'Response time, 90th percentile', unit: 'ms', direction: 'lower', aggregate: 'p90', rule: 'Respond promptly' },
  { id: 'responseWithinTargetRate', group: 'promptness', label: 'Responses within target', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Provide prompt solutions' },
  { id: 'handleTimeMs', group: 'promptness', label: 'Handle time', unit: 'ms', direction: 'context', aggregate: 'ratio', rule: 'Provide prompt solutions' },
  { id: 'nonTalkTimeShare', group: 'promptness', label: 'Non-talk time', unit: 'ratio', direction: 'lower', aggregate: 'ratio', rule: 'Respond promptly' },
  { id: 'interruptionsPerConversation', group: 'listening', label: 'Interruptions', unit: 'per conversation', direction: 'lower', aggregate: 'ratio', rule: "Don't interrupt" },
  { id: 'talkRatio', group: 'listening', label: 'Agent talk ratio', unit: 'ratio', direction: 'lower', aggregate: 'ratio', rule: 'Listen actively' },
  { id: 'paraphraseRate', group: 'listening', label: 'Confirms understanding', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Listen actively' },
  { id: 'clarifyingQuestionRate', group: 'listening', label: 'Asks clarifying questions', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: "Don't make assumptions" },
  { id: 'empathyRate', group: 'tone', label: 'Shows empathy', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Show empathy' },
  { id: 'negativeLanguagePer100Words', group: 'tone', label: 'Negative language', unit: 'per 100 words', direction: 'lower', aggregate: 'ratio', rule: 'Stay positive' },
  { id: 'argumentRate', group: 'tone', label: 'Argues with the customer', unit: 'ratio', direction: 'lower', aggregate: 'ratio', rule: "Don't argue" },
  { id: 'thankRate', group: 'tone', label: 'Thanks the customer', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Thank the customer' },
  { id: 'personalizationRate', group: 'tone', label: 'Uses the customer’s name', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Personalize' },
  { id: 'jargonPer100Words', group: 'clarity', label: 'Jargon', unit: 'per 100 words', direction: 'lower', aggregate: 'ratio', rule: 'Avoid jargon' },
  { id: 'avgSentenceWords', group: 'clarity', label: 'Words per sentence', unit: 'words', direction: 'lower', aggregate: 'ratio', rule: 'Be clear and concise' },
  { id: 'followUpRate', group: 'ownership', label: 'Follows up within 72 h', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Follow up' },
  { id: 'transferWithoutExplanationRate', group: 'ownership', label: 'Unexplained transfers', unit: 'ratio', direction: 'lower', aggregate: 'ratio', rule: "Don't transfer without explanation" },
  { id: 'overpromiseRate', group: 'ownership', label: 'Overpromises', unit: 'ratio', direction: 'lower', aggregate: 'ratio', rule: "Don't overpromise" },
  { id: 'promiseKeptRate', group: 'ownership', label: 'Promises kept', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: "Don't overpromise" },
  { id: 'feedbackRequestRate', group: 'ownership', label: 'Asks for feedback', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Ask for feedback' },
  { id: 'scriptReliance', group: 'ownership', label: 'Script reliance', unit: 'ratio', direction: 'context', aggregate: 'ratio', rule: "Don't rely solely on scripts" },
  { id: 'csat', group: 'outcome', label: 'CSAT', unit: 'score', direction: 'higher', aggregate: 'ratio', rule: 'Customer satisfaction' },
  { id: 'feedbackSentiment', group: 'outcome', label: 'Feedback sentiment', unit: 'score', direction: 'higher', aggregate: 'ratio', rule: 'Customer satisfaction' },
  { id: 'customerSentimentShift', group: 'outcome', label: 'Customer sentiment shift', unit: 'score', direction: 'higher', aggregate: 'ratio', rule: 'Customer satisfaction' },
  { id: 'resolutionRate', group: 'outcome', label: 'Resolved', unit: 'ratio', direction: 'higher', aggregate: 'ratio', rule: 'Provide prompt solutions' },
  { id: 'conversationsPerDay', group: 'workload', label: 'Conversations per active day', unit: 'per day', direction: 'context', aggregate: 'perActiveDay', rule: 'Manage stress' },
] as const satisfies readonly MetricDefinition[];

export type MetricId = (typeof METRICS)[number]['id'];

export const METRIC_IDS: readonly MetricId[] = METRICS.map((m) => m.id);

/** A metric's contribution from one conversation: the period value is Σ num / Σ den. */
export interface Fraction {
  num: number;
  den: number;
}

/** The unit a metric's value is in: what the formatter reads to print it. */
export type MetricUnit = MetricDefinition['unit'];

const UNITS = new Map<MetricId, MetricUnit>(METRICS.map((m) => [m.id, m.unit]));

/** The catalog unit of a metric id. */
export function metricUnit(id: MetricId): MetricUnit {
  return UNITS.get(id) as MetricUnit;
}
