import { METRICS, type MetricId } from './catalog.ts';
import { avgSentenceWords, jargonPer100Words } from './clarity.ts';
import type { Conversation } from './conversation.ts';
import { type ConversationView, viewConversation } from './conversation-view.ts';
import {
  clarifyingQuestionRate,
  interruptionsPerConversation,
  paraphraseRate,
  talkRatio,
} from './listening.ts';
import type { Measure } from './measure.ts';
import { csat, customerSentimentShift, feedbackSentiment, resolutionRate } from './outcome.ts';
import {
  feedbackRequestRate,
  followUpRate,
  overpromiseRate,
  promiseKeptRate,
  scriptReliance,
  transferWithoutExplanationRate,
} from './ownership.ts';
import {
  firstResponseMs,
  handleTimeMs,
  nonTalkTimeShare,
  responseGaps,
  responseTimeMs,
  responseTimeP90Ms,
  responseWithinTargetRate,
} from './promptness.ts';
import { type ConversationResult, DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './result.ts';
import {
  argumentRate,
  empathyRate,
  negativeLanguagePer100Words,
  personalizationRate,
  thankRate,
} from './tone.ts';

type MetricFunction = (view: ConversationView) => Measure;

/** Metrics that only exist over a period (conversations / active days): nothing to compute per conversation. */
type PeriodOnlyMetricId = Extract<(typeof METRICS)[number], { aggregate: 'perActiveDay' }>['id'];

/**
 * The compute function of every per-conversation metric of the registry (catalog.ts): a metric added
 * there without one here fails the type check.
 */
export const METRIC_FUNCTIONS: Readonly<Record<Exclude<MetricId, PeriodOnlyMetricId>, MetricFunction>> = {
  firstResponseMs,
  responseTimeMs,
  responseTimeP90Ms,
  responseWithinTargetRate,
  handleTimeMs,
  nonTalkTimeShare,
  interruptionsPerConversation,
  talkRatio,
  paraphraseRate,
  clarifyingQuestionRate,
  empathyRate,
  negativeLanguagePer100Words,
  argumentRate,
  thankRate,
  personalizationRate,
  jargonPer100Words,
  avgSentenceWords,
  followUpRate,
  transferWithoutExplanationRate,
  overpromiseRate,
  promiseKeptRate,
  feedbackRequestRate,
  scriptReliance,
  csat,
  feedbackSentiment,
  customerSentimentShift,
  resolutionRate,
};

/** METRIC_FUNCTIONS in registry order, made once: listing them per conversation cost a list per metric. */
const METRIC_LIST = METRICS.flatMap((m) => {
  const compute = (METRIC_FUNCTIONS as Partial<Record<MetricId, MetricFunction>>)[m.id];
  return compute ? [[m.id, compute] as const] : [];
});

/** Every per-conversation metric with its evidence. Pure: same conversation, same result. */
export function computeConversation(
  conversation: Conversation,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): ConversationResult {
  const view = viewConversation(conversation, options);
  const result: ConversationResult = {
    metrics: {},
    responseGapsMs: responseGaps(view).map((g) => g.gapMs),
    evidence: [],
  };
  for (const [id, compute] of METRIC_LIST) {
    const { value, evidence } = compute(view);
    if (value) result.metrics[id] = value;
    for (const item of evidence) result.evidence.push(item);
  }
  return result;
}
