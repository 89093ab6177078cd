import { computeConversation } from '@rapport/metrics';

/**
 * Judging the engine's sentiment against the VADER reference suite (`../shared/datasets/vader-reference/`):
 * human-rated tweets and Amazon review snippets (mean of ~20 ratings on −4..+4), the scores of the
 * original Python VADER 3.3.2 on the same texts, and the 16 examples of VADER's README.
 */
/**
 * The two rated sets and the Pearson r (engine against the human means) each must reach: METRICS.md
 * `feedbackSentiment` for the tweets, issue 11 for the review snippets (VADER itself: 0.872, 0.590).
 */
export const REFERENCE_SETS = [
  { name: 'tweets', truth: 'tweets_GroundTruth.txt', python: 'tweets_vader_python_3_3_2.tsv', bar: 0.85 },
  {
    name: 'Amazon review snippets',
    truth: 'amazonReviewSnippets_GroundTruth.txt',
    python: 'amazonReviewSnippets_vader_python_3_3_2.tsv',
    bar: 0.58,
  },
] as const;

/**
 * The Python compound is rounded to 4 decimals, so a score within half its last digit is the same
 * score; the engine differs beyond that only where a contact-centre phrase or emoji applies.
 */
export const SAME_AS_PYTHON = 0.00005 + 1e-12;

export interface RatedText {
  id: string;
  /** Mean human rating, −4..+4. */
  human: number;
  text: string;
}

/** `id <TAB> mean <TAB> text` lines (CRLF or LF); a line that does not fit is skipped. */
export function parseGroundTruth(content: string): RatedText[] {
  return content.split(/\r?\n/).flatMap((line) => {
    const [id, mean, ...text] = line.split('\t');
    const human = Number(mean);
    return id && mean && text.length > 0 && Number.isFinite(human)
      ? [{ id, human, text: text.join('\t') }]
      : [];
  });
}

/** `id <TAB> human_mean <TAB> compound` with a header line: the Python VADER compound per id. */
export function parseVaderScores(content: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const line of content.split(/\r?\n/).slice(1)) {
    const [id, , compound] = line.split('\t');
    if (id && compound !== undefined && Number.isFinite(Number(compound))) scores.set(id, Number(compound));
  }
  return scores;
}

export interface ReadmeExample {
  text: string;
  /** VADER's compound from the Python 3.3.2 code (the README's printed value differs for 2 sentences). */
  vader: number;
}

export function parseReadmeExamples(json: unknown): ReadmeExample[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const text = item?.text;
    const vader = item?.python_3_3_2?.compound;
    return typeof text === 'string' && typeof vader === 'number' ? [{ text, vader }] : [];
  });
}

const AT = '2000-01-01T00:00:00Z';

/**
 * The engine's sentiment of a text, through its public API: `feedbackSentiment` of a conversation
 * whose survey comment is the text, which is exactly the value Rapport stores for a comment.
 */
export function engineSentiment(text: string): number {
  const { metrics } = computeConversation({
    id: 'sentiment-probe',
    channel: 'email',
    startedAt: AT,
    endedAt: AT,
    agent: { id: 'probe' },
    turns: [{ speaker: 'system', text: '', startMs: 0 }],
    survey: { comment: text },
  });
  const value = metrics.feedbackSentiment;
  return value ? value.num / value.den : 0;
}

/** A human mean at least this far from 0 (on −4..+4) makes an item "clearly" positive or negative. */
export const CLEAR_RATING = 1;

export interface SignAgreement {
  /** Items with |human mean| ≥ CLEAR_RATING. */
  n: number;
  /** Of those, how many the scorer puts on the same side of 0 (a score of exactly 0 is on no side). */
  agree: number;
  /** Of those, how many score exactly 0 (no sentiment word found). */
  zero: number;
}

export function signAgreement(humans: readonly number[], scores: readonly number[]): SignAgreement {
  const result = { n: 0, agree: 0, zero: 0 };
  humans.forEach((human, i) => {
    if (Math.abs(human) < CLEAR_RATING) return;
    const score = scores[i] ?? 0;
    result.n += 1;
    if (score === 0) result.zero += 1;
    else if (Math.sign(score) === Math.sign(human)) result.agree += 1;
  });
  return result;
}
