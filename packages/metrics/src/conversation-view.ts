import type { Conversation } from './conversation.ts';
import { lexiconEntries } from './lexicons/index.ts';
import { isWholeTextOf } from './matcher.ts';
import type { EngineOptions } from './result.ts';

/** A turn as the metrics read it: in time order, with its index in the input kept for evidence. */
export interface TurnView {
  /** Index into `conversation.turns` as given. */
  index: number;
  speaker: 'agent' | 'customer';
  text: string;
  startMs: number;
  /** `endMs`, defaulting to `startMs` (METRICS.md). */
  endMs: number;
  /** An agent turn that is only an acknowledgement ("mm-hmm", "got it"). */
  isBackchannel: boolean;
}

/** The normalised conversation every metric function reads, built once per conversation. */
export interface ConversationView {
  conversation: Conversation;
  options: EngineOptions;
  /** Agent and customer turns ordered by startMs, ties in input order; system turns are dropped. */
  turns: TurnView[];
  agentTurns: TurnView[];
  customerTurns: TurnView[];
}

export function viewConversation(conversation: Conversation, options: EngineOptions): ConversationView {
  const backchannels = lexiconEntries('backchannel', options.lexicons);
  const turns: TurnView[] = [];
  conversation.turns.forEach((turn, index) => {
    if (turn.speaker === 'system') return;
    const endMs = turn.endMs ?? turn.startMs;
    turns.push({
      index,
      speaker: turn.speaker,
      text: turn.text,
      startMs: turn.startMs,
      endMs,
      isBackchannel: turn.speaker === 'agent' && isWholeTextOf(backchannels, turn.text),
    });
  });
  // Array.prototype.sort is stable, so turns starting together keep their input order.
  turns.sort((a, b) => a.startMs - b.startMs);
  return {
    conversation,
    options,
    turns,
    agentTurns: turns.filter((t) => t.speaker === 'agent'),
    customerTurns: turns.filter((t) => t.speaker === 'customer'),
  };
}

/** Offset of an ISO instant from the conversation's start, ms (the clock turns use); null if unreadable. */
export function offsetMs(view: ConversationView, instant: string | null | undefined): number | null {
  if (!instant) return null;
  const at = Date.parse(instant);
  const startedAt = Date.parse(view.conversation.startedAt);
  return Number.isFinite(at) && Number.isFinite(startedAt) ? at - startedAt : null;
}
