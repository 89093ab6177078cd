import type { Conversation } from './conversation.ts';
import { DEFAULT_ENGINE_OPTIONS, type ConversationResult, type EngineOptions } from './result.ts';

/** Every per-conversation metric with its evidence. Pure: same conversation, same result. */
export function computeConversation(
  conversation: Conversation,
  _options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): ConversationResult {
  const handleTimeMs = Date.parse(conversation.endedAt) - Date.parse(conversation.startedAt);
  return { metrics: { handleTimeMs: { num: handleTimeMs, den: 1 } }, responseGapsMs: [], evidence: [] };
}
