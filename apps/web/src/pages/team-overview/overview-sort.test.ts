import { describe, expect, test } from 'vitest';
import { sortAgents } from './overview-sort.ts';
import type { OverviewAgent } from './overview-types.ts';

const agent = (agentId: string): OverviewAgent => ({
  agentId,
  agentName: agentId,
  teamId: 't',
  conversations: 10,
  attention: 0,
  opportunityCount: 0,
  opportunities: [],
  cells: {},
});
const review = (meanScore: number | null) => ({
  reviews: meanScore === null ? 0 : 1,
  meanScore,
  meanCriticalScore: null,
  autoFailed: 0,
});

describe('sortAgents by human review', () => {
  const agents = [agent('a'), agent('b'), agent('c'), agent('d')];
  // c has no review at all, d none scored: both last in either direction.
  const reviews = { a: review(0.9), b: review(0.6), d: review(null) };
  test.each([
    [false, ['b', 'a', 'c', 'd']],
    [true, ['a', 'b', 'c', 'd']],
  ])('descending %s: %j', (descending, order) => {
    expect(sortAgents(agents, 'review', descending, reviews).map((a) => a.agentId)).toEqual(order);
  });
});
