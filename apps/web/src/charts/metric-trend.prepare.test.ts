import { describe, expect, test } from 'vitest';
import { prepareMetricTrend } from './metric-trend.prepare.ts';

describe('prepareMetricTrend', () => {
  test('keeps weeks without data as gaps, never zeros, and sorts by week', () => {
    const series = prepareMetricTrend(
      [
        { period: '2026-11-09', agent: null, agentN: 0, team: 0.5 },
        { period: '2026-11-02', agent: 0.25, agentN: 4, team: null },
      ],
      'ratio',
    );
    expect(series.points.map((p) => p.period)).toEqual(['2026-11-02', '2026-11-09']);
    expect(series.points.map((p) => p.agent)).toEqual([25, null]);
    expect(series.points.map((p) => p.team)).toEqual([null, 50]);
    expect(series.unit).toBe(' %');
    expect(series.agentWeeks).toBe(1);
  });
});
