import { z } from 'zod';
import { EARLIEST_DAY, isDayInRange, latestDay, MAX_PERIOD_DAYS } from './calendar-range.ts';

/**
 * The one calendar of the API: days as 'YYYY-MM-DD', reckoned as whole day numbers so that every
 * loop over a period has a count fixed before it starts.
 */

const DAY_MS = 86_400_000;

/** A calendar day, 'YYYY-MM-DD', that exists and lies in the accepted range (calendar-range.ts). */
export const Day = z.string().superRefine((day, ctx) => {
  const problem = dayProblem(day);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Why a string is not a day Rapport takes, or null when it is one. */
export function dayProblem(day: string, now: Date = new Date()): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'expected a date as YYYY-MM-DD';
  if (!new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)) return 'expected a real calendar date';
  if (!isDayInRange(day, now)) return `expected a date from ${EARLIEST_DAY} to ${latestDay(now)}`;
  return null;
}

/** The rules of a period of valid days, for every input that has `from` and `to`. */
export function checkPeriod(r: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (r.from > r.to) {
    ctx.addIssue({ code: 'custom', message: '"from" must not be after "to"', path: ['from'] });
  } else if (daysBetween(r.from, r.to) >= MAX_PERIOD_DAYS) {
    ctx.addIssue({
      code: 'custom',
      message: `a period covers at most ${MAX_PERIOD_DAYS} days (3 years); choose a shorter one`,
      path: ['to'],
    });
  }
}

export const DayRangeInput = z.object({ from: Day, to: Day }).superRefine(checkPeriod);

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

/** The Monday on or before a day (weeks start on Monday). */
export function mondayOf(day: string): string {
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: day number 4 is a Monday.
  return dayOfNumber(n - ((((n - 4) % 7) + 7) % 7));
}

/**
 * The first day of every bucket touching the period: each day, or each Monday-started week. The count
 * is worked out first and bounded, so no period, however wrong, can make this loop run away.
 */
export function bucketsOf(period: { from: string; to: string }, bucket: 'day' | 'week'): string[] {
  const step = bucket === 'week' ? 7 : 1;
  const first = dayNumber(bucket === 'week' ? mondayOf(period.from) : period.from);
  const last = dayNumber(period.to);
  const count = last < first ? 0 : Math.floor((last - first) / step) + 1;
  if (!Number.isSafeInteger(count) || count > Math.ceil(MAX_PERIOD_DAYS / step) + 1) {
    throw new RangeError(`period ${period.from}…${period.to} is longer than ${MAX_PERIOD_DAYS} days`);
  }
  return Array.from({ length: count }, (_, i) => dayOfNumber(first + i * step));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, 'YYYY-MM-DD' (the formatter is made once per zone). */
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

/** Today's date in a time zone, 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayIn(timeZone, now);
}

/** The period a command means: given ends, else the 30 days ending `to` (default: today). */
export function resolvePeriod(
  from: string | undefined,
  to: string | undefined,
  today: string,
): z.ZodSafeParseResult<{ from: string; to: string }> {
  const ends = z.object({ from: Day.optional(), to: Day.optional() }).safeParse({ from, to });
  if (!ends.success) return ends as z.ZodSafeParseResult<{ from: string; to: string }>;
  const end = to ?? (from ? dayOfNumber(Math.min(dayNumber(from) + 29, dayNumber(latestDay()))) : today);
  return DayRangeInput.safeParse({ from: from ?? thirtyDaysEnding(end), to: end });
}

/** The first day of the 30 days ending `to`, not before the earliest day accepted. */
export function thirtyDaysEnding(to: string): string {
  return dayOfNumber(Math.max(dayNumber(to) - 29, dayNumber(EARLIEST_DAY)));
}
