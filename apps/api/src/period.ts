import { z } from 'zod';

/** A calendar day, 'YYYY-MM-DD', that exists. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'expected a real calendar date');

export const DayRangeInput = z
  .object({ from: Day, to: Day })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['from'] });

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today's date in a time zone, 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The period a command means: given ends, else the 30 days ending `to` (default: today). */
export function resolvePeriod(from: string | undefined, to: string | undefined, today: string) {
  const end = to ?? (from ? addDays(from, 29) : today);
  return DayRangeInput.parse({ from: from ?? addDays(end, -29), to: end });
}
