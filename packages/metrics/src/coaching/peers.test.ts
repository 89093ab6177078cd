import { describe, expect, test } from 'vitest';
import type { PeriodTotals } from '../period.ts';
import { peerMedian, peerMedians } from './peers.ts';

/** An agent's totals with one metric, talkRatio = num / den over `n` conversations on `days` days. */
const member = (
  agentId: string,
  talk: number,
  n: number,
  days = n,
): { agentId: string; totals: PeriodTotals } => ({
  agentId,
  totals: {
    conversations: n,
    activeDays: days,
    sums: { talkRatio: { num: talk * n, den: n } },
    counts: { talkRatio: n },
    responseGapsMs: [],
  },
});

describe('the team median’s one peer set', () => {
  test.each([
    // Values 0.2, 0.4 and 0.9 over enough conversations: the middle one.
    ['three peers', [0.2, 0.4, 0.9].map((value) => ({ value, n: 10 })), { median: 0.4, peers: 3 }],
    // Two peers: the mean of both; the one with 4 conversations and the one without a value are out.
    [
      'too few conversations or no value',
      [
        { value: 0.2, n: 5 },
        { value: 0.6, n: 7 },
        { value: 0.99, n: 4 },
        { value: null, n: 30 },
      ],
      { median: 0.4, peers: 2 },
    ],
    ['nobody', [], { median: null, peers: 0 }],
  ])('%s', (_, samples, expected) => {
    expect(peerMedian(samples)).toEqual({ ...expected, minConversations: 5 });
  });

  test('an agent is left out of their own peer set; a team line leaves out nobody', () => {
    const team = [member('a', 0.3, 6), member('b', 0.5, 6), member('c', 0.8, 6), member('d', 0.1, 2)];
    // For a: b 0.5 and c 0.8 (d has 2 conversations) → 0.65.
    const forA = peerMedians(team, 'a').talkRatio;
    expect(forA.median).toBeCloseTo(0.65, 12);
    expect(forA).toMatchObject({ peers: 2, minConversations: 5 });
    // For the team: a 0.3, b 0.5, c 0.8 → 0.5.
    expect(peerMedians(team, null).talkRatio).toEqual({ median: 0.5, peers: 3, minConversations: 5 });
  });

  test('conversations per active day: the median agent’s, not the team’s total', () => {
    // 12 conversations on 3 days = 4 a day; 20 on 4 = 5; 30 on 5 = 6. The team's total is 62 on
    // (at most) 5 days, ≥ 12 a day; the median agent does 5.
    const team = [member('a', 0.5, 12, 3), member('b', 0.5, 20, 4), member('c', 0.5, 30, 5)];
    expect(peerMedians(team, null).conversationsPerDay.median).toBe(5);
    expect(peerMedians(team, 'b').conversationsPerDay).toEqual({ median: 5, peers: 2, minConversations: 5 });
  });
});
