import { ABSOLUTE_PROMISE } from './absolute-promise.ts';
import { ARGUMENT } from './argument.ts';
import { BACKCHANNEL } from './backchannel.ts';
import { EMPATHY } from './empathy.ts';
import { FEEDBACK_REQUEST } from './feedback-request.ts';
import { JARGON } from './jargon.ts';
import { NEGATIVE_LANGUAGE } from './negative-language.ts';
import { PARAPHRASE } from './paraphrase.ts';
import { THANKS } from './thanks.ts';
import { TRANSFER_EXPLANATION } from './transfer-explanation.ts';
import type { Lexicon, LexiconEntry, LexiconId } from './types.ts';

export type { EntryContext, Lexicon, LexiconEntry, LexiconId, SeedRule } from './types.ts';

/** The lists shipped with Rapport, one per behaviour, each citing its seed rule. */
export const DEFAULT_LEXICONS: Readonly<Record<LexiconId, Lexicon>> = {
  backchannel: BACKCHANNEL,
  paraphrase: PARAPHRASE,
  empathy: EMPATHY,
  negativeLanguage: NEGATIVE_LANGUAGE,
  argument: ARGUMENT,
  thanks: THANKS,
  jargon: JARGON,
  transferExplanation: TRANSFER_EXPLANATION,
  absolutePromise: ABSOLUTE_PROMISE,
  feedbackRequest: FEEDBACK_REQUEST,
};

export type LexiconOverrides = Partial<Record<LexiconId, readonly LexiconEntry[]>>;
/** An organisation's replacement exceptions lists, per lexicon. */
export type ExceptionOverrides = Partial<Record<LexiconId, readonly string[]>>;

/** Overrides that keep the default entries and add an organisation's own (for `EngineOptions.lexicons`). */
export function extendLexicons(additions: LexiconOverrides): LexiconOverrides {
  const extended: LexiconOverrides = {};
  for (const [id, entries] of Object.entries(additions) as [LexiconId, readonly LexiconEntry[]][]) {
    extended[id] = [...DEFAULT_LEXICONS[id].entries, ...entries];
  }
  return extended;
}

/** The entries in force: the organisation's replacement where given, else the default. */
export function lexiconEntries(
  id: LexiconId,
  overrides: LexiconOverrides | undefined,
): readonly LexiconEntry[] {
  return overrides?.[id] ?? DEFAULT_LEXICONS[id].entries;
}

/** The exceptions in force: the organisation's replacement where given, else the default. */
export function lexiconExceptions(
  id: LexiconId,
  overrides: ExceptionOverrides | undefined,
): readonly string[] {
  return overrides?.[id] ?? DEFAULT_LEXICONS[id].exceptions;
}
