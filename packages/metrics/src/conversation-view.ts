import type { Conversation } from './conversation.ts';
import { type LexiconId, lexiconEntries } from './lexicons/index.ts';
import { isWholeTextOf, type PhraseMatch, phraseMatcher } from './matcher.ts';
import type { EngineOptions } from './result.ts';
import { countWords } from './text.ts';

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

/** A lexicon phrase found in one turn. */
export interface TurnMatch {
  turn: TurnView;
  match: PhraseMatch;
}

/** Every match of a lexicon (the organisation's list if it has one) in the given turns. */
export function lexiconMatches(
  view: ConversationView,
  id: LexiconId,
  turns: readonly TurnView[],
): TurnMatch[] {
  const matcher = phraseMatcher(lexiconEntries(id, view.options.lexicons));
  return turns.flatMap((turn) => matcher.matchAll(turn.text).map((match) => ({ turn, match })));
}

/** Agent turns that say something: backchannels are acknowledgements, not statements. */
export function spokenAgentTurns(view: ConversationView): TurnView[] {
  return view.agentTurns.filter((t) => !t.isBackchannel);
}

/** ISO instants of the conversation's events of one type, as epoch ms (unreadable ones dropped). */
export function eventTimes(view: ConversationView, type: string): number[] {
  return (view.conversation.events ?? [])
    .filter((e) => e.type === type)
    .map((e) => Date.parse(e.at))
    .filter(Number.isFinite);
}

/** Words in agent turns: the denominator of the per-100-words metrics. */
export function agentWordCount(view: ConversationView): number {
  return view.agentTurns.reduce((sum, turn) => sum + countWords(turn.text), 0);
}
