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

/**
 * Where a phrase counts (METRICS.md "Context rules for phrase lexicons"). Every rule is read in the
 * match's own sentence of the agent's own words; a rule that is absent does not constrain.
 */
export interface EntryContext {
  /**
   * `agentSide`: the words just before the phrase (adverbs and auxiliaries such as "really", "just",
   * "would be" skipped) must be the agent's side: I, we, I'm, we're, our team, the company, …
   * ("we can't" counts, "if you can't log in" does not).
   */
  subject?: 'agentSide';
  /** Counts only when the next word is one of these; `''` stands for "nothing follows in the clause". */
  nextWordIn?: readonly string[];
  /** Does not count when the next word is one of these. */
  nextWordNotIn?: readonly string[];
  /** Counts only when the sentence also holds one of these phrases. */
  sentenceHas?: readonly string[];
  /** Does not count when the sentence also holds one of these phrases. */
  sentenceLacks?: readonly string[];
}

export interface LexiconEntry {
  /** Matched case-insensitively on word boundaries; `'` also matches curly apostrophes, a space any white space. */
  phrase: string;
  /** A better way to say it, carried into the evidence (negative language, jargon, promises). */
  suggestion?: string;
  context?: EntryContext;
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
  /**
   * Idioms that contain an entry but are not the behaviour ("can't thank you enough" is not negative
   * language). A match that overlaps an exception does not count.
   */
  exceptions: readonly string[];
  /**
   * A term explained on the spot does not count: "a chargeback, which means …", "RMA (return
   * authorisation)", "a chargeback or payment reversal" (jargon).
   */
  glossedDoesNotCount?: boolean;
}
