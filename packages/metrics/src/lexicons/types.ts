/** A behaviour's phrase list: data, not code, so an organisation can replace or extend it. */
export type LexiconId =
  | 'backchannel'
  | 'paraphrase'
  | 'empathy'
  | 'negativeLanguage'
  | 'argument'
  | 'thanks'
  | 'jargon'
  | 'transferExplanation'
  | 'absolutePromise'
  | 'feedbackRequest';

export interface LexiconEntry {
  /** Matched case-insensitively on word boundaries; `'` also matches curly apostrophes, a space any white space. */
  phrase: string;
  /** A better way to say it, carried into the evidence (negative language, jargon, promises). */
  suggestion?: string;
}

/** Where a default list comes from: the seed document and the rule it quotes. */
export interface SeedRule {
  seed: string;
  quote: string;
}

export interface Lexicon {
  id: LexiconId;
  rule: SeedRule;
  entries: readonly LexiconEntry[];
}
