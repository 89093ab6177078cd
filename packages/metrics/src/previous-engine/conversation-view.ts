import type { Conversation } from '../conversation.ts';
import { DEFAULT_LEXICONS, type LexiconId, lexiconEntries, lexiconExceptions } from '../lexicons/index.ts';
import type { EngineOptions } from '../result.ts';
import { isWholeTextOf, type PhraseMatch, phraseMatcher } from './matcher.ts';
import { MASK, ownWords } from './own-words.ts';
import { countWords, maskLinks, normalised, type Span } from './text.ts';

/**
 * A voice agent turn that starts this early is a connect-time greeting: both sides talking at connect
 * is neither an interruption nor a response (METRICS.md).
 */
export const CONNECT_GREETING_MS = 2_000;

/** A turn as the metrics read it: in time order, with its index in the input kept for evidence. */
export interface TurnView {
  /** Index into `conversation.turns` as given. */
  index: number;
  speaker: 'agent' | 'customer';
  /** The turn's text as ingested: evidence quotes and points into this. */
  text: string;
  /**
   * What the text metrics read: NFC, links reduced to the one word "link", and for agent turns only
   * the agent's own words (quoted replies, reply headers, signatures and quoted customer text masked,
   * own-words.ts). Offsets into it map to `text` through `originalOffset`.
   */
  own: string;
  /** Offset in `text` of an offset in `own` (the identity unless NFC changed the text). */
  originalOffset: (offset: number) => number;
  startMs: number;
  /** `endMs`, defaulting to `startMs` (METRICS.md). */
  endMs: number;
  /** An agent turn that is only an acknowledgement ("mm-hmm", "got it"). */
  isBackchannel: boolean;
  /** A voice agent turn that starts within the first 2,000 ms: neither an interruption nor a response. */
  isConnectGreeting: boolean;
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

const identity = (offset: number) => offset;

export function viewConversation(conversation: Conversation, options: EngineOptions): ConversationView {
  const backchannels = lexiconEntries('backchannel', options.lexicons);
  const isVoice = conversation.channel === 'voice';
  const timed: {
    index: number;
    speaker: 'agent' | 'customer';
    text: string;
    startMs: number;
    endMs: number;
  }[] = [];
  conversation.turns.forEach((turn, index) => {
    if (turn.speaker === 'system') return;
    timed.push({
      index,
      speaker: turn.speaker,
      text: turn.text,
      startMs: turn.startMs,
      endMs: turn.endMs ?? turn.startMs,
    });
  });
  // Array.prototype.sort is stable, so turns starting together keep their input order.
  timed.sort((a, b) => a.startMs - b.startMs);
  const earlierCustomerTexts: string[] = [];
  const turns = timed.map((turn): TurnView => {
    const nfc = normalised(turn.text);
    const own = maskLinks(
      turn.speaker === 'agent' ? ownWords(nfc.text, earlierCustomerTexts) : nfc.text,
      MASK,
    );
    if (turn.speaker === 'customer') earlierCustomerTexts.push(nfc.text);
    return {
      ...turn,
      own,
      originalOffset: nfc.toOriginal ?? identity,
      isBackchannel: turn.speaker === 'agent' && isWholeTextOf(backchannels, own),
      isConnectGreeting: isVoice && turn.speaker === 'agent' && turn.startMs < CONNECT_GREETING_MS,
    };
  });
  return {
    conversation,
    options,
    turns,
    agentTurns: turns.filter((t) => t.speaker === 'agent'),
    customerTurns: turns.filter((t) => t.speaker === 'customer'),
  };
}

/** A lexicon phrase found in one turn; its offsets are into the turn's `own` text. */
export interface TurnMatch {
  turn: TurnView;
  match: PhraseMatch;
}

/** Every match of a lexicon (the organisation's lists where it has them) in the given turns. */
export function lexiconMatches(
  view: ConversationView,
  id: LexiconId,
  turns: readonly TurnView[],
): TurnMatch[] {
  const matcher = phraseMatcher({
    entries: lexiconEntries(id, view.options.lexicons),
    exceptions: lexiconExceptions(id, view.options.exceptions),
    glossedDoesNotCount: DEFAULT_LEXICONS[id].glossedDoesNotCount === true,
  });
  return turns.flatMap((turn) => matcher.matchAll(turn.own).map((match) => ({ turn, match })));
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

/** Words in the agent's own words: the denominator of the per-100-words metrics. */
export function agentWordCount(view: ConversationView): number {
  return view.agentTurns.reduce((sum, turn) => sum + countWords(turn.own), 0);
}

/** A span of a turn's `own` text as a span of its original text. */
export function originalSpan(turn: TurnView, span: { start: number; end: number }): Span {
  const start = turn.originalOffset(span.start);
  const end = turn.originalOffset(span.end);
  return { start, end, text: turn.text.slice(start, end) };
}
