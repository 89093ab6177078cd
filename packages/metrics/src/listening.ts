import {
  type ConversationView,
  lexiconMatches,
  spokenAgentTurns,
  type TurnView,
} from './conversation-view.ts';
import {
  creditEvidence,
  type Measure,
  measured,
  missingEvidence,
  NOT_APPLICABLE,
  share,
  turnEvidence,
} from './measure.ts';
import { MASK } from './own-words.ts';
import { contentWords } from './stop-words.ts';
import { countWords, foldApostrophes } from './text.ts';

/** A customer must still have at least this much left to say for an agent turn to cut in. */
const INTERRUPTION_MARGIN_MS = 500;

/** How many of the agent's first statements may hold the clarifying question (METRICS.md). */
const OPENING_AGENT_TURNS = 3;

/** A restatement shares at least this many content words with the customer's earlier turns. */
const RESTATEMENT_SHARED_WORDS = 2;
/**
 * After a confirming phrase, a question about steps taken checks something new, it restates nothing:
 * "just to confirm, have you already tried restarting?" (METRICS.md).
 */
const CHECK_QUESTION =
  /^[\s,:;—–-]*(?:have|has|did|do|does|could|can|would|were|was)\s+you\s+(?:already\s+|yet\s+|also\s+|ever\s+)?(?:tried|try|attempted|attempt|checked|check|restarted|restart|reset|updated|update|cleared|clear|reinstalled|reinstall|followed|follow|completed|complete|received|receive|gotten|got|get|been able|managed|had a chance|looked|contacted|called)\b/i;

/**
 * Agent turns (backchannels and connect-time greetings excluded) that start while a customer turn C
 * is under way: `C.startMs < A.startMs ≤ C.endMs − 500`. Linear: customer turns are swept in start
 * order and only the latest end among those already started matters.
 */
export function interruptingTurns(view: ConversationView): TurnView[] {
  const customers = view.customerTurns;
  const interrupting: TurnView[] = [];
  let next = 0;
  let latestCustomerEndMs = Number.NEGATIVE_INFINITY;
  for (const agent of view.agentTurns) {
    for (; next < customers.length; next++) {
      const customer = customers[next] as TurnView;
      if (customer.startMs >= agent.startMs) break;
      latestCustomerEndMs = Math.max(latestCustomerEndMs, customer.endMs);
    }
    if (agent.isBackchannel || agent.isConnectGreeting) continue;
    if (agent.startMs <= latestCustomerEndMs - INTERRUPTION_MARGIN_MS) interrupting.push(agent);
  }
  return interrupting;
}

/** "Don't interrupt": agent turns that cut into a customer turn, per voice conversation. */
export function interruptionsPerConversation(view: ConversationView): Measure {
  if (view.conversation.channel !== 'voice') return NOT_APPLICABLE;
  const interrupting = interruptingTurns(view);
  return measured(
    interrupting.length,
    1,
    interrupting.map((t) => turnEvidence('interruptionsPerConversation', t)),
  );
}

/** "Listen actively": the agent's share of the talk time of a voice conversation. */
export function talkRatio(view: ConversationView): Measure {
  if (view.conversation.channel !== 'voice') return NOT_APPLICABLE;
  const agentTalkMs = talkMs(view.agentTurns);
  const customerTalkMs = talkMs(view.customerTurns);
  const totalMs = agentTalkMs + customerTalkMs;
  return totalMs > 0 ? measured(agentTalkMs, totalMs) : NOT_APPLICABLE;
}

function talkMs(turns: readonly TurnView[]): number {
  return turns.reduce((sum, t) => sum + Math.max(0, t.endMs - t.startMs), 0);
}

/**
 * "Listen actively": the agent restates the customer's issue to confirm understanding. A confirming
 * phrase counts only when the words after it, to the end of its sentence, share at least two content
 * words with what the customer said before: "just to confirm, have you tried restarting?" checks
 * something new and restates nothing.
 */
export function paraphraseRate(view: ConversationView): Measure {
  const spoken = spokenAgentTurns(view);
  const [firstStatement] = spoken;
  if (!firstStatement) return NOT_APPLICABLE;
  const credits = lexiconMatches('paraphrase', spoken).flatMap(({ turn, match }) => {
    const sentenceEnd = turn.sentences.find((s) => s.end >= match.end)?.end ?? turn.own.length;
    const rest = turn.own.slice(match.end, sentenceEnd);
    if (CHECK_QUESTION.test(rest)) return [];
    const restated = contentWords(rest);
    const said = new Set(
      view.customerTurns
        .filter((c) => c.startMs <= turn.startMs && c !== turn)
        .flatMap((c) => c.contentWords),
    );
    const shared = new Set(restated.filter((w) => said.has(w)));
    return shared.size >= RESTATEMENT_SHARED_WORDS
      ? [creditEvidence('paraphraseRate', turn, { start: match.start, end: sentenceEnd })]
      : [];
  });
  if (credits.length > 0) return share(true, credits);
  return share(false, [
    missingEvidence(
      'paraphraseRate',
      firstStatement,
      'Just to confirm, you’re saying that… — is that right?',
    ),
  ]);
}

/**
 * A closing question offers more help, a feedback question asks about the service and "why don't you
 * …?" suggests; none clarifies the customer's issue (METRICS.md).
 */
