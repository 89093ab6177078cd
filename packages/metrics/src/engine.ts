import type { MetricId } from './catalog.ts';
import type { Conversation } from './conversation.ts';
import { type ConversationView, viewConversation } from './conversation-view.ts';
import { interruptionsPerConversation, talkRatio } from './listening.ts';
import type { Measure } from './measure.ts';
import {
  firstResponseMs,
  handleTimeMs,
  responseGaps,
  responseTimeMs,
  responseTimeP90Ms,
  responseWithinTargetRate,
} from './promptness.ts';
import { type ConversationResult, DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './result.ts';

type MetricFunction = (view: ConversationView) => Measure;

/**
 * Every per-conversation metric, in METRICS.md order. `conversationsPerDay` is absent on purpose: it
 * only exists over a period (conversations / active days).
 */
const METRIC_FUNCTIONS: Partial<Record<MetricId, MetricFunction>> = {
  firstResponseMs,
  responseTimeMs,
  responseTimeP90Ms,
  responseWithinTargetRate,
  handleTimeMs,
  interruptionsPerConversation,
  talkRatio,
};

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
  for (const [id, compute] of Object.entries(METRIC_FUNCTIONS) as [MetricId, MetricFunction][]) {
    const { value, evidence } = compute(view);
    if (value) result.metrics[id] = value;
    result.evidence.push(...evidence);
  }
  return result;
}
