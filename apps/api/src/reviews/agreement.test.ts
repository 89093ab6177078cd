import { describe, expect, test } from 'vitest';
import { alignment, calibrationResult, cohenKappa, fleissKappa, pairAgreement } from './agreement.ts';
import { RubricDefinition } from './rubric.ts';

describe('kappa', () => {
  test('Cohen’s for two raters', () => {
    // Alike on 4 of 5: pₒ = 4/5. Rater 1 says yes 3/5, no 2/5; rater 2 yes 2/5, no 3/5:
    // pₑ = 3/5·2/5 + 2/5·3/5 = 12/25; κ = (20/25 − 12/25) / (13/25) = 8/13.
    const k = cohenKappa(['yes', 'yes', 'no', 'no', 'yes'], ['yes', 'no', 'no', 'no', 'yes']);
    expect(k.observed).toBeCloseTo(4 / 5, 12);
    expect(k.expected).toBeCloseTo(12 / 25, 12);
    expect(k.kappa).toBeCloseTo(8 / 13, 12);
  });

  test('Fleiss’ for three raters over four subjects', () => {
    // Pᵢ = (Σ nᵢⱼ² − 3) / 6: (9−3)/6 = 1; (4+1−3)/6 = 1/3; 1; (1+1+1−3)/6 = 0 → P̄ = (7/3) / 4 = 7/12.
    // Shares of the 12 ratings: yes 6, no 5, na 1 → P̄ₑ = (36 + 25 + 1) / 144 = 31/72.
    // κ = (7/12 − 31/72) / (1 − 31/72) = (11/72) / (41/72) = 11/41.
    const k = fleissKappa([
      ['yes', 'yes', 'yes'],
      ['yes', 'yes', 'no'],
      ['no', 'no', 'no'],
      ['yes', 'no', 'na'],
    ]);
    expect(k.observed).toBeCloseTo(7 / 12, 12);
    expect(k.expected).toBeCloseTo(31 / 72, 12);
    expect(k.kappa).toBeCloseTo(11 / 41, 12);
  });

  test('Fleiss’ on the published example (Fleiss 1971 as Wikipedia works it): κ ≈ 0.210', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const subjects = counts.map((row) =>
      row.flatMap((n, j) => Array.from({ length: n }, () => String(j + 1))),
    );
    expect(fleissKappa(subjects).kappa).toBeCloseTo(0.21, 3);
  });

  test.each([
    [['yes', 'yes'], 1],
    [['yes', 'no'], 0],
    [['yes', 'yes', 'no'], 1 / 3],
  ])('pair agreement of %j is %d', (ratings, expected) => {
    expect(pairAgreement(ratings)).toBeCloseTo(expected, 12);
  });

  test('everyone alike in one category: agreement 1, kappa undefined', () => {
    expect(cohenKappa(['yes', 'yes'], ['yes', 'yes'])).toMatchObject({ observed: 1, kappa: null });
  });
});

const RUBRIC = RubricDefinition.parse({
  name: 'R',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        { id: 'q1', text: 'One', scale: 'yesNo' },
        { id: 'q2', text: 'Two', scale: 'yesNo', allowNa: true },
        { id: 'q3', text: 'Three', scale: 'oneToFive' },
      ],
    },
  ],
});

describe('calibration against the benchmark', () => {
  test('alignment: same answer 1, N/A against an answer 0, one step off on 1–5 0.75', () => {
    // (1 + 0 + (1 − |0.5 − 0.75|)) / 3 = 1.75 / 3 = 7/12.
    expect(alignment(RUBRIC, { q1: 'yes', q2: 'no', q3: 3 }, { q1: 'yes', q2: 'na', q3: 4 })).toBeCloseTo(
      7 / 12,
      12,
    );
  });

  test('three reviewers side by side, with per-question agreement, Fleiss’ kappa and alignment', () => {
    // Benchmark 1: yes, na, 4; reviewer 2: yes, no, 3; reviewer 3: no, na, 4.
    // q1 yes/yes/no → P = 1/3; q2 na/no/na → 1/3; q3 4/3/4 → 1/3. P̄ = 1/3.
    // Shares of 9 ratings: yes 2, no 2, na 2, "4" 2, "3" 1 → P̄ₑ = (4+4+4+4+1)/81 = 17/81;
    // κ = (27/81 − 17/81) / (64/81) = 10/64 = 5/32.
    // Alignment: reviewer 2 = 7/12 (above); reviewer 3: (0 + 1 + 1) / 3 = 2/3; the benchmark itself 1.
    const result = calibrationResult(
      RUBRIC,
      [
        { reviewerId: 1, answers: { q1: 'yes', q2: 'na', q3: 4 }, score: 0.875 },
        { reviewerId: 2, answers: { q1: 'yes', q2: 'no', q3: 3 }, score: 0.5 },
        { reviewerId: 3, answers: { q1: 'no', q2: 'na', q3: 4 }, score: 0.375 },
      ],
      1,
    );
    expect(result.questions.map((q) => q.agreement)).toEqual(
      [1 / 3, 1 / 3, 1 / 3].map((v) => expect.closeTo(v, 12)),
    );
    expect(result.questions[2]?.answers).toEqual([
      { reviewerId: 1, answer: 4 },
      { reviewerId: 2, answer: 3 },
      { reviewerId: 3, answer: 4 },
    ]);
    expect(result.kappa.method).toBe('fleiss');
    expect(result.kappa.kappa).toBeCloseTo(5 / 32, 12);
    expect(result.reviewers.map((r) => r.alignment)).toEqual(
      [1, 7 / 12, 2 / 3].map((v) => expect.closeTo(v, 12)),
    );
    expect(result.reviewers.map((r) => r.scoreGap)).toEqual([0, -0.375, -0.5]);
  });

  test('two reviewers get Cohen’s kappa', () => {
    const result = calibrationResult(
      RUBRIC,
      [
        { reviewerId: 1, answers: { q1: 'yes', q2: 'na', q3: 4 }, score: 0.875 },
        { reviewerId: 2, answers: { q1: 'yes', q2: 'no', q3: 4 }, score: 0.875 },
      ],
      1,
    );
    // Alike on 2 of 3: pₒ = 2/3. Categories: yes 1/3 each; na 1/3 vs 0; no 0 vs 1/3; "4" 1/3 each:
    // pₑ = 1/9 + 1/9 = 2/9; κ = (6/9 − 2/9) / (7/9) = 4/7.
    expect(result.kappa).toMatchObject({ method: 'cohen' });
    expect(result.kappa.kappa).toBeCloseTo(4 / 7, 12);
  });
});
