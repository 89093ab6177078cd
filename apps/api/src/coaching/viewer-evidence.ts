import type { CoachingEvidence, CoachingOpportunity, MetricId } from '@rapport/metrics';
import type { SessionUser } from '../auth/session-user.ts';

/**
 * What HR is shown of a flag: the flagged words, at most this many, and the lexicon's suggestion.
 * Not the turn around them, the conversation, the turn's place or its time: HR reads scorecards,
 * not transcripts (DESIGN.md), and a quote with its conversation id is a transcript by another way.
 */
export const HR_FLAGGED_WORDS_MAX = 12;

export interface FlaggedWords {
  /**
   * null where no phrase is flagged: the flag is on a whole turn (an interruption, a late answer,
   * something missing) or on a passage longer than HR_FLAGGED_WORDS_MAX words (a long sentence).
   */
  text: string | null;
  suggestion?: string;
}

export type ViewedEvidence = CoachingEvidence | FlaggedWords;
export type ViewedOpportunity = Omit<CoachingOpportunity, 'evidence'> & { evidence: ViewedEvidence[] };

/** Metrics whose flags quote the whole turn rather than a phrase in it (measure.ts, turnEvidence). */
const WHOLE_TURN_METRICS: ReadonlySet<string> = new Set([
  'interruptionsPerConversation',
  'responseWithinTargetRate',
]);

export function flaggedWordsOnly(metric: MetricId, evidence: CoachingEvidence): FlaggedWords {
  const suggestion = evidence.suggestion ? { suggestion: evidence.suggestion } : {};
  // A missing behaviour spans the whole turn where it was expected: it quotes no phrase either.
  const quotesNoPhrase = evidence.missing === true || WHOLE_TURN_METRICS.has(metric);
  const words = evidence.text.split(/\s+/).filter(Boolean);
  if (quotesNoPhrase || words.length > HR_FLAGGED_WORDS_MAX || evidence.text.endsWith('…')) {
    return { text: null, ...suggestion };
  }
  return { text: words.join(' '), ...suggestion };
}

/** Opportunities as the user may see them: whole evidence for the agent, supervisors and admins. */
export function opportunitiesForViewer(
  user: Pick<SessionUser, 'role'>,
  opportunities: readonly CoachingOpportunity[],
): ViewedOpportunity[] {
  if (user.role !== 'hr') return [...opportunities];
  return opportunities.map((o) => ({
    ...o,
    evidence: o.evidence.map((e) => flaggedWordsOnly(o.metricId, e)),
  }));
}
