/** A quoted piece of an agent's conversation that shows the behaviour behind a metric. */
export interface CoachingEvidence {
  conversationId: string;
  /** Index into the conversation's turns as given. */
  turnIndex: number;
  /** The quoted text and its character span [start, end) in the turn. */
  text: string;
  start: number;
  end: number;
  /** When the conversation started (ISO instant): with it, the most recent evidence comes first. */
  at?: string;
  /** A better way to say it, where the lexicon has one. */
  suggestion?: string;
  /** The span marks where an expected behaviour is missing rather than a match. */
  missing?: boolean;
}

export const MAX_EVIDENCE = 3;

/**
 * Up to `max` pieces of evidence: most recent first where `at` is given (undated ones after the dated,
 * in input order), one per conversation while there are distinct conversations to show, then the
 * remaining pieces in the same order. Three conversations show a habit; three quotes of one may not.
 */
export function selectEvidence(
  candidates: readonly CoachingEvidence[],
  max: number = MAX_EVIDENCE,
): CoachingEvidence[] {
  const ordered = candidates
    .map((evidence, index) => ({
      evidence,
      index,
      time: evidence.at === undefined ? Number.NaN : Date.parse(evidence.at),
    }))
    .sort((a, b) => byRecency(a.time, b.time) || a.index - b.index)
    .map(({ evidence }) => evidence);
  const chosen: CoachingEvidence[] = [];
  const conversations = new Set<string>();
  for (const evidence of ordered) {
    if (chosen.length === max) return chosen;
    if (conversations.has(evidence.conversationId)) continue;
    conversations.add(evidence.conversationId);
    chosen.push(evidence);
  }
  for (const evidence of ordered) {
    if (chosen.length === max) break;
    if (!chosen.includes(evidence)) chosen.push(evidence);
  }
  return chosen;
}

/** Later first; undated (NaN) after every dated one. */
function byRecency(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return b - a;
}
