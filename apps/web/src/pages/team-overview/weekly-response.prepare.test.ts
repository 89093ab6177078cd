import { describe, expect, test } from 'vitest';
import { prepareWeeklyResponse } from './weekly-response.prepare.ts';

describe('prepareWeeklyResponse', () => {
  test('every week of the period is a row; weeks the API left out are gaps, never bridged or zero', () => {
    // 2026-11-02 … 2026-11-29 holds four Mondays: 02, 09, 16, 23. The API listed two of them, out of order.
    const series = prepareWeeklyResponse(
      [
        { week: '2026-11-23', responseTimeMs: 90_000, responseTimeP90Ms: 120_000, conversations: 4 },
        { week: '2026-11-02', responseTimeMs: 30_000, responseTimeP90Ms: 60_000, conversations: 7 },
      ],
      { from: '2026-11-02', to: '2026-11-29' },
    );
    expect(series.points.map((p) => p.week)).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
    // The largest value is 120 s: the axis reads in minutes.
    expect(series.unit).toBe(' min');
    expect(series.points.map((p) => p.mean)).toEqual([0.5, null, null, 1.5]);
    expect(series.points.map((p) => p.p90)).toEqual([1, null, null, 2]);
    expect(series.points.map((p) => p.conversations)).toEqual([7, 0, 0, 4]);
  });

  test('a period starting mid-week begins with the Monday of that week', () => {
    const series = prepareWeeklyResponse([], { from: '2026-11-04', to: '2026-11-10' });
    expect(series.points.map((p) => p.week)).toEqual(['2026-11-02', '2026-11-09']);
    expect(series.points.every((p) => p.mean === null && p.p90 === null)).toBe(true);
  });
});
