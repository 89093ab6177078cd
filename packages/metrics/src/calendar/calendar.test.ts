import { describe, expect, test } from 'vitest';
import {
  addDays,
  bucketsOf,
  dayProblem,
  daysBetween,
  defaultFrom,
  earlierDay,
  isWithinCalendarRange,
  latestDay,
  mondayOf,
  periodProblem,
  resolvePeriod,
  todayIn,
} from './index.ts';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('days', () => {
  test.each([
    ['2026-11-30', 1, '2026-12-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2000-01-01', 366, '2001-01-01'], // 2000 is a leap year
    ['2026-03-29', 0, '2026-03-29'],
  ])('%s plus %i days is %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  test('a day past the year 9999 is an error, never "+010000-01-01"', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  test.each([
    ['2026-11-30', '2026-11-30'], // a Monday
    ['2026-12-06', '2026-11-30'], // the Sunday after
    ['2026-12-01', '2026-11-30'],
    ['1970-01-01', '1969-12-29'], // a Thursday
    ['2021-01-03', '2020-12-28'], // weeks cross the year
  ])('the Monday of %s is %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });

  test('the earlier of two days', () => {
    expect(earlierDay('2026-11-09', '2026-10-31')).toBe('2026-10-31');
    expect(earlierDay('2026-10-31', '2026-11-09')).toBe('2026-10-31');
  });

  test.each([
    ['UTC', '2026-11-30T23:30:00Z', '2026-11-30'],
    ['Europe/Berlin', '2026-11-30T23:30:00Z', '2026-12-01'], // UTC+1 in winter
    ['America/New_York', '2026-12-01T03:00:00Z', '2026-11-30'], // UTC-5
    ['Pacific/Kiritimati', '2026-11-30T10:00:00Z', '2026-12-01'], // UTC+14
  ])('in %s at %s it is %s', (zone, at, day) => {
    expect(todayIn(zone, new Date(at))).toBe(day);
  });
});

describe('the accepted range', () => {
  test('ends 366 days after today (UTC)', () => {
    expect(latestDay(NOW)).toBe('2027-12-02');
  });

  test.each([
    ['9999-12-31', 'expected a date from 2000-01-01 to 2027-12-02'],
    ['0001-01-01', 'expected a date from 2000-01-01 to 2027-12-02'],
    ['1999-12-31', 'expected a date from 2000-01-01 to 2027-12-02'],
    ['2027-12-03', 'expected a date from 2000-01-01 to 2027-12-02'],
    ['2026-02-30', 'expected a real calendar date'],
    ['2026-13-01', 'expected a real calendar date'],
    ['2026-11-32', 'expected a real calendar date'],
    ['2026-1-01', 'expected a date as YYYY-MM-DD'],
    [`2026-01-01${'x'.repeat(20)}`, 'expected a date as YYYY-MM-DD'],
  ])('%s: %s', (day, problem) => {
    expect(dayProblem(day, NOW)).toBe(problem);
  });

  test.each(['2000-01-01', '2027-12-02', '2026-11-30', '2024-02-29'])('%s is a day Rapport takes', (day) => {
    expect(dayProblem(day, NOW)).toBeNull();
  });

  test('instants are judged by their UTC day', () => {
    expect(isWithinCalendarRange('2027-12-02T23:59:59Z', NOW)).toBe(true);
    expect(isWithinCalendarRange('2027-12-03T00:00:00Z', NOW)).toBe(false);
    expect(isWithinCalendarRange('1999-12-31T23:59:59Z', NOW)).toBe(false);
  });
});

