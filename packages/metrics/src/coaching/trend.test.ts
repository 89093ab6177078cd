import { describe, expect, test } from 'vitest';
import { type CoachingWeek, type TrendResult, weeklyTrend, weightedSlope } from './trend.ts';

/** Eight consecutive ISO weeks, 2026-W01 … W08, n = 10 unless given. */
const weeks = (values: (number | null)[], n: number[] = []): CoachingWeek[] =>
  values.map((value, i) => ({
    week: `2026-W${String(i + 1).padStart(2, '0')}`,
    value,
    n: value === null ? 0 : (n[i] ?? 10),
  }));

describe('weightedSlope', () => {
  // x̄ = 1.5, ȳ = 0.5; Sxy = 0.75 + 0.25 + 0.25 + 0.75 = 2, Sxx = 5 → 0.4.
  // Weights 3,1,1,3: x̄ = 12/8 = 1.5, ȳ = 4/8 = 0.5; Sxy = 2.25 + 0.25 + 0.25 + 2.25 = 5, Sxx = 14 → 5/14.
  test.each<[string, number[], number]>([
    ['equal weights', [1, 1, 1, 1], 0.4],
    ['heavier ends', [3, 1, 1, 3], 5 / 14],
  ])('%s', (_, w, expected) => {
    const points = [0, 0, 1, 1].map((y, x) => ({ x, y, w: w[x] ?? 0 }));
    expect(weightedSlope(points)).toBeCloseTo(expected, 12);
  });

  test.each([
    ['no points', []],
    [
      'one x only',
      [
        { x: 2, y: 1, w: 1 },
        { x: 2, y: 3, w: 5 },
      ],
    ],
  ])('%s → null', (_, points) => {
    expect(weightedSlope(points)).toBeNull();
  });
});

describe('weeklyTrend', () => {
  // empathyRate-like ('higher'), yardstick σ = 0.6 → steady band ±0.06 a week.
  test.each<[string, CoachingWeek[], TrendResult]>([
    [
      'up 0.1 a week',
      weeks([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]),
      { trend: 'improving', slopePerWeek: 0.1, weeks: 8 },
    ],
    [
      'down 0.1 a week',
      weeks([0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]),
      { trend: 'worsening', slopePerWeek: -0.1, weeks: 8 },
    ],
    // Sxy = 0.04, Sxx = 42 → 0.00095 a week, well inside ±0.06.
    [
      'zig-zag around 0.31',
      weeks([0.3, 0.32, 0.3, 0.32, 0.3, 0.32, 0.3, 0.32]),
      { trend: 'steady', slopePerWeek: 0.04 / 42, weeks: 8 },
    ],
    [
      'three weeks with data',
      weeks([0.1, null, null, 0.5, null, 0.9, null, null]),
      { trend: 'not enough data', slopePerWeek: null, weeks: 3 },
    ],
    // On y = 0.1x + 0.1 at x = 0, 3, 5, 6, 7: closing the gaps up would give 0.17 instead.
    [
      'gaps keep their place',
      weeks([0.1, null, null, 0.4, null, 0.6, 0.7, 0.8]),
      { trend: 'improving', slopePerWeek: 0.1, weeks: 5 },
    ],
  ])('%s', (_, input, expected) => {
    const result = weeklyTrend(input, 'higher', 0.6);
    expect(result.trend).toBe(expected.trend);
    expect(result.weeks).toBe(expected.weeks);
    if (expected.slopePerWeek === null) expect(result.slopePerWeek).toBeNull();
    else expect(result.slopePerWeek).toBeCloseTo(expected.slopePerWeek, 12);
  });

  test('a week with a value but n = 0 does not count', () => {
    const input = weeks([0.1, 0.2, 0.3, 0.4]);
    input[3] = { week: '2026-W04', value: 0.4, n: 0 };
    expect(weeklyTrend(input, 'higher', 0.6).trend).toBe('not enough data');
  });

  test('for a lower-is-better metric a falling line improves', () => {
    expect(weeklyTrend(weeks([0.8, 0.7, 0.6, 0.5]), 'lower', 0.6).trend).toBe('improving');
  });

  test('only the latest 8 weeks count, whatever the input order', () => {
    const input = [
      ...weeks([0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1]).map((w, i) => ({
        ...w,
        week: `2026-W${String(i + 3).padStart(2, '0')}`,
      })),
      { week: '2026-W01', value: 0, n: 100 },
      { week: '2026-W02', value: 0, n: 100 },
    ].reverse();
    expect(weeklyTrend(input, 'higher', 0.6).slopePerWeek).toBeCloseTo(-0.1, 12);
  });

  test('the band scales with the yardstick: 0.01 a week is steady against σ 0.6, a change against σ 0.05', () => {
    const input = weeks([0.63, 0.64, 0.65, 0.66, 0.67, 0.68, 0.69, 0.7]);
    expect(weeklyTrend(input, 'higher', 0.6).trend).toBe('steady');
    expect(weeklyTrend(input, 'higher', 0.05).trend).toBe('improving');
    expect(weeklyTrend(input, 'higher', null).trend).toBe('not enough data');
  });
});
