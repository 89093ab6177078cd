import { describe, expect, test } from 'vitest';
import type { Fraction, MetricId } from './catalog.ts';
import { applyDismissals, type Dismissal } from './dismissals.ts';
import { computeConversation } from './engine.ts';
import { agent, conversation, customer, event } from './test-helpers.ts';

/**
 * A tense chat, worked by hand. Agent words: turn 1 "Unfortunately. I can't change it, that's not true."
 * has 8, turn 3 "You are wrong, calm down. I will transfer you." has 9: 17 in all.
 * - negative language: "Unfortunately" [0, 13) and "can't" [17, 22) in two sentences of turn 1 → 200 / 17;
 * - argument: "that's not true" (turn 1), "You are wrong" and "calm down" (turn 3) → 1 / 1;
 * - response gaps 2000 − 1000 = 1 s and 300000 − 101000 = 199 s against the 60 s chat target: turn 3 is
 *   late → 1 / 2 within target;
 * - no thanks, no name although the customer is Sam (missing flags) → 0 / 1 each;
 * - two transfers after turn 3, which explains nothing: 2 / 2, one identical flag per transfer.
 */
const tense = conversation({
  channel: 'chat',
  customerName: 'Sam Lee',
  turns: [
    customer(0, 1_000, 'My bill is wrong.'),
    agent(2_000, null, "Unfortunately. I can't change it, that's not true."),
    customer(100_000, 101_000, 'It is.'),
    agent(300_000, null, 'You are wrong, calm down. I will transfer you.'),
  ],
  events: [event('transfer', '2026-03-02T09:06:00.000Z'), event('transfer', '2026-03-02T09:07:00.000Z')],
});
const TURN_3 = { turnIndex: 3, start: 0, end: 46 };

const flag = (metric: MetricId, turnIndex: number, start: number, end: number): Dismissal => ({
  metric,
  turnIndex,
  start,
  end,
});

describe('applyDismissals on a hand-worked chat', () => {
  const result = computeConversation(tense);

  test('the hand-worked values before any dismissal', () => {
    expect(result.metrics).toMatchObject({
      negativeLanguagePer100Words: { num: 200, den: 17 },
      argumentRate: { num: 1, den: 1 },
      responseWithinTargetRate: { num: 1, den: 2 },
      thankRate: { num: 0, den: 1 },
      personalizationRate: { num: 0, den: 1 },
      transferWithoutExplanationRate: { num: 2, den: 2 },
    });
  });

  // biome-ignore format: one case a line reads as the table it is
  test.each<[string, Dismissal[], MetricId, Fraction, number]>([
    // [what, dismissed, metric, its fraction after, its evidence items left]
    ['one negative match: −100', [flag('negativeLanguagePer100Words', 1, 17, 22)], 'negativeLanguagePer100Words', { num: 100, den: 17 }, 1],
    ['both negative matches', [flag('negativeLanguagePer100Words', 1, 0, 13), flag('negativeLanguagePer100Words', 1, 17, 22)], 'negativeLanguagePer100Words', { num: 0, den: 17 }, 0],
    ['one argument of three: still argued', [flag('argumentRate', 1, 34, 49)], 'argumentRate', { num: 1, den: 1 }, 2],
    ['every argument: no longer argued', [flag('argumentRate', 1, 34, 49), flag('argumentRate', 3, 0, 13), flag('argumentRate', 3, 15, 24)], 'argumentRate', { num: 0, den: 1 }, 0],
    ['missing thanks: counted as thanked', [{ metric: 'thankRate', ...TURN_3 }], 'thankRate', { num: 1, den: 1 }, 0],
    ['missing name: counted as personal', [flag('personalizationRate', 1, 0, 50)], 'personalizationRate', { num: 1, den: 1 }, 0],
    ['a late response: counted within target', [{ metric: 'responseWithinTargetRate', ...TURN_3 }], 'responseWithinTargetRate', { num: 2, den: 2 }, 0],
    // Both transfers point at the same statement: the same flag by content, dismissed together.
    ['the unexplained-transfer flag: −1 per transfer it stood for', [{ metric: 'transferWithoutExplanationRate', ...TURN_3 }], 'transferWithoutExplanationRate', { num: 0, den: 2 }, 0],
  ])('%s', (_what, dismissed, metric, expected, evidenceLeft) => {
    const after = applyDismissals(result, dismissed);
    expect(after.metrics[metric]).toEqual(expected);
    expect(after.evidence.filter((e) => e.metric === metric)).toHaveLength(evidenceLeft);
    // Nothing else moves.
    const others = (r: typeof result) => ({
      metrics: Object.entries(r.metrics).filter(([id]) => id !== metric),
      evidence: r.evidence.filter((e) => e.metric !== metric),
    });
    expect(others(after)).toEqual(others(result));
    expect(after.responseGapsMs).toEqual(result.responseGapsMs);
  });

  test('a flag that is not there, or whose words differ, changes nothing', () => {
    expect(applyDismissals(result, [flag('argumentRate', 1, 0, 5)])).toBe(result);
    expect(applyDismissals(result, [{ ...flag('argumentRate', 1, 34, 49), text: 'that is not true' }])).toBe(
      result,
    );
    expect(applyDismissals(result, [])).toBe(result);
  });

  test('with the same words the flag goes; the input result is left as it was', () => {
    const snapshot = structuredClone(result);
    const after = applyDismissals(result, [{ ...flag('argumentRate', 1, 34, 49), text: "that's not true" }]);
    expect(after.evidence).toHaveLength(result.evidence.length - 1);
    expect(result).toEqual(snapshot);
  });
});

describe('applyDismissals on counted turns', () => {
  test('an interruption of two: 2 / 1 → 1 / 1, the other stays as evidence', () => {
    // Customer speaks 0–12 s; the agent cuts in at 3 s and 6 s (both ≤ 12000 − 500, both after the
    // 2 s of connect time).
    const call = conversation({
      channel: 'voice',
      turns: [
        customer(0, 12_000, 'My bill is wrong and I have been charged twice this month.'),
        agent(3_000, 4_000, 'Let me check that.'),
        agent(6_000, 7_000, 'Which month?'),
        agent(13_000, 14_000, 'Thanks, fixed.'),
      ],
    });
    const result = computeConversation(call);
    expect(result.metrics.interruptionsPerConversation).toEqual({ num: 2, den: 1 });
    const after = applyDismissals(result, [flag('interruptionsPerConversation', 1, 0, 18)]);
    expect(after.metrics.interruptionsPerConversation).toEqual({ num: 1, den: 1 });
    expect(after.evidence.filter((e) => e.metric === 'interruptionsPerConversation')).toEqual([
      {
        metric: 'interruptionsPerConversation',
        kind: 'flag',
        turnIndex: 2,
        start: 0,
        end: 12,
        text: 'Which month?',
      },
    ]);
  });

  test('a long sentence explains avgSentenceWords without being counted in it: only the evidence goes', () => {
    const long =
      'I have looked at the account and I can see that the second charge was made on the fourth by mistake.';
    const result = computeConversation(
      conversation({ turns: [customer(0, 1_000, 'Why two charges?'), agent(2_000, null, long)] }),
    );
    // 21 words in one sentence: 21 / 1, flagged as over 20 words.
    expect(result.metrics.avgSentenceWords).toEqual({ num: 21, den: 1 });
    const after = applyDismissals(result, [flag('avgSentenceWords', 1, 0, long.length)]);
    expect(after.metrics.avgSentenceWords).toEqual({ num: 21, den: 1 });
    expect(after.evidence.some((e) => e.metric === 'avgSentenceWords')).toBe(false);
  });
});
