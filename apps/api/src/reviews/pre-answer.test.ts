import { METRIC_IDS, metricDefinition } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import { DEFAULT_RUBRIC } from './default-rubric.ts';
import { type EngineEvidence, preAnswers } from './pre-answer.ts';
import { RubricDefinition, rubricQuestions } from './rubric.ts';

const RUBRIC = RubricDefinition.parse({
  name: 'Linked',
  sections: [
    {
      id: 's',
      title: 'S',
      questions: [
        { id: 'thanks', text: 'Thanked?', scale: 'yesNo', metric: 'thankRate', allowNa: true },
        { id: 'empathy', text: 'Empathy?', scale: 'yesNo', metric: 'empathyRate' },
        { id: 'name', text: 'Name?', scale: 'yesNo', metric: 'personalizationRate', allowNa: true },
        // No value and no N/A: the engine does not guess, the reviewer answers.
        {
          id: 'transfer',
          text: 'Transfer explained?',
          scale: 'yesNo',
          metric: 'transferWithoutExplanationRate',
        },
        { id: 'jargon', text: 'No jargon?', scale: 'yesNo', metric: 'jargonPer100Words' },
        { id: 'manual', text: 'Manual', scale: 'oneToFive' },
      ],
    },
  ],
});

const missingThanks: EngineEvidence = {
  metric: 'thankRate',
  kind: 'missing',
  turn: 6,
  start: 0,
  end: 30,
  text: "You're welcome, anything else?",
};
const empathy: EngineEvidence = {
  metric: 'empathyRate',
  kind: 'credit',
  turn: 1,
  start: 0,
  end: 22,
  text: "I'm sorry to hear that",
};

describe('pre-answers from the engine', () => {
  test('each linked yes/no question gets the answer its evidence justifies', () => {
    const answers = preAnswers(RUBRIC, {
      metrics: {
        thankRate: 0,
        empathyRate: 1,
        personalizationRate: null,
        transferWithoutExplanationRate: null,
        jargonPer100Words: 0,
      },
      evidence: [missingThanks, empathy],
    });
    expect(answers).toEqual([
      { questionId: 'thanks', metric: 'thankRate', answer: 'no', evidence: [missingThanks] },
      { questionId: 'empathy', metric: 'empathyRate', answer: 'yes', evidence: [empathy] },
      { questionId: 'name', metric: 'personalizationRate', answer: 'na', evidence: [] },
      { questionId: 'jargon', metric: 'jargonPer100Words', answer: 'yes', evidence: [] },
    ]);
  });

  test('a flag answers "no" even where the value alone would pass', () => {
    const flag: EngineEvidence = {
      metric: 'jargonPer100Words',
      kind: 'flag',
      turn: 2,
      start: 4,
      end: 7,
      text: 'SLA',
    };
    const [jargon] = preAnswers(RUBRIC, { metrics: { jargonPer100Words: 0.3 }, evidence: [flag] }).filter(
      (a) => a.questionId === 'jargon',
    );
    expect(jargon).toEqual({
      questionId: 'jargon',
      metric: 'jargonPer100Words',
      answer: 'no',
      evidence: [flag],
    });
  });
});

describe('the default rubric', () => {
  test('is built from the seed rules: each linked question quotes its metric’s seed', () => {
    const linked = rubricQuestions(DEFAULT_RUBRIC).filter((q) => q.metric);
    expect(linked.length).toBeGreaterThanOrEqual(12);
    for (const question of linked) {
      const metric = question.metric as (typeof METRIC_IDS)[number];
      expect(METRIC_IDS).toContain(metric);
      // Only metrics that highlight evidence pre-answer: a pre-answer always shows its reason.
      expect(metricDefinition(metric).evidence).not.toBeNull();
      expect(question.help).toContain(metricDefinition(metric).seed.quote);
    }
  });

  test('has critical, auto-fail, N/A and bonus parts', () => {
    const questions = rubricQuestions(DEFAULT_RUBRIC);
    expect(questions.some((q) => q.critical)).toBe(true);
    expect(questions.filter((q) => q.autoFail).map((q) => q.id)).toEqual(['no-argument']);
    expect(DEFAULT_RUBRIC.sections.filter((s) => s.bonus).map((s) => s.id)).toEqual(['going-further']);
    expect(questions.some((q) => q.scale === 'oneToFive')).toBe(true);
  });
});
