import { describe, expect, test } from 'vitest';
import { type PeriodPreset, presetPeriod, previousPeriod } from './index.ts';

// 2026-12-02 is a Wednesday; 2026-11-30 the Monday of its week.
const TODAY = '2026-12-02';

describe('period presets', () => {
  test.each<[PeriodPreset, string, string]>([
    ['last7', '2026-11-26', '2026-12-02'], // 26, 27, 28, 29, 30, 1, 2: seven days
    ['last30', '2026-11-03', '2026-12-02'], // 28 days of November from the 3rd, then 1 and 2 December
    ['last90', '2026-09-04', '2026-12-02'], // 27 of September, 31 of October, 30 of November, 2
    ['thisWeek', '2026-11-30', '2026-12-02'],
    ['lastWeek', '2026-11-23', '2026-11-29'],
    ['thisMonth', '2026-12-01', '2026-12-02'],
    ['lastMonth', '2026-11-01', '2026-11-30'],
  ])('%s on %s … %s', (preset, from, to) => {
    expect(presetPeriod(preset, TODAY)).toEqual({ from, to });
  });

  test('across a year and a leap day', () => {
    expect(presetPeriod('lastMonth', '2024-03-15')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetPeriod('lastMonth', '2027-01-04')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    // 2027-01-03 is a Sunday: its week started on Monday 2026-12-28.
    expect(presetPeriod('thisWeek', '2027-01-03')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
});

describe('the previous period', () => {
  test.each([
    ['seven days: the seven before', '2026-11-26', '2026-12-02', '2026-11-19', '2026-11-25'],
    [
      'a week so far: the same weekdays a week earlier',
      '2026-11-30',
      '2026-12-02',
      '2026-11-27',
      '2026-11-29',
    ],
    ['a whole week: the week before', '2026-11-23', '2026-11-29', '2026-11-16', '2026-11-22'],
    ['a whole month: the month before', '2026-11-01', '2026-11-30', '2026-10-01', '2026-10-31'],
    ['a 31-day month after a 30-day one', '2026-12-01', '2026-12-31', '2026-11-01', '2026-11-30'],
    [
      'a month so far: the same days of the month before',
      '2026-12-01',
      '2026-12-02',
      '2026-11-01',
      '2026-11-02',
    ],
    ['30 March so far: February cut at its end', '2026-03-01', '2026-03-30', '2026-02-01', '2026-02-28'],
    ['thirty days across months', '2026-11-03', '2026-12-02', '2026-10-04', '2026-11-02'],
  ])('%s', (_, from, to, previousFrom, previousTo) => {
    expect(previousPeriod({ from, to })).toEqual({ from: previousFrom, to: previousTo });
  });
});
