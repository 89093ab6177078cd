import type { Conversation } from './conversation.ts';
import { type LexiconSet, lexiconSet, type PhraseLexiconId, type TextMatches } from './lexicon-set.ts';
import { type LexiconEntry, lexiconEntries } from './lexicons/index.ts';
import { isWholeTextOf, type PhraseMatch } from './matcher.ts';
import { MASK, ownWords } from './own-words.ts';
import type { EngineOptions } from './result.ts';
import { contentWords } from './stop-words.ts';
import {
  type CountedSentence,
  countedSentences,
  countWords,
  maskLinks,
  normalised,
  type Span,
} from './text.ts';

/**
 * A voice agent turn that starts this early is a connect-time greeting: both sides talking at connect
 * is neither an interruption nor a response (METRICS.md).
 */
export const CONNECT_GREETING_MS = 2_000;

/** What the turns of one configuration read their lexicons from, shared by all of them. */
interface TurnReading {
  backchannels: readonly LexiconEntry[];
  lexicons: LexiconSet;
}

/**
 * A turn as the metrics read it: in time order, with its index in the input kept for evidence. What
 * several metrics read (words, sentences, lexicon matches) is computed once, when first read.
 */
export class TurnView {
  /** Index into `conversation.turns` as given. */
  readonly index: number;
  readonly speaker: 'agent' | 'customer';
  /** The turn's text as ingested: evidence quotes and points into this. */
  readonly text: string;
  /**
   * What the text metrics read: NFC, links reduced to the one word "link", and for agent turns only
   * the agent's own words (quoted replies, reply headers, signatures and quoted customer text masked,
   * own-words.ts). Offsets into it map to `text` through `originalOffset`.
   */
  readonly own: string;
  /** Offset in `text` of an offset in `own` (the identity unless NFC changed the text). */
  readonly originalOffset: (offset: number) => number;
  readonly startMs: number;
  /** `endMs`, defaulting to `startMs` (METRICS.md). */
  readonly endMs: number;
  /** A voice agent turn that starts within the first 2,000 ms: neither an interruption nor a response. */
  readonly isConnectGreeting: boolean;
  readonly #reading: TurnReading;
  #isBackchannel: boolean | undefined;
  #wordCount: number | undefined;
  #sentences: readonly CountedSentence[] | undefined;
  #contentWords: readonly string[] | undefined;
  #matches: TextMatches | undefined;

  constructor(
    turn: Omit<TurnView, 'isBackchannel' | 'wordCount' | 'sentences' | 'contentWords' | 'matches'>,
    reading: TurnReading,
  ) {
    this.index = turn.index;
    this.speaker = turn.speaker;
    this.text = turn.text;
    this.own = turn.own;
    this.originalOffset = turn.originalOffset;
    this.startMs = turn.startMs;
    this.endMs = turn.endMs;
    this.isConnectGreeting = turn.isConnectGreeting;
    this.#reading = reading;
  }

  /** An agent turn that is only an acknowledgement ("mm-hmm", "got it"). */
  get isBackchannel(): boolean {
    this.#isBackchannel ??= this.speaker === 'agent' && isWholeTextOf(this.#reading.backchannels, this.own);
    return this.#isBackchannel;
  }

  /** Words of `own`: the per-100-words denominators add these up. */
  get wordCount(): number {
    this.#wordCount ??= countWords(this.own);
    return this.#wordCount;
  }

  /** Sentences of `own`, with their word counts. */
  get sentences(): readonly CountedSentence[] {
    this.#sentences ??= countedSentences(this.own);
    return this.#sentences;
  }

  /** Content words of `own` (stop-words.ts), what a restatement shares with the customer's turns. */
  get contentWords(): readonly string[] {
    this.#contentWords ??= contentWords(this.own);
    return this.#contentWords;
  }

  /** The matches of a lexicon in `own`, every lexicon found in the one pass (lexicon-set.ts). */
  matches(id: PhraseLexiconId): readonly PhraseMatch[] {
    this.#matches ??= this.#reading.lexicons.matchText(this.own);
    return this.#matches.of(id);
  }
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
  const reading: TurnReading = {
    backchannels: lexiconEntries('backchannel', options.lexicons),
    lexicons: lexiconSet(options),
  };
  const isVoice = conversation.channel === 'voice';
  const timed: { index: number; turn: Conversation['turns'][number] & { speaker: 'agent' | 'customer' } }[] =
    [];
  conversation.turns.forEach((turn, index) => {
    if (turn.speaker !== 'system') timed.push({ index, turn: turn as (typeof timed)[number]['turn'] });
  });
  // Array.prototype.sort is stable, so turns starting together keep their input order.
  timed.sort((a, b) => a.turn.startMs - b.turn.startMs);
  const earlierCustomerTexts: string[] = [];
  const turns: TurnView[] = [];
  const agentTurns: TurnView[] = [];
  const customerTurns: TurnView[] = [];
  for (const { index, turn } of timed) {
    const nfc = normalised(turn.text);
    const isAgent = turn.speaker === 'agent';
    const own = maskLinks(isAgent ? ownWords(nfc.text, earlierCustomerTexts) : nfc.text, MASK);
    if (!isAgent) earlierCustomerTexts.push(nfc.text);
    // Fields written out, not spread: an object spread here cost more than the rest of the view.
    const view = new TurnView(
      {
        index,
        speaker: turn.speaker,
        text: turn.text,
        own,
        originalOffset: nfc.toOriginal ?? identity,
        startMs: turn.startMs,
        endMs: turn.endMs ?? turn.startMs,
        isConnectGreeting: isVoice && isAgent && turn.startMs < CONNECT_GREETING_MS,
      },
      reading,
    );
    turns.push(view);
    (isAgent ? agentTurns : customerTurns).push(view);
  }
  return { conversation, options, turns, agentTurns, customerTurns };
}

/** A lexicon phrase found in one turn; its offsets are into the turn's `own` text. */
export interface TurnMatch {
  turn: TurnView;
  match: PhraseMatch;
}

/** Every match of a lexicon (the organisation's lists where it has them) in the given turns. */
export function lexiconMatches(id: PhraseLexiconId, turns: readonly TurnView[]): TurnMatch[] {
  const found: TurnMatch[] = [];
  for (const turn of turns) for (const match of turn.matches(id)) found.push({ turn, match });
  return found;
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
  return view.agentTurns.reduce((sum, turn) => sum + turn.wordCount, 0);
}

/** A span of a turn's `own` text as a span of its original text. */
export function originalSpan(turn: TurnView, span: { start: number; end: number }): Span {
  const start = turn.originalOffset(span.start);
  const end = turn.originalOffset(span.end);
  return { start, end, text: turn.text.slice(start, end) };
}
