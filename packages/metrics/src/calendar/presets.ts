import { addDays, dayNumber, dayOfNumber, daysBetween, earlierDay, mondayOf } from './days.ts';
import type { DayRange } from './period.ts';

/**
 * The period presets a supervisor picks from. Each is read on the organisation's clocks: `today` is
 * `todayIn(timeZone, now)`, so "this week" starts on the organisation's Monday, not the server's.
 */
export const PERIOD_PRESETS = [
  'last7',
  'last30',
  'last90',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
] as const;

export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** How the product names each preset. */
export const PRESET_LABELS: Readonly<Record<PeriodPreset, string>> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  thisWeek: 'This week',
  lastWeek: 'Last week',
  thisMonth: 'This month',
  lastMonth: 'Last month',
};

/** The first day of the month a day falls in. */
export function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The last day of the month a day falls in. */
export function lastOfMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/**
 * The days a preset covers, both ends included. "Last N days" ends today and holds N days; "this week"
 * and "this month" run from their first day to today (so far); "last week" and "last month" are the
 * whole previous calendar week (Monday to Sunday) or month.
 */
export function presetPeriod(preset: PeriodPreset, today: string): DayRange {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisWeek':
      return { from: mondayOf(today), to: today };
    case 'lastWeek': {
      const monday = addDays(mondayOf(today), -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'thisMonth':
      return { from: firstOfMonth(today), to: today };
    case 'lastMonth': {
      const last = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(last), to: last };
    }
  }
}

/**
 * The period a comparison sets beside `period`. Whole calendar months (a "last month") compare with the
 * month before, whatever its length; a month so far ("this month" on the 10th) with the same days of
 * the month before, cut at its end (1–30 March 2026 compares with 1–28 February). Everything else compares
 * with the span of the same length that ends the day before it starts, so both hold as many Mondays,
 * weekends and days.
 */
export function previousPeriod(period: DayRange): DayRange {
  const startsMonth = period.from === firstOfMonth(period.from);
  const sameMonth = period.from.slice(0, 7) === period.to.slice(0, 7);
  if (startsMonth && sameMonth) {
    const previousFirst = firstOfMonth(addDays(period.from, -1));
    const previousLast = lastOfMonth(previousFirst);
    if (period.to === lastOfMonth(period.to)) return { from: previousFirst, to: previousLast };
    const sameDay = addDays(previousFirst, daysBetween(period.from, period.to));
    return { from: previousFirst, to: earlierDay(sameDay, previousLast) };
  }
  const length = daysBetween(period.from, period.to) + 1;
  return { from: dayOfNumber(dayNumber(period.from) - length), to: addDays(period.from, -1) };
}
