import { describe, expect, test } from 'vitest';
import type { Fraction } from '../catalog.ts';
import { nearestRank } from '../period.ts';
import { bootstrapChange, fractionChange, quantile, ratioOfSums, seededRandom } from './change.ts';

const shares = (...flags: (0 | 1)[]): Fraction[] => flags.map((num) => ({ num, den: 1 }));
const options = (seed = 7) => ({ random: seededRandom(seed) });

describe('ratioOfSums', () => {
  test.each<[string, Fraction[], number | null]>([
    ['empty', [], null],
    ['zero denominator', [{ num: 3, den: 0 }], null],
    // Pooled, not a mean of ratios: (2 + 1) / (4 + 1) = 0.6, where the mean of 0.5 and 1 would be 0.75.
    [
      'pooled',
      [
        { num: 2, den: 4 },
        { num: 1, den: 1 },
      ],
      0.6,
    ],
    ['shares', shares(1, 0, 0, 1), 0.5],
  ])('%s', (_name, sample, expected) => {
    expect(ratioOfSums(sample)).toBe(expected);
  });
});

describe('quantile (type 7)', () => {
  test.each<[number[], number, number]>([
    [[5], 0.025, 5],
    [[1, 2, 3, 4, 5], 0.5, 3],
    // position (5 − 1) · 0.1 = 0.4: 1 + 0.4 · (2 − 1)
    [[1, 2, 3, 4, 5], 0.1, 1.4],
    [[1, 2, 3, 4, 5], 1, 5],
  ])('%j at %d → %d', (sorted, p, expected) => {
    expect(quantile(sorted, p)).toBeCloseTo(expected, 12);
  });
});

describe('fractionChange', () => {
  test('identical samples: difference 0 and an interval around it, not significant', () => {
    const sample = shares(1, 0, 1, 0, 1, 1, 0);
    const change = fractionChange(sample, sample, options());
    expect(change).toMatchObject({ before: 4 / 7, after: 4 / 7, difference: 0, significant: false });
    expect(change.interval?.low).toBeLessThan(0);
    expect(change.interval?.high).toBeGreaterThan(0);
  });

  test('clearly separated samples: every resample differs by exactly 1, significant', () => {
    // Before: never thanks (6 × 0/1); after: always (6 × 1/1). Each resample gives 1 − 0.
    const change = fractionChange(shares(0, 0, 0, 0, 0, 0), shares(1, 1, 1, 1, 1, 1), options());
    expect(change).toEqual({
      before: 0,
      after: 1,
      difference: 1,
      interval: { low: 1, high: 1 },
      significant: true,
    });
  });

  test('worked case: 0/5 before, 4/5 after', () => {
    // The after resample's mean is k/5 with k ~ Binomial(5, 0.8); the before one is always 0.
    // P(k = 5) = 0.8⁵ ≈ 0.33 > 2.5 %, so the upper bound is 1. P(k ≤ 1) ≈ 0.0067 < 2.5 % < P(k ≤ 2)
    // ≈ 0.058, so the lower bound is 2/5: above 0, a significant improvement.
    const change = fractionChange(shares(0, 0, 0, 0, 0), shares(1, 1, 0, 1, 1), options());
    expect(change).toEqual({
      before: 0,
      after: 0.8,
      difference: 0.8,
      interval: { low: 0.4, high: 1 },
      significant: true,
    });
  });

  test('a small change in a noisy sample is not significant', () => {
    const before = shares(1, 0, 1, 0, 1, 0, 1, 0, 1, 0);
    const after = shares(1, 1, 0, 1, 0, 1, 0, 1, 1, 0);
    const change = fractionChange(before, after, options());
    expect(change.difference).toBeCloseTo(0.1, 12);
    expect(change.significant).toBe(false);
  });

  test('interval bounds are ordered and hold the point difference, for many seeds', () => {
    const before = [
      { num: 2, den: 40 },
      { num: 0, den: 25 },
      { num: 1, den: 60 },
      { num: 3, den: 30 },
      { num: 0, den: 10 },
      { num: 1, den: 45 },
    ];
    const after = [
      { num: 0, den: 50 },
      { num: 1, den: 20 },
      { num: 0, den: 35 },
      { num: 0, den: 40 },
      { num: 2, den: 70 },
    ];
    for (let seed = 1; seed <= 20; seed++) {
      const change = fractionChange(before, after, options(seed));
      const { low, high } = change.interval ?? { low: Number.NaN, high: Number.NaN };
      expect(low).toBeLessThanOrEqual(high);
      expect(low).toBeLessThanOrEqual(change.difference as number);
      expect(high).toBeGreaterThanOrEqual(change.difference as number);
    }
  });

  test('deterministic: the same seed gives the same interval, another seed another one', () => {
    const before = [3, 0, 1, 4, 0, 2, 1].map((num, i) => ({ num, den: 20 + 7 * i }));
    const after = [0, 1, 0, 0, 2, 0, 1].map((num, i) => ({ num, den: 25 + 3 * i }));
    const first = fractionChange(before, after, options(42));
    expect(fractionChange(before, after, options(42))).toEqual(first);
    expect(fractionChange(before, after, { random: seededRandom(43), resamples: 500 })).not.toEqual(first);
  });

  test('windows below the minimum sample get values but no interval', () => {
    const change = fractionChange(shares(0, 0, 0, 0), shares(1, 1, 1, 1, 1), options());
    expect(change).toEqual({ before: 0, after: 1, difference: 1, interval: null, significant: false });
  });

  test('an empty window has no value and no difference (null, never 0)', () => {
    expect(fractionChange([], shares(1, 1, 1, 1, 1), options())).toEqual({
      before: null,
      after: 1,
      difference: null,
      interval: null,
      significant: false,
    });
  });
});

describe('bootstrapChange with another statistic', () => {
  test('p90 of pooled gaps over resampled conversations', () => {
    // Each conversation is its list of gaps; the statistic pools them and takes the nearest-rank p90.
    const p90 = (sample: readonly number[][]) => nearestRank(sample.flat(), 0.9);
    const before = [[9_000, 8_000], [7_000], [9_500], [8_500, 9_000], [10_000]];
    const after = [[1_000], [1_500, 900], [1_200], [800], [1_100, 1_000]];
    const change = bootstrapChange(before, after, p90, options());
    expect(change.before).toBe(10_000);
    expect(change.after).toBe(1_500);
    expect(change.significant).toBe(true);
    expect(change.interval?.high).toBeLessThan(0);
  });
});

describe('seededRandom', () => {
  test('reproducible, in [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const draws = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});
