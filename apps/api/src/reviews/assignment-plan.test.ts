import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Candidate, drawSample, spreadEvenly } from './assignment-plan.ts';

const conversations = (agentId: string, n: number): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({ conversationId: `${agentId}-c${i}`, agentId }));

describe('drawing a sample', () => {
  const candidates = [...conversations('a-1', 10), ...conversations('a-2', 3), ...conversations('a-3', 1)];

  test.each([
    // N per agent: all of an agent's conversations when they have fewer.
    [{ perAgent: 2 }, { 'a-1': 2, 'a-2': 2, 'a-3': 1 }],
    [{ perAgent: 5 }, { 'a-1': 5, 'a-2': 3, 'a-3': 1 }],
    // A share, rounded up: 25 % of 10 = 2.5 → 3; of 3 = 0.75 → 1; of 1 = 0.25 → 1.
    [{ percent: 25 }, { 'a-1': 3, 'a-2': 1, 'a-3': 1 }],
    [{ percent: 100 }, { 'a-1': 10, 'a-2': 3, 'a-3': 1 }],
  ])('%j draws %j', (size, expected) => {
    const drawn = drawSample(candidates, size, 'plan-1');
    const perAgent: Record<string, number> = {};
    for (const c of drawn) perAgent[c.agentId] = (perAgent[c.agentId] ?? 0) + 1;
    expect(perAgent).toEqual(expected);
    expect(new Set(drawn.map((c) => c.conversationId)).size).toBe(drawn.length);
  });

  test('the same plan draws the same conversations; another seed another order', () => {
    const shuffled = [...candidates].reverse();
    expect(drawSample(shuffled, { perAgent: 3 }, 'plan-1')).toEqual(
      drawSample(candidates, { perAgent: 3 }, 'plan-1'),
    );
    const ids = (seed: string) => drawSample(candidates, { perAgent: 3 }, seed).map((c) => c.conversationId);
    expect(['plan-2', 'plan-3', 'plan-4'].some((seed) => ids(seed).join() !== ids('plan-1').join())).toBe(
      true,
    );
  });
});

describe('spreading across reviewers', () => {
  test('7 conversations of two agents over 3 reviewers: 3, 2, 2, and each agent shared', () => {
    // Dealt in turn, a-1's four then a-2's three: a-1 → 10, 20, 30, 10; a-2 → 20, 30, 10.
    const assigned = spreadEvenly([...conversations('a-2', 3), ...conversations('a-1', 4)], [10, 20, 30]);
    expect(assigned.map((a) => [a.agentId, a.reviewerId])).toEqual([
      ['a-1', 10],
      ['a-1', 20],
      ['a-1', 30],
      ['a-1', 10],
      ['a-2', 20],
      ['a-2', 30],
      ['a-2', 10],
    ]);
  });

  test('any sample and reviewers: totals within one of each other, and per agent too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (sizes, reviewers) => {
          const sample = sizes.flatMap((n, i) => conversations(`a-${i}`, n));
          const ids = Array.from({ length: reviewers }, (_, i) => i + 1);
          const assigned = spreadEvenly(sample, ids);
          expect(assigned.length).toBe(sample.length);
          const spread = (items: typeof assigned) => {
            const counts = ids.map((id) => items.filter((a) => a.reviewerId === id).length);
            return Math.max(...counts) - Math.min(...counts);
          };
          expect(spread(assigned)).toBeLessThanOrEqual(1);
          for (let i = 0; i < sizes.length; i++) {
            expect(spread(assigned.filter((a) => a.agentId === `a-${i}`))).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
