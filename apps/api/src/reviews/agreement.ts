import { type Answers, type AnswerValue, type RubricDefinition, rubricQuestions } from './rubric.ts';
import { questionScore } from './score.ts';

/**
 * How alike reviewers judge, pure. Categories are answers as written ("yes", "no", "na", "1" … "5"):
 * kappa counts only identical answers as agreement, as Cohen and Fleiss define it.
 */

/** Agreement beyond chance; null when chance agreement is already certain (every answer the same). */
export interface Kappa {
  method: 'cohen' | 'fleiss';
  /** Observed agreement: the share of agreeing pairs. */
  observed: number;
  /** The agreement chance alone would give. */
  expected: number;
  kappa: number | null;
}

/**
 * Cohen's kappa for two raters over the same items: κ = (pₒ − pₑ) / (1 − pₑ), with pₒ the share of
 * items rated alike and pₑ = Σₖ p₁(k) · p₂(k) from each rater's own category shares.
 */
export function cohenKappa(first: readonly string[], second: readonly string[]): Kappa {
  if (first.length !== second.length || first.length === 0)
    throw new RangeError('Cohen’s kappa needs two equally long, non-empty lists of ratings');
  const n = first.length;
  const observed = first.filter((c, i) => c === second[i]).length / n;
  const categories = new Set([...first, ...second]);
  let expected = 0;
  for (const k of categories) {
    expected += (first.filter((c) => c === k).length / n) * (second.filter((c) => c === k).length / n);
  }
  return { method: 'cohen', observed, expected, kappa: chanceCorrected(observed, expected) };
}

/** Pᵢ of Fleiss: the share of rater pairs that agree on one subject, (Σⱼ nᵢⱼ² − n) / (n (n − 1)). */
export function pairAgreement(ratings: readonly string[]): number {
  const n = ratings.length;
  if (n < 2) throw new RangeError('agreement needs at least two ratings');
  let sumSquares = 0;
  for (const count of countBy(ratings).values()) sumSquares += count * count;
  return (sumSquares - n) / (n * (n - 1));
}

/**
 * Fleiss' kappa for several raters: each subject (row) rated by the same number n of raters.
 * P̄ is the mean of the subjects' Pᵢ; P̄ₑ = Σⱼ pⱼ² with pⱼ the share of all ratings in category j.
 */
export function fleissKappa(subjects: readonly (readonly string[])[]): Kappa {
  const n = subjects[0]?.length ?? 0;
  if (subjects.length === 0 || n < 2 || subjects.some((s) => s.length !== n))
    throw new RangeError('Fleiss’ kappa needs subjects each rated by the same two or more raters');
  const observed = subjects.reduce((sum, s) => sum + pairAgreement(s), 0) / subjects.length;
  const all = countBy(subjects.flat());
  let expected = 0;
  for (const count of all.values()) expected += (count / (subjects.length * n)) ** 2;
  return { method: 'fleiss', observed, expected, kappa: chanceCorrected(observed, expected) };
}

/**
 * How closely a reviewer's answers match the benchmark reviewer's, from 0 to 1: the mean over the
 * rubric's questions of 1 for the same answer, 0 where only one of them said N/A, and otherwise
 * 1 − |difference of the question scores| (a 1–5 answer one step off counts 0.75, yes against no 0).
 */
export function alignment(rubric: RubricDefinition, answers: Answers, benchmark: Answers): number {
  const questions = rubricQuestions(rubric);
  let sum = 0;
  for (const question of questions) {
    const mine = answers[question.id] ?? 'na';
    const theirs = benchmark[question.id] ?? 'na';
    const a = questionScore(question, mine);
    const b = questionScore(question, theirs);
    if (a === null || b === null) sum += a === b ? 1 : 0;
    else sum += 1 - Math.abs(a - b);
  }
  return questions.length > 0 ? sum / questions.length : 1;
}

export interface CalibrationAnswers {
  reviewerId: number;
  answers: Answers;
  score: number | null;
}

export interface CalibrationResult {
  questions: {
    questionId: string;
    answers: { reviewerId: number; answer: AnswerValue }[];
    agreement: number;
  }[];
  /** Over the rubric's questions as items: Cohen's for two reviewers, Fleiss' for more. */
  kappa: Kappa;
  reviewers: { reviewerId: number; score: number | null; alignment: number; scoreGap: number | null }[];
}

/** The answers side by side, each question's pair agreement, kappa, and alignment to the benchmark. */
export function calibrationResult(
  rubric: RubricDefinition,
  reviews: readonly CalibrationAnswers[],
  benchmarkReviewerId: number,
): CalibrationResult {
  const benchmark = reviews.find((r) => r.reviewerId === benchmarkReviewerId);
  if (!benchmark || reviews.length < 2)
    throw new RangeError('calibration needs the benchmark and another reviewer');
  const questions = rubricQuestions(rubric).map((q) => {
    const answers = reviews.map((r) => ({
      reviewerId: r.reviewerId,
      answer: r.answers[q.id] ?? ('na' as const),
    }));
    return { questionId: q.id, answers, agreement: pairAgreement(answers.map((a) => String(a.answer))) };
  });
  const categories = (r: CalibrationAnswers) =>
    rubricQuestions(rubric).map((q) => String(r.answers[q.id] ?? 'na'));
  const kappa =
    reviews.length === 2
      ? cohenKappa(categories(reviews[0] as CalibrationAnswers), categories(reviews[1] as CalibrationAnswers))
      : fleissKappa(questions.map((q) => q.answers.map((a) => String(a.answer))));
  return {
    questions,
    kappa,
    reviewers: reviews.map((r) => ({
      reviewerId: r.reviewerId,
      score: r.score,
      alignment: alignment(rubric, r.answers, benchmark.answers),
      scoreGap: r.score !== null && benchmark.score !== null ? r.score - benchmark.score : null,
    })),
  };
}

function chanceCorrected(observed: number, expected: number): number | null {
  return expected >= 1 ? null : (observed - expected) / (1 - expected);
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
