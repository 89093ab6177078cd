import type { Answers, AnswerValue, RubricDefinition, RubricQuestion } from './rubric.ts';

/**
 * A review's score as its rubric says, as fractions (1 = 100 %):
 *
 * - a question scores yes = 1, no = 0, and 1–5 as (answer − 1) / 4 (1 → 0, 3 → 0.5, 5 → 1);
 *   N/A leaves it out of every denominator;
 * - a section scores Σ weight × score / Σ weight over its answered questions that are not critical;
 *   a section with none (all N/A, or only critical questions) has no score and leaves the review's
 *   denominator too;
 * - the review scores Σ section weight × section score / Σ section weight over the scored sections
 *   that are not bonus; each scored bonus section then adds its weight × score over that same
 *   denominator, so a perfect bonus lifts a review above 100 %;
 * - critical questions are scored apart, as Σ weight × score / Σ weight over those answered;
 * - one auto-fail question answered "no" makes the review score 0 (the critical score stays).
 */
export interface ReviewScore {
  /** null when nothing outside bonus sections and critical questions was answered (and nothing failed). */
  score: number | null;
  criticalScore: number | null;
  autoFailed: boolean;
  sections: { id: string; score: number | null; bonus: boolean }[];
}

/** A question's own score; null for N/A. */
export function questionScore(question: Pick<RubricQuestion, 'scale'>, answer: AnswerValue): number | null {
  if (answer === 'na') return null;
  if (question.scale === 'yesNo') return answer === 'yes' ? 1 : 0;
  return typeof answer === 'number' ? (answer - 1) / 4 : null;
}

/** Expects answers that passed answerProblems (rubric.ts); a missing answer counts as N/A. */
export function scoreReview(rubric: RubricDefinition, answers: Answers): ReviewScore {
  const critical = new WeightedMean();
  let autoFailed = false;
  const sections = rubric.sections.map((section) => {
    const mean = new WeightedMean();
    for (const question of section.questions) {
      const answer = answers[question.id] ?? 'na';
      if (question.autoFail && answer === 'no') autoFailed = true;
      const score = questionScore(question, answer);
      if (score === null) continue;
      if (question.critical) critical.add(question.weight, score);
      else mean.add(question.weight, score);
    }
    return { id: section.id, score: mean.value(), bonus: section.bonus, weight: section.weight };
  });
  const base = new WeightedMean();
  for (const s of sections) if (!s.bonus && s.score !== null) base.add(s.weight, s.score);
  let score = base.value();
  if (score !== null) {
    for (const s of sections) if (s.bonus && s.score !== null) score += (s.weight * s.score) / base.weights;
  }
  if (autoFailed) score = 0;
  return {
    score,
    criticalScore: critical.value(),
    autoFailed,
    sections: sections.map(({ id, score, bonus }) => ({ id, score, bonus })),
  };
}

class WeightedMean {
  weights = 0;
  private sum = 0;
  add(weight: number, value: number): void {
    this.weights += weight;
    this.sum += weight * value;
  }
  value(): number | null {
    return this.weights > 0 ? this.sum / this.weights : null;
  }
}
