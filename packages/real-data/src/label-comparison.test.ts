import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { type ConversationResult, computeConversation, type Evidence, type MetricId } from '@rapport/metrics';
import { describe, expect, test } from 'vitest';
import {
  compareBehaviour,
  compareWithLabels,
  type LabelledConversation,
  openingStatements,
  staleLabels,
} from './label-comparison.ts';
import { BEHAVIOURS, type BehaviourId, type LabelledTurn, loadLabelledTurns } from './labelled-turns.ts';
import { DATASET_FOLDERS, loadAbcd, loadHarperValley, loadIbmTwitter } from './load.ts';

const record: ConversationRecord = {
  id: 'c1',
  channel: 'chat',
  startedAt: '2020-01-01T00:00:00.000Z',
  endedAt: '2020-01-01T00:10:00.000Z',
  agent: { id: 'a1' },
  turns: [
    { speaker: 'customer', text: 'My order is late.', startMs: 0 },
    { speaker: 'agent', text: "I'm sorry. Unfortunately we can't ship today.", startMs: 1_000 },
    { speaker: 'system', text: 'Order looked up', startMs: 1_500 },
    { speaker: 'agent', text: 'ok', startMs: 2_000 },
    { speaker: 'agent', text: 'Is it order 12? Thanks!', startMs: 3_000 },
    { speaker: 'agent', text: 'Which address? Clear the cache.', startMs: 4_000 },
    { speaker: 'agent', text: 'Did it arrive?', startMs: 5_000 },
  ],
};

function label(turn: number, values: Partial<Record<BehaviourId, number | boolean>> = {}): LabelledTurn {
  return {
    dataset: 'abcd',
    conversation: 'c1',
    turn,
    text: record.turns[turn]?.text ?? '',
    negativeLanguage: 0,
    empathy: false,
    thanks: false,
    clarifyingQuestion: false,
    jargon: 0,
    argument: false,
    overpromise: false,
    paraphrase: false,
    feedbackRequest: false,
    phrases: {},
    ...values,
  } as LabelledTurn;
}

function evidence(metric: MetricId, turnIndex: number, extra: Partial<Evidence> = {}) {
  return {
    metric,
    kind: 'flag',
    turnIndex,
    start: 0,
    end: 1,
    text: `${metric}@${turnIndex}`,
    ...extra,
  } as Evidence;
}

const labels = [
  label(1, { negativeLanguage: 2, empathy: true }),
  label(3),
  label(4, { thanks: true, clarifyingQuestion: true }),
  label(5, { clarifyingQuestion: true, jargon: 1 }),
  label(6, { clarifyingQuestion: true }),
];

function scored(
  items: Evidence[],
  metrics: ConversationResult['metrics'] = {},
): Map<string, LabelledConversation> {
  return new Map([['c1', { record, result: { metrics, responseGapsMs: [], evidence: items } }]]);
}

