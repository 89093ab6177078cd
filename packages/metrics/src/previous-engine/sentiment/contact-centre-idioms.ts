/**
 * Rapport's contact-centre layer over VADER 3.3.2: phrases that a general-purpose lexicon misreads in
 * customer messages, each with the valence it takes instead of its words' (VADER's −4..+4 scale).
 * The values are Rapport's estimates, anchored to a VADER lexicon word of similar strength (named in
 * `like`), not rater means. A phrase is matched on VADER's own words (lower-cased, outer punctuation
 * removed), so "Thanks for nothing!" matches "thanks for nothing"; its valence replaces those of all
 * its words and sits on its last word, where "but" then weighs it as any word.
 */
export interface SentimentIdiom {
  phrase: string;
  valence: number;
  /** The VADER lexicon word whose mean valence the value is anchored to. */
  like: string;
  /** What VADER alone does with the phrase. */
  why: string;
}

const FAILED = -2.3; // VADER "failed"
const NOT_FIXED = -2.1; // VADER "broken"

export const CONTACT_CENTRE_IDIOMS: readonly SentimentIdiom[] = [
  {
    phrase: 'thanks for nothing',
    valence: -2.2,
    like: 'mad',
    why: 'VADER scores "thanks" +1.9 and reads the sarcasm as praise',
  },
  { phrase: 'still waiting', valence: -1.6, like: 'annoyed', why: 'no lexicon word: neutral in VADER' },
  { phrase: 'on hold for', valence: -1.3, like: 'ignored', why: 'no lexicon word: neutral in VADER' },
  {
    phrase: 'never again',
    valence: -2.5,
    like: 'fail',
    why: '"never" only negates a following lexicon word: neutral in VADER',
  },
  ...[
    "doesn't work",
    'does not work',
    'doesnt work',
    "didn't work",
    'did not work',
    'didnt work',
    "don't work",
    'do not work',
    'not working',
    "isn't working",
    "wasn't working",
  ].map((phrase) => ({
    phrase,
    valence: FAILED,
    like: 'failed',
    why: '"work" is not in the lexicon, so the negation has nothing to act on',
  })),
  ...['not fixed', "isn't fixed", "wasn't fixed", "hasn't been fixed", 'never fixed'].map((phrase) => ({
    phrase,
    valence: NOT_FIXED,
    like: 'broken',
    why: '"fixed" is not in the lexicon: neutral in VADER',
  })),
  ...["can't thank you enough", 'cannot thank you enough', "couldn't thank you enough"].map((phrase) => ({
    phrase,
    valence: 3.0,
    like: 'appreciated (+2.3), stronger',
    why: 'VADER negates "thank" after "can\'t" and scores the highest praise negative',
  })),
];

/**
 * Emoji that state the writer's tone, with the valence Rapport gives them. VADER scores an emoji by
 * its description's words, and most angry faces' descriptions hold none ("pouting face" is 0). These
 * emoji are also the writer's verdict on their own words: when they are negative and the words are
 * positive ("Great service 😡"), they are weighted like the clause after a "but" (words × 0.5, emoji
 * × 1.5), because a customer's angry emoji after polite words is sarcasm, not praise.
 */
export interface SentimentEmoji {
  emoji: string;
  valence: number;
  like: string;
}

export const CONTACT_CENTRE_EMOJI: readonly SentimentEmoji[] = [
  { emoji: '😡', valence: -2.7, like: 'furious' }, // pouting face
  { emoji: '🤬', valence: -2.6, like: 'rage' }, // face with symbols on mouth
  { emoji: '😠', valence: -2.3, like: 'angry' }, // angry face: VADER's own value, listed for the verdict rule
  { emoji: '😤', valence: -2.2, like: 'mad' }, // face with steam from nose
  { emoji: '🙄', valence: -1.6, like: 'annoyed' }, // face with rolling eyes
  { emoji: '😒', valence: -1.6, like: 'annoyed' }, // unamused face
  { emoji: '👎', valence: -2.0, like: 'awful' }, // thumbs down
];
