import { describe, expect, test } from 'vitest';
import { distribution, pearson } from './stats.ts';

describe('distribution', () => {
  test.each([
    [[], null],
    [[7], { n: 1, min: 7, median: 7, p90: 7, max: 7 }],
    [[3, 1, 2], { n: 3, min: 1, median: 2, p90: 3, max: 3 }],
    [[4, 1, 3, 2], { n: 4, min: 1, median: 2.5, p90: 4, max: 4 }],
    // p90 of 1..10 is the 9th value (nearest rank ceil(0.9 × 10) = 9).
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], { n: 10, min: 1, median: 5.5, p90: 9, max: 10 }],
  ])('%j → %j', (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });
});

describe('pearson', () => {
  test.each([
    [[1, 2, 3], [2, 4, 6], 1],
    [[1, 2, 3], [3, 2, 1], -1],
    // x = 1,2,3,4; y = 1,3,2,4: Σdxdy = 4, Σdx² = Σdy² = 5 → 0.8.
    [[1, 2, 3, 4], [1, 3, 2, 4], 0.8],
  ])('%j, %j → %d', (xs, ys, r) => {
    expect(pearson(xs, ys)).toBeCloseTo(r, 12);
  });

  test('null when a side does not vary or there are too few pairs', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
  });
});
