/**
 * The days Rapport deals in, at every boundary (API inputs, CLI flags, ingested records): nothing
 * before 2000 and nothing more than a year ahead. Customer-service logs live well inside this range;
 * a date outside it is a typo or an attack (a 9999-12-31 once made one request loop until the
 * process ran out of memory), and refusing it keeps every calendar loop short.
 */
export const EARLIEST_DAY = '2000-01-01';

/** How far past today a day may lie: scheduled follow-ups and promises, not typos. */
export const LATEST_DAY_AHEAD_DAYS = 366;

/** The longest period one request may cover, both ends included: three years and a leap day. */
export const MAX_PERIOD_DAYS = 3 * 365 + 1;

export const DAY_MS = 86_400_000;

/** The last day accepted at `now`: today (UTC) plus LATEST_DAY_AHEAD_DAYS, 'YYYY-MM-DD'. */
export function latestDay(now: Date): string {
  return new Date(now.getTime() + LATEST_DAY_AHEAD_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a 'YYYY-MM-DD' day lies in the accepted range (both ends included). */
export function isDayInRange(day: string, now: Date): boolean {
  return day >= EARLIEST_DAY && day <= latestDay(now);
}

/** Whether an instant's UTC day lies in the accepted range (ingested records' start and end). */
export function isWithinCalendarRange(instant: string, now: Date): boolean {
  return isDayInRange(new Date(instant).toISOString().slice(0, 10), now);
}
