import { describe, expect, test } from 'vitest';
import { mad, meanAbsoluteDeviation, median, type RobustSpread, robustSpread, robustZ } from './robust.ts';

describe('median', () => {
  test.each<[number[], number | null]>([
    [[], null],
    [[3], 3],
    [[1, 3, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5, 5, 1], 5],
    [[-2, 10, 0, 7], 3.5],
  ])('median(%j) = %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('mad and mean absolute deviation, both around the median', () => {
  // [1,2,3,4,100]: median 3, deviations [2,1,0,1,97] → sorted [0,1,1,2,97] → MAD 1, mean 101/5.
  // [1,1,2,2,4,6,9]: median 2, deviations [1,1,0,0,2,4,7] → MAD 1, mean 15/7.
  test.each<[number[], number | null, number | null]>([
    [[], null, null],
    [[7], 0, 0],
    [[1, 2, 3, 4, 100], 1, 101 / 5],
    [[1, 1, 2, 2, 4, 6, 9], 1, 15 / 7],
    [[0, 0, 0, 0, 1], 0, 0.2],
    [[2, 2, 2], 0, 0],
  ])('%j → MAD %j, mean absolute deviation %j', (values, expectedMad, expectedMean) => {
    expect(mad(values)).toBe(expectedMad);
    if (expectedMean === null) expect(meanAbsoluteDeviation(values)).toBeNull();
    else expect(meanAbsoluteDeviation(values)).toBeCloseTo(expectedMean, 12);
  });
});

describe('robustSpread', () => {
  test.each<[string, number[], RobustSpread | null]>([
    ['empty', [], null],
    ['MAD 1 → σ 1.4826', [1, 2, 3, 4, 100], { median: 3, scale: 1.4826, basis: 'mad' }],
    // MAD 0 (four of five equal): mean absolute deviation 0.2 × 1.2533 = 0.25066.
    [
      'MAD 0 → mean absolute deviation',
      [0, 0, 0, 0, 1],
      { median: 0, scale: 0.25066, basis: 'meanAbsoluteDeviation' },
    ],
    ['every value equal → no scale', [2, 2, 2], { median: 2, scale: null, basis: null }],
  ])('%s', (_, values, expected) => {
    const spread = robustSpread(values);
    if (expected === null || spread === null) {
      expect(spread).toBe(expected);
      return;
    }
    expect(spread.median).toBe(expected.median);
    expect(spread.basis).toBe(expected.basis);
    if (expected.scale === null) expect(spread.scale).toBeNull();
    else expect(spread.scale).toBeCloseTo(expected.scale, 12);
  });
});

describe('robustZ', () => {
  test.each<[string, number, number[], number | null]>([
    // (5.9652 − 3) / 1.4826 = 2.
    ['two robust units above', 5.9652, [1, 2, 3, 4, 100], 2],
    ['one robust unit below', 1.5174, [1, 2, 3, 4, 100], -1],
    ['at the median', 3, [1, 2, 3, 4, 100], 0],
    // MAD 0: 1 / (1.2533 × 0.2) = 1 / 0.25066 = 3.98947.
    ['MAD 0, falls back on the mean absolute deviation', 1, [0, 0, 0, 0, 1], 3.98947],
    ['no spread, value at the median', 2, [2, 2, 2], 0],
    ['no spread, value elsewhere: no z', 3, [2, 2, 2], null],
    ['no team', 3, [], null],
  ])('%s', (_, value, team, expected) => {
    const z = robustZ(value, robustSpread(team));
    if (expected === null) expect(z).toBeNull();
    else expect(z).toBeCloseTo(expected, 5);
  });
});