const CLOSING_QUESTION =
  /\b(?:why (?:don't|do not|not) (?:you|we)|how did (?:i|we) do|how am i doing|how was your experience|how would you rate|anything else|something else|any other (?:questions?|concerns?|issues?|way)|else (?:i|we) can (?:help|do|assist)|help (?:you )?with (?:anything|something) else|have a (?:great|good|nice|lovely)|is that all|all set|will that be all|does that help|did that help|was that helpful|can i help(?: you)?(?: with)? anything)\b/i;
/** Small talk asks nothing about the customer's issue ("Hi Sam, how are you today?"). */
const PLEASANTRY =
  /(?:mind if (?:i|we) (?:jump|chime|step) in|how are you(?: doing)?(?: today| this morning| this afternoon)?|how's it going|how is it going|how(?:'s| is) your day(?: going)?|how have you been)(?:,?\s+[A-Za-z\u00C0-\u024F'’-]+)?\W*$/i;
const PLEASANTRY_MAX_WORDS = 8;

function isSmallTalk(text: string): boolean {
  return PLEASANTRY.test(text) && countWords(text) <= PLEASANTRY_MAX_WORDS;
}

/**
 * Interrogative phrases that ask a question in a transcript without question marks (METRICS.md): a
 * question word or an inverted auxiliary followed by a subject.
 */
const INTERROGATIVE =
  /(?<![\p{L}\p{N}'])(?:(?:how|what|which|when|where|why|who)(?: (?!(?:i|we|you|they|he|she|it)(?![\p{L}']))[\p{L}']+)? (?:can|could|would|may|do|does|did|is|are|was|were|will|should|have|has) (?:i|we|you|it|they|he|she|this|that|there|the|your|my|our|a|an)|(?:what|which|how)(?:'s| is| are) (?:the|your|my|this|that|it)|can you|could you|would you|do you|did you|are you|is it|have you|may i)(?![\p{L}\p{N}'])/giu;
/**
 * Inverted auxiliaries that also open statements ("the problem is the card") count only where a
 * clause starts: at the start of a sentence, after a comma or after a filler ("uh is there…").
 */
const INVERTED_AT_CLAUSE_START =
  /(?:^|[,;:]\s*|(?<![\p{L}\p{N}'])(?:uh|um|okay|ok|so|and|also|alright|right|now|then|sure|well|ask you|may i ask|can i ask|to confirm)\s+)(?:is|are|was|were|has|have|does|do|did|can|could|will|would) (?:the|there|this|that|it|your|any|anything)(?![\p{L}\p{N}'])/giu;
/** How far after an interrogative phrase a closing question is looked for ("is there anything else"). */
const CLOSING_WINDOW_CHARS = 48;

/**
 * "Don't make assumptions": one of the agent's first three statements asks a clarifying question: a
 * sentence ending in `?`, or — in a conversation whose turns hold no `?` at all (unpunctuated voice
 * transcripts) — an interrogative phrase. Closing questions and small talk do not count. Backchannels
 * are not counted among the three, so an agent who says "mm-hmm" while listening is not penalised.
 * Every clarifying question of the three statements is credited.
 */
export function clarifyingQuestionRate(view: ConversationView): Measure {
  const opening = spokenAgentTurns(view).slice(0, OPENING_AGENT_TURNS);
  const [firstStatement] = opening;
  if (!firstStatement) return NOT_APPLICABLE;
  // A "?" inside a link is the link's, not a question mark (links are masked in `own`).
  const unpunctuated = !view.turns.some((t) => t.own.includes('?'));
  const credits = opening.flatMap((turn) =>
    unpunctuated ? interrogativePhrases(turn) : questionSentences(turn),
  );
  if (credits.length > 0) return share(true, credits);
  return share(false, [
    missingEvidence('clarifyingQuestionRate', firstStatement, 'Could you tell me a bit more about…?'),
  ]);
}

function questionSentences(turn: TurnView) {
  return turn.sentences
    .filter((s) => {
      if (!s.text.endsWith('?') || !asksInWords(s.text, s.words)) return false;
      const folded = foldApostrophes(s.text);
      return !CLOSING_QUESTION.test(folded) && !isSmallTalk(folded);
    })
    .map((s) => creditEvidence('clarifyingQuestionRate', turn, s));
}

/**
 * A "?" inside quotation marks is the quoted text's, and a "?" glued to a link is the link's
 * ("…/errors-26333?"): with a link in it, a question needs two words of its own besides the link.
 */
function asksInWords(sentence: string, words: number): boolean {
  // A "?" inside an open quotation is the quoted text's ('Scroll down to "Still need help?').
  if ((sentence.match(/["“”]/g) ?? []).length % 2 === 1) return false;
  return /(?<![\p{L}\p{N}'])link(?![\p{L}\p{N}'])/u.test(sentence) && sentence.includes(MASK)
    ? words >= 3
    : words >= 1;
}

/** Per sentence, the first interrogative phrase that opens neither a closing question nor small talk. */
function interrogativePhrases(turn: TurnView) {
  // Folding is one character for one and changes no sentence end: the turn's sentences, folded.
  return turn.sentences.flatMap(({ start, end, text }) => {
    const s = { start, end, text: foldApostrophes(text) };
    for (const pattern of [INTERROGATIVE, INVERTED_AT_CLAUSE_START]) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(s.text); m !== null; m = pattern.exec(s.text)) {
        const at = m.index + (m[0].length - m[0].trimStart().length);
        const asked = s.text.slice(at);
        if (CLOSING_QUESTION.test(asked.slice(0, CLOSING_WINDOW_CHARS)) || isSmallTalk(asked)) continue;
        return [creditEvidence('clarifyingQuestionRate', turn, { start: s.start + at, end: s.end })];
      }
    }
    return [];
  });
}
