import { describe, expect, test } from 'vitest';
import { sentiment } from './sentiment.ts';

describe('sentiment', () => {
  test.each([
    ['not helpful at all', 'negative'],
    ['It was not good', 'negative'],
    ['The agent was rude and I am furious', 'negative'],
    ['Very helpful, thank you!', 'positive'],
    ['Great service, problem solved', 'positive'],
  ] as const)('%j is %s', (text, expected) => {
    const score = sentiment(text);
    if (expected === 'negative') expect(score).toBeLessThan(0);
    else expect(score).toBeGreaterThan(0);
  });

  test.each(['', '   ', '\n'])('empty text %j is neutral', (text) => {
    expect(sentiment(text)).toBe(0);
  });

  test('scores stay within [−1, 1]', () => {
    for (const text of ['awful awful awful terrible horrible', 'amazing wonderful superb fantastic 😍😍😍']) {
      const score = sentiment(text);
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
