import { cohenKappa, type Kappa } from './agreement.ts';
import type { PreAnswer } from './pre-answer.ts';
import type { Answers } from './rubric.ts';

export interface EngineAgreement {
  questionId: string;
  metric: string;
  /** Reviews in which the engine pre-answered the question. */
  n: number;
  /** Of those, how many the reviewer left as the engine answered. */
  agreed: number;
  share: number;
  /** Cohen's kappa between the engine and the reviewers, taken as two raters. */
  kappa: Kappa;
}

/**
 * Per pre-answered question, how often reviewers kept the engine's answer, most disagreement first:
 * where reviewers overrule the engine most is where the metric or the question needs work.
 */
export function engineAgreement(
  reviews: readonly { answers: Answers; preAnswers: readonly PreAnswer[] }[],
): EngineAgreement[] {
  const pairs = new Map<string, { metric: string; engine: string[]; reviewer: string[] }>();
  for (const review of reviews) {
    for (const pre of review.preAnswers) {
      const answer = review.answers[pre.questionId];
      if (answer === undefined) continue;
      const entry = pairs.get(pre.questionId) ?? { metric: pre.metric, engine: [], reviewer: [] };
      pairs.set(pre.questionId, entry);
      entry.engine.push(pre.answer);
      entry.reviewer.push(String(answer));
    }
  }
  return [...pairs]
    .map(([questionId, { metric, engine, reviewer }]) => {
      const agreed = engine.filter((a, i) => a === reviewer[i]).length;
      return {
        questionId,
        metric,
        n: engine.length,
        agreed,
        share: agreed / engine.length,
        kappa: cohenKappa(engine, reviewer),
      };
    })
    .sort((a, b) => a.share - b.share || a.questionId.localeCompare(b.questionId));
}
