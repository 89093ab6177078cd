import type { CoachingTrend } from './trend.ts';

/**
 * "Needs attention" for the team overview: how much coaching an agent's period calls for, from their
 * coaching opportunities alone, so that the ranking and the scorecard never disagree about who is
 * behind. Each opportunity's score is its severity (robust units worse than the teammates' median plus
 * the share of the target missed) times the metric's weight; an opportunity that is getting worse
 * counts twice, because a slipping habit is the one to catch first. An agent without opportunities
 * scores 0.
 */
export const WORSENING_FACTOR = 2;

export function attentionScore(opportunities: readonly { score: number; trend: CoachingTrend }[]): number {
  return opportunities.reduce(
    (sum, o) => sum + o.score * (o.trend === 'worsening' ? WORSENING_FACTOR : 1),
    0,
  );
}

/** The sentence every page that ranks by attention shows beside it. */
export const ATTENTION_RULE =
  'Needs attention ranks agents by the sum of their coaching-opportunity scores (how far behind their ' +
  'teammates’ median and the target, times the metric’s weight); an opportunity that is getting worse counts twice.';
