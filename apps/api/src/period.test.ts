import { describe, expect, test } from 'vitest';
import { EARLIEST_DAY, latestDay, MAX_PERIOD_DAYS } from './calendar-range.ts';
import { addDays, bucketsOf, Day, DayRangeInput, daysBetween, mondayOf, resolvePeriod } from './period.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('the calendar', () => {
  test.each([
    ['2026-11-30', 1, '2026-12-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2000-01-01', 366, '2001-01-01'],
  ])('%s plus %i days is %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  test('a day past the year 9999 is an error, never "+010000-01-01"', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  test.each([
    ['2026-11-30', '2026-11-30'],
    ['2026-12-06', '2026-11-30'],
    ['2026-12-01', '2026-11-30'],
    ['1970-01-01', '1969-12-29'],
  ])('the Monday of %s is %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });

  test('buckets cover the period, a week touching it included', () => {
    expect(bucketsOf({ from: '2026-11-04', to: '2026-11-17' }, 'week')).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(bucketsOf({ from: '2026-11-29', to: '2026-12-01' }, 'day')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(bucketsOf({ from: '2026-11-02', to: '2026-11-01' }, 'day')).toEqual([]);
  });

  test('a period too long for any request is refused before a single bucket is made', () => {
    const started = Date.now();
    expect(() => bucketsOf({ from: '0001-01-01', to: '9999-12-31' }, 'day')).toThrow(RangeError);
    expect(() => bucketsOf({ from: '2000-01-01', to: '9999-12-31' }, 'week')).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe('days and periods at the boundary', () => {
  test.each([
    '9999-12-31',
    '0001-01-01',
    '1999-12-31',
    addDays(latestDay(), 1),
    '2026-02-30',
    '2026-1-01',
    `2026-01-01${'x'.repeat(20)}`,
  ])('%s is not a day Rapport takes', (day) => {
    expect(Day.safeParse(day).success).toBe(false);
  });

  test.each([EARLIEST_DAY, latestDay(), '2026-11-30'])('%s is', (day) => {
    expect(Day.safeParse(day).success).toBe(true);
  });

  test('the accepted range ends a year after today', () => {
    expect(latestDay(NOW)).toBe('2027-12-02');
  });

  test('a period covers at most three years', () => {
    const from = '2020-01-01';
    expect(DayRangeInput.safeParse({ from, to: addDays(from, MAX_PERIOD_DAYS - 1) }).success).toBe(true);
    const tooLong = DayRangeInput.safeParse({ from, to: addDays(from, MAX_PERIOD_DAYS) });
    expect(tooLong.error?.issues[0]?.message).toMatch(/at most 1096 days/);
  });

  test('the default period never starts before the earliest day', () => {
    expect(resolvePeriod(undefined, '2000-01-10', '2026-12-01').data).toEqual({
      from: EARLIEST_DAY,
      to: '2000-01-10',
    });
    expect(resolvePeriod('9999-12-31', undefined, '2026-12-01').success).toBe(false);
  });
});