describe('buckets', () => {
  test('cover the period, a week touching it included', () => {
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
    expect(bucketsOf({ from: '2026-11-30', to: '2026-11-30' }, 'week')).toEqual(['2026-11-30']);
    expect(bucketsOf({ from: '2026-11-02', to: '2026-11-01' }, 'day')).toEqual([]);
  });

  test('a period too long for any request is refused before a single bucket is made', () => {
    const started = Date.now();
    expect(() => bucketsOf({ from: '0001-01-01', to: '9999-12-31' }, 'day')).toThrow(RangeError);
    expect(() => bucketsOf({ from: '2000-01-01', to: '9999-12-31' }, 'week')).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe('periods', () => {
  test('a period has its ends in order and covers at most 1096 days', () => {
    expect(periodProblem({ from: '2026-11-02', to: '2026-11-01' })).toEqual({
      field: 'from',
      message: '"from" must not be after "to"',
    });
    // 2020-01-01 plus 1095 days is 2022-12-31 (2020 has a leap day): 1096 days, both ends included.
    expect(periodProblem({ from: '2020-01-01', to: '2022-12-31' })).toBeNull();
    expect(periodProblem({ from: '2020-01-01', to: '2023-01-01' })).toEqual({
      field: 'to',
      message: 'a period covers at most 1096 days (3 years); choose a shorter one',
    });
  });

  test('the default start is 29 days before the end, never before 2000-01-01', () => {
    expect(defaultFrom('2026-11-30')).toBe('2026-11-01');
    expect(defaultFrom('2000-01-10')).toBe('2000-01-01');
  });

  const withData = { now: NOW, latestDataDay: '2026-11-20', timeZone: 'Europe/Berlin' };
  const noData = { now: new Date('2026-11-30T23:30:00Z'), latestDataDay: null, timeZone: 'Europe/Berlin' };

  test.each([
    [
      'no dates: the 30 days up to the latest day with data',
      {},
      withData,
      { from: '2026-10-22', to: '2026-11-20' },
    ],
    [
      'no dates and no data: the 30 days up to today on the organisation’s clocks',
      {},
      noData,
      { from: '2026-11-02', to: '2026-12-01' },
    ],
    [
      'only "to": the 30 days ending there',
      { to: '2026-11-30' },
      withData,
      { from: '2026-11-01', to: '2026-11-30' },
    ],
    [
      'only "from": up to the latest day with data',
      { from: '2026-11-01' },
      withData,
      { from: '2026-11-01', to: '2026-11-20' },
    ],
    [
      'both: as given',
      { from: '2026-01-05', to: '2026-02-05' },
      withData,
      { from: '2026-01-05', to: '2026-02-05' },
    ],
    [
      'an end near 2000: not before the earliest day',
      { to: '2000-01-10' },
      withData,
      { from: '2000-01-01', to: '2000-01-10' },
    ],
  ])('%s', (_, ends, context, period) => {
    expect(resolvePeriod(ends, context)).toEqual({ ok: true, period });
  });

  test('each bad end is named, both at once', () => {
    expect(resolvePeriod({ from: '9999-12-31', to: '2026-02-30' }, withData)).toEqual({
      ok: false,
      problems: [
        { field: 'from', message: 'expected a date from 2000-01-01 to 2027-12-02' },
        { field: 'to', message: 'expected a real calendar date' },
      ],
    });
  });

  test('a "from" after the default "to" says what "to" defaulted to', () => {
    expect(resolvePeriod({ from: '2026-11-25' }, withData)).toEqual({
      ok: false,
      problems: [
        {
          field: 'from',
          message: '"from" must not be after "to", which defaults to 2026-11-20, the latest day with data',
        },
      ],
    });
    expect(resolvePeriod({ from: '2026-12-05' }, noData)).toEqual({
      ok: false,
      problems: [
        { field: 'from', message: '"from" must not be after "to", which defaults to 2026-12-01, today' },
      ],
    });
  });

  test('a given period too long is refused at its "to"', () => {
    expect(resolvePeriod({ from: '2000-01-01', to: '2026-11-30' }, withData)).toEqual({
      ok: false,
      problems: [
        { field: 'to', message: 'a period covers at most 1096 days (3 years); choose a shorter one' },
      ],
    });
  });
});
