import type { ConversationRecord } from '@rapport/api/ingest/record.ts';

/**
 * Probes for the report: small, explicit rules that show what a false positive costs and what a
 * proposed engine fix would change. They are measuring instruments for this document, not metrics.
 */

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;

/** Character spans of the links in a text. */
export function urlSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(URL)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

export const URL_STAND_IN = 'link';

/**
 * The record as the proposed engine fix would read it: every link one word, with no sentence end and
 * nothing for a lexicon to match inside it.
 */
export function withUrlsAsOneWord(record: ConversationRecord): ConversationRecord {
  return { ...record, turns: record.turns.map((t) => ({ ...t, text: t.text.replace(URL, URL_STAND_IN) })) };
}

const FILLERS = new Set(['uh', 'um', 'so', 'and', 'okay', 'ok', 'alright', 'oh', 'well', 'now', 'great']);
const QUESTION_OPENERS = new Set([
  'what',
  'which',
  'when',
  'where',
  'who',
  'whom',
  'whose',
  'why',
  'how',
  'is',
  'are',
  'was',
  'were',
  'can',
  'could',
  'would',
  'will',
  'do',
  'does',
  'did',
  'may',
  'shall',
  'should',
  'have',
  'has',
]);

/**
 * A turn without any sentence punctuation (an unpunctuated transcript) that reads as a question: after
 * fillers ("uh", "so", "okay"), it opens with a wh-word or an auxiliary ("which card would you like to
 * replace", "is there anything else i can help you with").
 */
export function isUnpunctuatedQuestion(text: string): boolean {
  if (/[.?!]/.test(text)) return false;
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const first = words.find((w) => !FILLERS.has(w));
  return first !== undefined && QUESTION_OPENERS.has(first) && words.length >= 3;
}

/** The negative-language entries that do not name who cannot or will not: "can't", "cannot", "won't". */
export function isBareModal(matched: string): boolean {
  return /^(?:can't|cannot|can not|won't)$/iu.test(matched.replace(/[\u2018\u2019]/g, "'").trim());
}

const FIRST_PERSON = /\b(?:i|i'm|i am|we|we're|we are|us|our)\b/iu;
const ADVERBS = new Set([
  'just',
  'really',
  'still',
  'simply',
  'currently',
  'also',
  'unfortunately',
  'certainly',
]);

/**
 * Who is said not to (be able to) do something in a negative-language match: `first person` when the
 * phrase itself or the word before it (adverbs skipped) is I / we; otherwise the word before it, e.g.
 * "you" in "Sorry to hear that you cannot access…", "process" in "This process won't delete…".
 */
export function negationSubject(text: string, start: number, matched: string): string {
  if (FIRST_PERSON.test(matched.replace(/[\u2018\u2019]/g, "'"))) return 'first person';
  const before = (
    text
      .slice(0, start)
      .replace(/[\u2018\u2019]/g, "'")
      .toLowerCase()
      .match(/[\p{L}\p{N}']+/gu) ?? []
  )
    .filter((w) => !ADVERBS.has(w))
    .at(-1);
  if (before === undefined) return '(none)';
  return FIRST_PERSON.test(before) ? 'first person' : before;
}
