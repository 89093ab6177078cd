import { DAY_MS, EARLIEST_DAY, isDayInRange, latestDay } from './range.ts';

/**
 * Days as 'YYYY-MM-DD', reckoned as whole day numbers so that every loop over a period has a count
 * fixed before it starts. Weeks start on Monday.
 */

/** Why a string is not a day Rapport takes, or null when it is one. */
export function dayProblem(day: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'expected a date as YYYY-MM-DD';
  // Month 13 or day 32 is no date at all (toISOString would throw); Feb 30 rolls over to March.
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(day))
    return 'expected a real calendar date';
  if (!isDayInRange(day, now)) return `expected a date from ${EARLIEST_DAY} to ${latestDay(now)}`;
  return null;
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(day: string): number {
  return Math.round(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS,
  );
}

/** The day a day number names; only years 0000–9999 have a 'YYYY-MM-DD'. */
export function dayOfNumber(n: number): string {
  const iso = new Date(n * DAY_MS).toISOString();
  if (iso.length !== 24) throw new RangeError(`day number ${n} is outside the years 0000–9999`);
  return iso.slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOfNumber(dayNumber(day) + days);
}

/** `to` minus `from` in days (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The earlier of two days ('YYYY-MM-DD' sorts as text). */
export function earlierDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** The Monday on or before a day. */
export function mondayOf(day: string): string {
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: day number 4 is a Monday.
  return dayOfNumber(n - ((((n - 4) % 7) + 7) % 7));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on, on the clocks of a time zone, 'YYYY-MM-DD' (one formatter per zone). */
export function dayIn(timeZone: string, instant: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/** The day it is at `now` on the clocks of a time zone, 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date): string {
  return dayIn(timeZone, now);
}
