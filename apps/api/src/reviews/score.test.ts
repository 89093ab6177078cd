import { describe, expect, test } from 'vitest';
import { DEFAULT_RUBRIC } from './default-rubric.ts';
import { type Answers, answerProblems, RubricDefinition, rubricQuestions } from './rubric.ts';
import { questionScore, scoreReview } from './score.ts';

/**
 * A small rubric to work reviews out by hand:
 *   basics  (weight 2): q1 yes/no ×2, q2 yes/no ×1 (N/A allowed), q3 1–5 ×1
 *   conduct (weight 1): q4 yes/no critical + auto-fail (N/A allowed), q5 yes/no critical (N/A), q6 yes/no (N/A)
 *   extra   (weight 0.5, bonus): q7 yes/no (N/A)
 */
const RUBRIC = RubricDefinition.parse({
  name: 'Hand-worked',
  sections: [
    {
      id: 'basics',
      title: 'Basics',
      weight: 2,
      questions: [
        { id: 'q1', text: 'One', scale: 'yesNo', weight: 2 },
        { id: 'q2', text: 'Two', scale: 'yesNo', allowNa: true },
        { id: 'q3', text: 'Three', scale: 'oneToFive' },
      ],
    },
    {
      id: 'conduct',
      title: 'Conduct',
      questions: [
        { id: 'q4', text: 'Four', scale: 'yesNo', critical: true, autoFail: true, allowNa: true },
        { id: 'q5', text: 'Five', scale: 'yesNo', critical: true, allowNa: true },
        { id: 'q6', text: 'Six', scale: 'yesNo', allowNa: true },
      ],
    },
    {
      id: 'extra',
      title: 'Extra',
      weight: 0.5,
      bonus: true,
      questions: [{ id: 'q7', text: 'Seven', scale: 'yesNo', allowNa: true }],
    },
  ],
});

describe('scoring a review', () => {
  test.each([1, 2, 3, 4, 5].map((v, i) => [v, i / 4]))('1–5 answer %d scores %d', (answer, expected) => {
    expect(questionScore({ scale: 'oneToFive' }, answer as number)).toBe(expected);
  });

  test.each<{
    name: string;
    answers: Answers;
    score: number | null;
    critical: number | null;
    autoFailed: boolean;
    sections: (number | null)[];
  }>([
    {
      // basics (2·1 + 1·1 + 1·1) / 4 = 1; conduct: q6 alone (q4, q5 are critical) = 1;
      // base (2·1 + 1·1) / 3 = 1; bonus 0.5 · 1 / 3 = 1/6 on top: 7/6. Critical (1 + 1) / 2 = 1.
      name: 'all good with the bonus: above 100 %',
      answers: { q1: 'yes', q2: 'yes', q3: 5, q4: 'yes', q5: 'yes', q6: 'yes', q7: 'yes' },
      score: 7 / 6,
      critical: 1,
      autoFailed: false,
      sections: [1, 1, 1],
    },
    {
      // basics: q2 N/A leaves the denominator: (2·0 + 1·0.5) / (2 + 1) = 1/6; conduct q6 = 1;
      // base (2·1/6 + 1·1) / 3 = 4/9; bonus q7 "no" adds 0. Critical: q4 yes, q5 no = 1/2.
      name: 'N/A out of the denominator, critical scored apart',
      answers: { q1: 'no', q2: 'na', q3: 3, q4: 'yes', q5: 'no', q6: 'yes', q7: 'no' },
      score: 4 / 9,
      critical: 0.5,
      autoFailed: false,
      sections: [1 / 6, 1, 0],
    },
    {
      // Everything good but the auto-fail question: the review is 0; critical (0 + 1) / 2 stays.
      name: 'an auto-fail "no" zeroes the review',
      answers: { q1: 'yes', q2: 'yes', q3: 5, q4: 'no', q5: 'yes', q6: 'yes', q7: 'yes' },
      score: 0,
      critical: 0.5,
      autoFailed: true,
      sections: [1, 1, 1],
    },
    {
      // basics (2·1 + 1·0) / 3 = 2/3 (q2 N/A); conduct has no answered non-critical question, so no
      // score and out of the denominator: base = 2/3; the N/A bonus adds nothing; no critical score.
      name: 'a section with nothing to score leaves the denominator',
      answers: { q1: 'yes', q2: 'na', q3: 1, q4: 'na', q5: 'na', q6: 'na', q7: 'na' },
      score: 2 / 3,
      critical: null,
      autoFailed: false,
      sections: [2 / 3, null, null],
    },
  ])('$name', ({ answers, score, critical, autoFailed, sections }) => {
    expect(answerProblems(RUBRIC, answers)).toEqual([]);
    const result = scoreReview(RUBRIC, answers);
    expect(result.score).toBeCloseTo(score as number, 12);
    if (critical === null) expect(result.criticalScore).toBeNull();
    else expect(result.criticalScore).toBeCloseTo(critical, 12);
    expect(result.autoFailed).toBe(autoFailed);
    expect(result.sections.map((s) => s.score)).toEqual(
      sections.map((s) => (s === null ? null : expect.closeTo(s, 12))),
    );
  });

  test('the default rubric answered all "yes" and 5 scores 1 + 0.5 / 7 with its bonus', () => {
    // Non-bonus sections weigh 2 + 2 + 1 + 2 (+ conduct, which holds only critical questions and so
    // has no section score); the bonus section weighs 0.5: 1 + 0.5 · 1 / 7.
    const answers = Object.fromEntries(
      rubricQuestions(DEFAULT_RUBRIC).map((q) => [q.id, q.scale === 'yesNo' ? 'yes' : 5] as const),
    );
    const result = scoreReview(DEFAULT_RUBRIC, answers);
    expect(result.score).toBeCloseTo(1 + 0.5 / 7, 12);
    expect(result.criticalScore).toBe(1);
  });
});

