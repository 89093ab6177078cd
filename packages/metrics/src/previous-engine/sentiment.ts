import { CONTACT_CENTRE_EMOJI, CONTACT_CENTRE_IDIOMS } from './sentiment/contact-centre-idioms.ts';
import { butCheck, compound, type PreparedText, prepare, wordValences } from './sentiment/vader.ts';
import { vaderLexicons } from './sentiment/vader-lexicon.ts';

/**
 * Sentiment of a short customer text in [−1, 1]: VADER 3.3.2's compound (`sentiment/vader.ts`, the
 * published algorithm of Hutto & Gilbert, equal to the Python reference on all 7,908 rated sentences)
 * with Rapport's contact-centre phrases and emoji on top (`sentiment/contact-centre-idioms.ts`).
 *
 * Why VADER: it is built and validated for short informal texts like customer messages (Pearson
 * r ≈ 0.87 against human ratings of tweets, where wink-nlp reached 0.72), and it weighs what customers
 * use to say how strongly they feel: intensifiers ("very", "kinda"), ALL CAPS among lower case, "!",
 * negation ("not helpful at all" < 0), "but" clauses and emoji. It is a word list with rules: pure,
 * deterministic, linear in the text.
 *
 * Its limits, which the numbers inherit:
 * - English only; other languages score near 0;
 * - no sarcasm or domain sense beyond the contact-centre phrases ("great, down again" reads positive);
 * - one score per text, tuned on sentences: a long message with praise and complaint averages out;
 * - very short texts swing hard ("ok" alone is +0.30), so one-word turns say little.
 * It is therefore only used where a text is the customer's own verdict: survey comments and the first
 * and last customer turns, and read in aggregate, never as a judgement of one conversation.
 */
export function sentiment(text: string): number {
  const t = prepare(withStraightApostrophes(text));
  const valences = wordValences(t);
  const fromEmoji = applyContactCentrePhrases(t, valences);
  butCheck(t.lower, valences);
  if (fromEmoji) emojiVerdict(valences, fromEmoji);
  return compound(valences, t.text);
}

/** "doesn’t" as typed on phones is VADER's "doesn't": its negation list only knows the straight one. */
function withStraightApostrophes(text: string): string {
  return text.includes('\u2019') ? text.replaceAll('\u2019', "'") : text;
}

interface Phrase {
  words: readonly string[];
  valence: number;
  emoji: boolean;
}

let phrasesByFirstWord: Map<string, Phrase[]> | null = null;

/** The tables as VADER's words, longest phrase first at each first word; built once. */
function compiledPhrases(): Map<string, Phrase[]> {
  if (phrasesByFirstWord) return phrasesByFirstWord;
  const { emoji } = vaderLexicons();
  const phrases: Phrase[] = [
    ...CONTACT_CENTRE_IDIOMS.map((i) => ({
      words: prepare(i.phrase).lower,
      valence: i.valence,
      emoji: false,
    })),
    ...CONTACT_CENTRE_EMOJI.map((e) => {
      const description = emoji.get(e.emoji);
      if (description === undefined) throw new Error(`${e.emoji} is not in VADER's emoji lexicon`);
      return { words: prepare(description).lower, valence: e.valence, emoji: true };
    }),
  ];
  phrasesByFirstWord = new Map();
  for (const phrase of phrases.sort((a, b) => b.words.length - a.words.length)) {
    const first = phrase.words[0] as string;
    phrasesByFirstWord.set(first, [...(phrasesByFirstWord.get(first) ?? []), phrase]);
  }
  return phrasesByFirstWord;
}

/**
 * Each table phrase found in the words takes over their valences (0 on all but its last word, which
 * gets the phrase's). Returns which words came from a table emoji, or null when none did.
 */
function applyContactCentrePhrases(t: PreparedText, valences: number[]): boolean[] | null {
  const phrases = compiledPhrases();
  const { lower } = t;
  let fromEmoji: boolean[] | null = null;
  for (let i = 0; i < lower.length; i++) {
    const candidates = phrases.get(lower[i] as string);
    if (!candidates) continue;
    const match = candidates.find((p) => p.words.every((w, k) => lower[i + k] === w));
    if (!match) continue;
    const last = i + match.words.length - 1;
    for (let k = i; k < last; k++) valences[k] = 0;
    valences[last] = match.valence;
    if (match.emoji) {
      fromEmoji ??= lower.map(() => false);
      fromEmoji[last] = true;
    }
    i = last;
  }
  return fromEmoji;
}

/** Negative tone emoji over positive words weigh like the clause after "but" (see the emoji table). */
function emojiVerdict(valences: number[], fromEmoji: readonly boolean[]): void {
  let emoji = 0;
  let words = 0;
  valences.forEach((v, k) => {
    if (fromEmoji[k]) emoji += v;
    else words += v;
  });
  if (!(emoji < 0 && words > 0)) return;
  valences.forEach((v, k) => {
    valences[k] = fromEmoji[k] ? v * 1.5 : v * 0.5;
  });
}
