import { describe, expect, test } from 'vitest';
import { engineAgreement } from './engine-agreement.ts';
import type { PreAnswer } from './pre-answer.ts';

const pre = (questionId: string, answer: PreAnswer['answer']): PreAnswer => ({
  questionId,
  metric: questionId === 'thanks' ? 'thankRate' : 'empathyRate',
  answer,
  evidence: [],
});

describe('agreement between reviewers and the engine', () => {
  test('per question, most disagreement first, with Cohen’s kappa', () => {
    const result = engineAgreement([
      { answers: { thanks: 'no', empathy: 'yes' }, preAnswers: [pre('thanks', 'no'), pre('empathy', 'yes')] },
      {
        answers: { thanks: 'yes', empathy: 'yes' },
        preAnswers: [pre('thanks', 'no'), pre('empathy', 'yes')],
      },
      {
        answers: { thanks: 'yes', empathy: 'no' },
        preAnswers: [pre('thanks', 'yes'), pre('empathy', 'yes')],
      },
      { answers: { thanks: 'no', empathy: 'yes' }, preAnswers: [pre('thanks', 'no'), pre('empathy', 'yes')] },
    ]);
    // thanks: engine no, no, yes, no; reviewers no, yes, yes, no → alike 3 of 4.
    // pₑ = P(no) 3/4 · 2/4 + P(yes) 1/4 · 2/4 = 6/16 + 2/16 = 1/2 → κ = (3/4 − 1/2) / (1/2) = 1/2.
    // empathy: engine yes ×4; reviewers yes, yes, no, yes → alike 3 of 4; pₑ = 1 · 3/4 = 3/4 → κ = 0.
    expect(result.map((r) => [r.questionId, r.n, r.agreed, r.share])).toEqual([
      ['empathy', 4, 3, 0.75],
      ['thanks', 4, 3, 0.75],
    ]);
    expect(result.find((r) => r.questionId === 'thanks')?.kappa.kappa).toBeCloseTo(0.5, 12);
    expect(result.find((r) => r.questionId === 'empathy')?.kappa.kappa).toBeCloseTo(0, 12);
  });
});