describe('answers must fit the rubric', () => {
  const good: Answers = { q1: 'yes', q2: 'yes', q3: 5, q4: 'yes', q5: 'yes', q6: 'yes', q7: 'yes' };
  test.each<[string, Answers, string]>([
    ['a missing answer', { ...good, q3: undefined } as unknown as Answers, 'answer "Three"'],
    ['N/A where not allowed', { ...good, q1: 'na' }, '"One" cannot be N/A'],
    ['a number on yes/no', { ...good, q1: 4 }, '"One" takes yes or no'],
    ['yes on 1–5', { ...good, q3: 'yes' }, '"Three" takes 1 to 5'],
    ['an unknown question', { ...good, q9: 'yes' }, '"q9" is not a question of this rubric'],
  ])('%s', (_, answers, problem) => {
    const cleaned = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined));
    expect(answerProblems(RUBRIC, cleaned)).toEqual([problem]);
  });
});

describe('a rubric definition', () => {
  const section = (questions: unknown[], extra = {}) => ({ id: 's', title: 'S', questions, ...extra });
  test.each<[string, unknown, RegExp]>([
    [
      'question ids are unique across sections',
      [
        section([{ id: 'a', text: 'A', scale: 'yesNo' }]),
        { ...section([{ id: 'a', text: 'B', scale: 'yesNo' }]), id: 't' },
      ],
      /question id "a" is used twice/,
    ],
    [
      'auto-fail needs yes/no',
      [section([{ id: 'a', text: 'A', scale: 'oneToFive', autoFail: true }])],
      /only a yes\/no question can fail/,
    ],
    [
      'a metric needs yes/no',
      [section([{ id: 'a', text: 'A', scale: 'oneToFive', metric: 'thankRate' }])],
      /pre-answered/,
    ],
    [
      'an unknown metric',
      [section([{ id: 'a', text: 'A', scale: 'yesNo', metric: 'charm' }])],
      /not a metric of the catalog/,
    ],
    ['weights are positive', [section([{ id: 'a', text: 'A', scale: 'yesNo', weight: 0 }])], /more than 0/],
    [
      'something outside bonus sections',
      [section([{ id: 'a', text: 'A', scale: 'yesNo' }], { bonus: true })],
      /not a bonus/,
    ],
    ['ids are readable', [section([{ id: 'A B', text: 'A', scale: 'yesNo' }])], /lower-case/],
  ])('%s', (_, sections, message) => {
    const parsed = RubricDefinition.safeParse({ name: 'R', sections });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('; ')).toMatch(message);
  });
});
