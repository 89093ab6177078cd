/** Small builders for hand-worked test conversations (used only by the *.test.ts files). */
import type { Channel, Conversation, ConversationEvent, Speaker, Turn } from './conversation.ts';
import { viewConversation } from './conversation-view.ts';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './result.ts';

export const STARTED_AT = '2026-03-02T09:00:00.000Z';
export const ENDED_AT = '2026-03-02T09:10:00.000Z';

function turn(speaker: Speaker, startMs: number, endMs: number | null, text: string): Turn {
  return endMs === null ? { speaker, text, startMs } : { speaker, text, startMs, endMs };
}

export const customer = (startMs: number, endMs: number | null = null, text = 'I have a question.') =>
  turn('customer', startMs, endMs, text);
export const agent = (startMs: number, endMs: number | null = null, text = 'Let me check that for you.') =>
  turn('agent', startMs, endMs, text);
export const system = (startMs: number, text = 'Chat started') => turn('system', startMs, null, text);

export function event(type: string, at: string, extra: Partial<ConversationEvent> = {}): ConversationEvent {
  return { type, at, ...extra };
}

export interface ConversationSpec {
  channel?: Channel;
  turns?: Turn[];
  events?: ConversationEvent[];
  customerName?: string | null;
  survey?: Conversation['survey'];
}

export function conversation(spec: ConversationSpec = {}): Conversation {
  return {
    id: 'c-1',
    channel: spec.channel ?? 'chat',
    startedAt: STARTED_AT,
    endedAt: ENDED_AT,
    agent: { id: 'a-1' },
    customer: { id: 'cust-1', name: spec.customerName ?? null },
    turns: spec.turns ?? [],
    ...(spec.events ? { events: spec.events } : {}),
    ...(spec.survey === undefined ? {} : { survey: spec.survey }),
  };
}

export function view(spec: ConversationSpec, options: EngineOptions = DEFAULT_ENGINE_OPTIONS) {
  return viewConversation(conversation(spec), options);
}
