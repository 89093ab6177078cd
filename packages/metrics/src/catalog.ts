import type { SeedRule } from './lexicons/types.ts';

export { CHANNELS, type Channel } from './conversation.ts';

/**
 * The metric registry: every metric of METRICS.md defined once, in its order — what it is (label, unit,
 * group, direction, how it aggregates), the seed rule it measures with its verbatim quotation, and how
 * coaching treats it (default target, weight, what an upheld dispute takes back). Everything else is
 * derived from here: the catalog the API, CLI and exports list, coaching's seed rules, targets and
 * weights, the dismissal rules and the web app's labels. The engine's compute functions are keyed by
 * these ids (engine.ts), so a metric without one fails the type check.
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

export type MetricGroup =
  | 'promptness'
  | 'listening'
  | 'tone'
  | 'clarity'
  | 'ownership'
  | 'outcome'
  | 'workload';

export type MetricUnit =
  | 'ms'
  | 'ratio'
  | 'per conversation'
  | 'per 100 words'
  | 'words'
  | 'score'
  | 'per day';

/** Which way is better for coaching; metrics with direction 'context' have none. */
export type CoachingDirection = 'lower' | 'higher';

/** An organisation's bar for a metric: `higher` is met at or above `value`, `lower` at or below. */
export interface CoachingTarget {
  direction: CoachingDirection;
  value: number;
}

/** What an upheld dispute of one of the metric's flags takes back from its fraction (dismissals.ts). */
export type DismissalRule = 'perMatch' | 'perFlag' | 'lateResponse' | 'anyFlag' | 'missing' | 'evidenceOnly';

interface MetricFacts<Id extends string> {
  id: Id;
  group: MetricGroup;
  label: string;
  unit: MetricUnit;
  aggregate: Aggregate;
  /** The seed rule the metric measures, as the seed documents name it. */
  rule: string;
  /** One sentence of a seed document (`shared/seeds/`) stating that rule, verbatim, with its file. */
  seed: SeedRule;
  /**
   * What the metric's highlighted spans mean, in words (colour is never the only cue): `flag` for a
   * flagged span or a behaviour missing where it was expected, `credit` for a span that counted for the
   * agent. null for a metric that highlights nothing.
   */
  evidence: { flag: string; credit?: string } | null;
  dismissal: DismissalRule;
}

/**
 * How coaching treats a metric. A metric with a direction has a weight and may have a default target
 * (null says why not, in a comment) in its own direction; a 'context' metric has neither. Any other
 * mix is a type error, so a half-defined or contradictory metric cannot compile.
 */
type MetricCoaching =
  | { direction: 'lower'; target: CoachingTarget & { direction: 'lower' }; weight: number }
  | { direction: 'higher'; target: CoachingTarget & { direction: 'higher' }; weight: number }
  | { direction: CoachingDirection; target: null; weight: number }
  | { direction: 'context'; target: null; weight: null };

export type MetricSpec<Id extends string = string> = MetricFacts<Id> & MetricCoaching;

/** One metric's definition; `const` keeps its facts literal, so the ids form the MetricId type. */
function defineMetric<const Spec extends MetricSpec>(spec: Spec): Spec {
  return spec;
}

const atLeast = (value: number) => ({ direction: 'higher', value }) as const;
const atMost = (value: number) => ({ direction: 'lower', value }) as const;

const S000 = '000_ea97883a5136d518.txt';
const S001 = '001_9b1cc764c0cd2040.txt';
const S002 = '002_54fcf50944242143.txt';
const S003 = '003_3daaf5ff60cbc623.txt';
const S004 = '004_3321e741b2f99bbf.txt';

