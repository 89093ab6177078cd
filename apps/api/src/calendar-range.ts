/**
 * The days Rapport accepts, at every boundary (API inputs, CLI flags, ingested records): from
 * 2000-01-01 to one year after today. Beyond them a date is a typo or an attack (year 9999 made the
 * bucket loop of a trend never end), never a conversation.
 */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY_AHEAD_DAYS = 365;

/** The last accepted day (UTC) for a given now. */
export function latestDay(now: Date = new Date()): string {
  return new Date(now.getTime() + LATEST_DAY_AHEAD_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** Whether an instant's UTC day lies within the accepted days. */
export function isWithinCalendarRange(instant: string, now: Date = new Date()): boolean {
  const day = new Date(instant).toISOString().slice(0, 10);
  return day >= EARLIEST_DAY && day <= latestDay(now);
}
