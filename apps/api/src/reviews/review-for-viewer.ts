import type { SessionUser } from '../auth/session-user.ts';
import type { PreAnswer } from './pre-answer.ts';
import type { Appeal, Review, TurnComment } from './reviews.repository.ts';
import type { Answers } from './rubric.ts';

/**
 * A review as the caller may read it.
 *
 * - HR sees that a review took place and its numbers (score, critical score, auto-fail, section
 *   scores, acknowledgement, appeal decision), not what was said: answers, comments, turn comments,
 *   the engine's evidence and the appeal's words quote or point into transcripts, which HR does not
 *   read (DESIGN.md), the same line coaching notes draw.
 * - An agent reads their own review whole, the reviewer named or not as the organisation chooses.
 */
export interface ReviewView
  extends Omit<
    Review,
    'reviewer' | 'reviewerId' | 'answers' | 'preAnswers' | 'turnComments' | 'comment' | 'appeal'
  > {
  reviewer: string | null;
  reviewerId: number | null;
  answers: Answers | null;
  preAnswers: PreAnswer[] | null;
  turnComments: TurnComment[] | null;
  comment: string | null;
  appeal: (Omit<Appeal, 'comment' | 'note'> & { comment: string | null; note: string | null }) | null;
}

export function reviewForViewer(
  user: SessionUser,
  review: Review,
  settings: { showReviewerToAgents: boolean },
): ReviewView {
  if (user.role === 'hr') {
    return {
      ...review,
      answers: null,
      preAnswers: null,
      turnComments: null,
      comment: null,
      appeal: review.appeal ? { ...review.appeal, comment: null, note: null } : null,
    };
  }
  if (user.role === 'agent' && !settings.showReviewerToAgents) {
    // The decider of an appeal is often the reviewer: hidden alike.
    const appeal = review.appeal ? { ...review.appeal, decidedBy: null } : null;
    return { ...review, reviewer: null, reviewerId: null, appeal };
  }
  return review;
}