export const METRICS = [
  defineMetric({
    id: 'firstResponseMs',
    group: 'promptness',
    label: 'First response',
    unit: 'ms',
    direction: 'lower',
    aggregate: 'ratio',
    rule: 'Respond promptly',
    seed: {
      seed: S002,
      quote: 'Aim to respond as quickly as possible, even if it’s just an acknowledgment.',
    },
    // One millisecond bar cannot serve voice (3 s) and email (4 h) at once, and
    // responseWithinTargetRate already applies the per-channel targets: compared with the team only.
    target: null,
    weight: 1,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'responseTimeMs',
    group: 'promptness',
    label: 'Response time',
    unit: 'ms',
    direction: 'lower',
    aggregate: 'ratio',
    rule: 'Respond promptly',
    seed: {
      seed: S002,
      quote: 'Prompt responses convey respect for the customer’s time and can prevent frustration.',
    },
    // One millisecond bar cannot serve voice (3 s) and email (4 h) at once, and
    // responseWithinTargetRate already applies the per-channel targets: compared with the team only.
    target: null,
    weight: 1,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'responseTimeP90Ms',
    group: 'promptness',
    label: 'Response time, 90th percentile',
    unit: 'ms',
    direction: 'lower',
    aggregate: 'p90',
    rule: 'Respond promptly',
    seed: {
      seed: S002,
      quote: 'Prompt responses convey respect for the customer’s time and can prevent frustration.',
    },
    // One millisecond bar cannot serve voice (3 s) and email (4 h) at once, and
    // responseWithinTargetRate already applies the per-channel targets: compared with the team only.
    target: null,
    // The tail of the same gaps as responseTimeMs: counted at half so slow replies do not count twice.
    weight: 0.5,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'responseWithinTargetRate',
    group: 'promptness',
    label: 'Responses within target',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Provide prompt solutions',
    seed: {
      seed: S000,
      quote: 'Executives should strive to resolve issues swiftly without compromising quality.',
    },
    // The classic 80/20 service level: 80 % of responses within the channel's target.
    target: atLeast(0.8),
    weight: 1,
    evidence: { flag: 'Late response' },
    dismissal: 'lateResponse',
  }),
  defineMetric({
    id: 'handleTimeMs',
    group: 'promptness',
    label: 'Handle time',
    unit: 'ms',
    direction: 'context',
    aggregate: 'ratio',
    rule: 'Provide prompt solutions',
    seed: {
      seed: S003,
      quote:
        'Rushing through problem-solving can result in overlooking important details, leading to insufficient solutions.',
    },
    target: null,
    weight: null,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'nonTalkTimeShare',
    group: 'promptness',
    label: 'Non-talk time',
    unit: 'ratio',
    direction: 'lower',
    aggregate: 'ratio',
    rule: 'Respond promptly',
    seed: { seed: S002, quote: 'Clearly explain any processes, wait times, or setbacks.' },
    // Contact Lens's own guidance: silences over 3 s in at most a fifth of the call.
    target: atMost(0.2),
    weight: 1,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'interruptionsPerConversation',
    group: 'listening',
    label: 'Interruptions',
    unit: 'per conversation',
    direction: 'lower',
    aggregate: 'ratio',
    rule: "Don't interrupt",
    seed: {
      seed: S000,
      quote: 'Allow the customer to express their concerns fully before providing a response.',
    },
    // At most one interruption in every two voice conversations.
    target: atMost(0.5),
    weight: 1.5,
    evidence: { flag: 'Interruption' },
    dismissal: 'perFlag',
  }),
  defineMetric({
    id: 'talkRatio',
    group: 'listening',
    label: 'Agent talk ratio',
    unit: 'ratio',
    direction: 'lower',
    aggregate: 'ratio',
    rule: 'Listen actively',
    seed: {
      seed: S000,
      quote: "It's essential for executives to listen carefully to understand the customer’s needs fully.",
    },
    // METRICS.md: ≤ 0.5, the agent should not out-talk the customer.
    target: atMost(0.5),
    weight: 1,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'paraphraseRate',
    group: 'listening',
    label: 'Confirms understanding',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Listen actively',
    seed: {
      seed: S001,
      quote: 'Regularly paraphrase or repeat back what the customer has said to confirm your understanding.',
    },
    // Every other conversation; short routine contacts need no paraphrase, so not higher.
    target: atLeast(0.5),
    weight: 1,
    evidence: { flag: 'No paraphrase', credit: 'Paraphrase' },
    dismissal: 'missing',
  }),
  defineMetric({
    id: 'clarifyingQuestionRate',
    group: 'listening',
    label: 'Asks clarifying questions',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: "Don't make assumptions",
    seed: { seed: S004, quote: "Understand the customer's viewpoint by asking clarifying questions." },
    // Every other conversation; a fully stated request needs no clarifying question.
    target: atLeast(0.5),
    weight: 1,
    evidence: { flag: 'No clarifying question', credit: 'Clarifying question' },
    dismissal: 'missing',
  }),
  defineMetric({
    id: 'empathyRate',
    group: 'tone',
    label: 'Shows empathy',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Show empathy',
    seed: {
      seed: S000,
      quote:
        'Expressing empathy and maintaining patience can ease tension and make the customer feel valued.',
    },
    // Most conversations carry some friction worth acknowledging; not all of them do.
    target: atLeast(0.6),
    weight: 1.5,
    evidence: { flag: 'No empathy shown', credit: 'Empathy' },
    dismissal: 'missing',
  }),
  defineMetric({
    id: 'negativeLanguagePer100Words',
    group: 'tone',
    label: 'Negative language',
    unit: 'per 100 words',
    direction: 'lower',
    aggregate: 'ratio',
    rule: 'Stay positive',
    seed: { seed: S000, quote: 'Words matter, and the use of negative language can escalate a situation.' },
    // About one "can't"/"unfortunately" per 100 words is where a reader starts to notice.
    target: atMost(1),
    weight: 1,
    evidence: { flag: 'Negative language' },
    dismissal: 'perMatch',
  }),
  defineMetric({
    id: 'argumentRate',
    group: 'tone',
    label: 'Argues with the customer',
    unit: 'ratio',
    direction: 'lower',
    aggregate: 'ratio',
    rule: "Don't argue",
    seed: { seed: S002, quote: 'Arguing can lead to conflict and a negative experience.' },
    // Arguing is a breach, not a style: at most 1 conversation in 50.
    target: atMost(0.02),
    weight: 2,
    evidence: { flag: 'Argumentative' },
    dismissal: 'anyFlag',
  }),
  defineMetric({
    id: 'thankRate',
    group: 'tone',
    label: 'Thanks the customer',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Thank the customer',
    seed: {
      seed: S000,
      quote:
        'Always thank customers for bringing issues to your attention or for choosing your company’s services.',
    },
    // Thanks costs nothing; missing it in more than 1 conversation in 5 is a habit.
    target: atLeast(0.8),
    weight: 1,
    evidence: { flag: 'No thanks', credit: 'Thanks' },
    dismissal: 'missing',
  }),
  defineMetric({
    id: 'personalizationRate',
    group: 'tone',
    label: 'Uses the customer’s name',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Personalize',
    seed: {
      seed: S001,
      quote:
        'Use their names where possible, and recall previous interactions to tailor your service accordingly.',
    },
    // Among conversations where the name is known: use it in at least half.
    target: atLeast(0.5),
    weight: 0.75,
    evidence: { flag: 'Name not used', credit: 'Name used' },
    dismissal: 'missing',
  }),
  defineMetric({
    id: 'jargonPer100Words',
    group: 'clarity',
    label: 'Jargon',
    unit: 'per 100 words',
    direction: 'lower',
    aggregate: 'ratio',
    rule: 'Avoid jargon',
    seed: { seed: S000, quote: 'Avoid jargon or technical language that customers may find confusing.' },
    // Half a term per 100 words: roughly one unexplained term in a long chat.
    target: atMost(0.5),
    weight: 1,
    evidence: { flag: 'Jargon' },
    dismissal: 'perMatch',
  }),
  defineMetric({
    id: 'avgSentenceWords',
    group: 'clarity',
    label: 'Words per sentence',
    unit: 'words',
    direction: 'lower',
    aggregate: 'ratio',
    rule: 'Be clear and concise',
    seed: {
      seed: S003,
      quote: 'Being able to convey your message clearly and concisely helps avoid misunderstandings.',
    },
    // METRICS.md: ≤ 20 words per sentence (the clarity module's long-sentence bound).
    target: atMost(20),
    weight: 0.75,
    evidence: { flag: 'Long sentence' },
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'followUpRate',
    group: 'ownership',
    label: 'Follows up within 72 h',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Follow up',
    seed: {
      seed: S000,
      quote: 'Always follow up with customers to ensure their problem is resolved to their satisfaction.',
    },
    // Half of conversations followed up within 72 h; not every contact needs a follow-up.
    target: atLeast(0.5),
    weight: 1,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'transferWithoutExplanationRate',
    group: 'ownership',
    label: 'Unexplained transfers',
    unit: 'ratio',
    direction: 'lower',
    aggregate: 'ratio',
    rule: "Don't transfer without explanation",
    seed: {
      seed: S000,
      quote:
        'If a transfer is necessary, explain the reason and assure them that it’s intended to provide better assistance.',
    },
    // Some transfers are announced by the system; at most 1 in 10 without the agent's explanation.
    target: atMost(0.1),
    weight: 1.5,
    evidence: { flag: 'Unexplained transfer', credit: 'Transfer explained' },
    dismissal: 'perFlag',
  }),
  defineMetric({
    id: 'overpromiseRate',
    group: 'ownership',
    label: 'Overpromises',
    unit: 'ratio',
    direction: 'lower',
    aggregate: 'ratio',
    rule: "Don't overpromise",
    seed: { seed: S002, quote: 'Overpromising leads to disappointment and erodes trust.' },
    // Absolute promises in at most 1 conversation in 20.
    target: atMost(0.05),
    weight: 1.5,
    evidence: { flag: 'Overpromise' },
    dismissal: 'anyFlag',
  }),
  defineMetric({
    id: 'promiseKeptRate',
    group: 'ownership',
    label: 'Promises kept',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: "Don't overpromise",
    seed: {
      seed: S001,
      quote: 'Making promises you cannot keep is a fast track to disappointing customers.',
    },
    // A broken promise costs trust: keep 9 in 10.
    target: atLeast(0.9),
    weight: 2,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'feedbackRequestRate',
    group: 'ownership',
    label: 'Asks for feedback',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Ask for feedback',
    seed: { seed: S002, quote: 'Encourage customers to share their thoughts about the service.' },
    // Ask (or send the survey) in at least half of the conversations.
    target: atLeast(0.5),
    weight: 0.75,
    evidence: { flag: 'No feedback request', credit: 'Feedback request' },
    dismissal: 'missing',
  }),
  defineMetric({
    id: 'scriptReliance',
    group: 'ownership',
    label: 'Script reliance',
    unit: 'ratio',
    direction: 'context',
    aggregate: 'ratio',
    rule: "Don't rely solely on scripts",
    seed: {
      seed: S001,
      quote:
        'While scripts can provide guidance, over-reliance can lead to robotic interactions and a lack of personalization.',
    },
    target: null,
    weight: null,
    evidence: { flag: 'Scripted line' },
    dismissal: 'perFlag',
  }),
  defineMetric({
    id: 'csat',
    group: 'outcome',
    label: 'CSAT',
    unit: 'score',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Customer satisfaction',
    seed: {
      seed: S003,
      quote: 'When customers feel heard, they are more likely to be satisfied with the interaction.',
    },
    // 4 of 5 is "satisfied" on the usual 1–5 scale.
    target: atLeast(4),
    weight: 1,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'feedbackSentiment',
    group: 'outcome',
    label: 'Feedback sentiment',
    unit: 'score',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Customer satisfaction',
    seed: {
      seed: S001,
      quote: 'Customer feedback, positive or negative, is a valuable resource for improvement.',
    },
    // Comments on balance not negative.
    target: atLeast(0),
    weight: 0.5,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'customerSentimentShift',
    group: 'outcome',
    label: 'Customer sentiment shift',
    unit: 'score',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Customer satisfaction',
    seed: {
      seed: S004,
      quote: 'A positive attitude can turn a potentially negative situation into a constructive one.',
    },
    // Customers leave no worse than they came.
    target: atLeast(0),
    weight: 0.5,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'resolutionRate',
    group: 'outcome',
    label: 'Resolved',
    unit: 'ratio',
    direction: 'higher',
    aggregate: 'ratio',
    rule: 'Provide prompt solutions',
    seed: {
      seed: S001,
      quote:
        'Focusing on resolving the issue efficiently satisfies customers and reflects positively on your role.',
    },
    // A common first-contact resolution benchmark.
    target: atLeast(0.7),
    weight: 1,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
  defineMetric({
    id: 'conversationsPerDay',
    group: 'workload',
    label: 'Conversations per active day',
    unit: 'per day',
    direction: 'context',
    aggregate: 'perActiveDay',
    rule: 'Manage stress',
    seed: { seed: S003, quote: 'Ignoring stress can lead to burnout.' },
    target: null,
    weight: null,
    evidence: null,
    dismissal: 'evidenceOnly',
  }),
] as const;

export type MetricId = (typeof METRICS)[number]['id'];

/** A catalog entry; the registry's entries are MetricDefinitions with their coaching facets. */
export type MetricDefinition = MetricSpec;

export const METRIC_IDS: readonly MetricId[] = METRICS.map((m) => m.id);

const BY_ID = new Map<string, MetricDefinition>(METRICS.map((m) => [m.id, m]));

/** One metric's definition; a RangeError for an id outside the registry. */
export function metricDefinition(id: MetricId): MetricDefinition {
  const definition = BY_ID.get(id);
  if (definition === undefined) throw new RangeError(`unknown metric ${JSON.stringify(id)}`);
  return definition;
}

/** A metric's contribution from one conversation: the period value is Σ num / Σ den. */
export interface Fraction {
  num: number;
  den: number;
}

/** The catalog unit of a metric id: what the formatter reads to print it. */
export function metricUnit(id: MetricId): MetricUnit {
  return metricDefinition(id).unit;
}

/**
 * Whether a metric is a time (unit ms): such values are never pooled across channels, since a mean of
 * voice seconds and email hours describes neither; pages show them per channel.
 */
export function isTimeMetric(id: MetricId): boolean {
  return metricDefinition(id).unit === 'ms';
}