const behaviour = (id: BehaviourId) => {
  const found = BEHAVIOURS.find((b) => b.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('compareBehaviour on a hand-made conversation', () => {
  test('flags: per turn and per instance, a false positive and a partial match', () => {
    const result = compareBehaviour(
      labels,
      scored([
        evidence('negativeLanguagePer100Words', 1),
        evidence('negativeLanguagePer100Words', 5),
        // Wrong metric, and missing evidence on the right one: neither predicts negative language.
        evidence('jargonPer100Words', 1),
        evidence('negativeLanguagePer100Words', 6, { kind: 'missing' }),
      ]),
      behaviour('negativeLanguage'),
    );
    expect(result.turns).toBe(5);
    expect(result.perTurn).toEqual({
      labelled: 1,
      predicted: 2,
      tp: 1,
      fp: 1,
      fn: 0,
      precision: 0.5,
      recall: 1,
    });
    // Turn 1 has two labelled refusals and one flag: one instance missed.
    expect(result.perInstance).toEqual({
      labelled: 2,
      predicted: 2,
      tp: 1,
      fp: 1,
      fn: 1,
      precision: 0.5,
      recall: 0.5,
    });
    expect(result.falsePositives.map((v) => [v.label.turn, v.evidence])).toEqual([
      [5, ['negativeLanguagePer100Words@5']],
    ]);
    expect(result.falseNegatives).toEqual([]);
  });

  test('credits: only credit evidence predicts; a flag or a missing mark on the metric does not', () => {
    const result = compareBehaviour(
      labels,
      scored([
        evidence('thankRate', 4, { kind: 'credit' }),
        evidence('thankRate', 1, { kind: 'flag' }),
        evidence('thankRate', 3, { kind: 'missing' }),
        evidence('empathyRate', 4, { kind: 'credit' }),
      ]),
      behaviour('thanks'),
    );
    expect(result.perTurn).toMatchObject({ labelled: 1, predicted: 1, tp: 1, fp: 0, fn: 0 });
    expect(result.perInstance).toBeNull();
  });

  test('nothing predicted: precision is null (no data), recall 0; nothing labelled: recall null', () => {
    const empathy = compareBehaviour(labels, scored([]), behaviour('empathy'));
    expect(empathy.perTurn).toMatchObject({ labelled: 1, predicted: 0, fn: 1, precision: null, recall: 0 });
    expect(empathy.falseNegatives.map((v) => v.label.turn)).toEqual([1]);
    const argument = compareBehaviour(labels, scored([evidence('argumentRate', 4)]), behaviour('argument'));
    expect(argument.perTurn).toMatchObject({ labelled: 0, predicted: 1, fp: 1, recall: null, precision: 0 });
  });

  test('clarifying questions are compared on the first three statements only (backchannels skipped)', () => {
    // Statements in time order: turns 1, 4, 5 ("ok" at 3 is a backchannel, turn 2 is a system turn).
    expect([...openingStatements(record)]).toEqual([1, 4, 5]);
    const result = compareBehaviour(
      labels,
      scored([
        evidence('clarifyingQuestionRate', 4, { kind: 'credit' }),
        evidence('clarifyingQuestionRate', 6, { kind: 'credit' }),
      ]),
      behaviour('clarifyingQuestion'),
    );
    // Turns 1, 4 and 5 are compared: turn 6 (labelled and credited) is outside the window, the
    // backchannel at 3 is not a statement; turn 5 is labelled but not credited.
    expect(result.turns).toBe(3);
    expect(result.perTurn).toMatchObject({ labelled: 2, predicted: 1, tp: 1, fp: 0, fn: 1 });
    expect(result.falseNegatives.map((v) => v.label.turn)).toEqual([5]);
  });

  test('per conversation: the metric value decides the prediction, any labelled turn the label', () => {
    const thanks = compareBehaviour(
      labels,
      scored([], { thankRate: { num: 1, den: 1 } }),
      behaviour('thanks'),
    );
    expect(thanks.perConversation).toMatchObject({ labelled: 1, predicted: 1, tp: 1, fp: 0, fn: 0 });
    const argument = compareBehaviour(
      labels,
      scored([], { argumentRate: { num: 1, den: 1 } }),
      behaviour('argument'),
    );
    expect(argument.perConversation).toMatchObject({ labelled: 0, predicted: 1, fp: 1 });
    expect(argument.conversationFalsePositives).toEqual(['c1']);
    const empathy = compareBehaviour(
      labels,
      scored([], { empathyRate: { num: 0, den: 1 } }),
      behaviour('empathy'),
    );
    expect(empathy.perConversation).toMatchObject({ labelled: 1, predicted: 0, fn: 1, precision: null });
    expect(empathy.conversationFalseNegatives).toEqual(['c1']);
    expect(thanks.conversationFalsePositives).toEqual([]);
  });

  test('one comparison per behaviour; a label without a scored conversation is an error', () => {
    expect(compareWithLabels(labels, scored([])).map((c) => c.behaviour.id)).toEqual(
      BEHAVIOURS.map((b) => b.id),
    );
    expect(() => compareWithLabels([{ ...label(1), conversation: 'c2' }], scored([]))).toThrow(
      'no scored conversation for abcd/c2#1',
    );
  });

  test('a label whose turn no longer has its text is stale', () => {
    expect(staleLabels([label(1), { ...label(4), text: 'something else' }, label(2)], scored([]))).toEqual([
      'abcd/c1#4',
      'abcd/c1#2',
    ]);
  });
});

describe('the labelled fixture', () => {
  const fixture = loadLabelledTurns();

  test('at least 300 turns, each positive label justified by phrases of the turn', () => {
    expect(fixture.length).toBeGreaterThanOrEqual(300);
    const fold = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
    for (const turn of fixture) {
      for (const b of BEHAVIOURS) {
        const phrases = turn.phrases[b.id] ?? [];
        const value = turn[b.id];
        expect(phrases.length, `${turn.conversation}#${turn.turn} ${b.id}`).toBe(
          typeof value === 'number' ? value : value ? Math.max(1, phrases.length) : 0,
        );
        for (const phrase of phrases) expect(fold(turn.text)).toContain(fold(phrase));
      }
    }
  });
});

describe('the labelled fixture against the data sets', () => {
  // The public data sets live beside the repository (`../shared/datasets`), as for real-datasets.test.ts.
  const datasets = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)), '../shared/datasets');
  const folder = (key: keyof typeof DATASET_FOLDERS) => path.join(datasets, DATASET_FOLDERS[key]);

  test('every label points at an agent turn of a converted conversation with the labelled text', () => {
    const fixture = loadLabelledTurns();
    const wanted = new Set(fixture.map((l) => l.conversation));
    const conversations = new Map<string, LabelledConversation>();
    const converted = [
      ...loadHarperValley(folder('harperValley')),
      ...loadIbmTwitter(folder('ibmTwitter')),
      ...loadAbcd(folder('abcd')),
    ];
    for (const { result } of converted) {
      if (result.ok && wanted.has(result.record.id)) {
        conversations.set(result.record.id, {
          record: result.record,
          result: computeConversation(result.record),
        });
      }
    }
    expect(conversations.size).toBe(wanted.size);
    expect(staleLabels(fixture, conversations)).toEqual([]);
  });
});
