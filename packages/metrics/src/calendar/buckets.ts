import { dayNumber, dayOfNumber, mondayOf } from './days.ts';
import type { DayRange } from './period.ts';
import { MAX_PERIOD_DAYS } from './range.ts';

/** How a series over a period is cut: one point per day, or per Monday-started week. */
export type Bucket = 'day' | 'week';

/**
 * The first day of every bucket touching the period: each day, or each Monday-started week. The count
 * is worked out first and bounded, so no period, however wrong, can make this loop run away.
 */
export function bucketsOf(period: DayRange, bucket: Bucket): string[] {
  const step = bucket === 'week' ? 7 : 1;
  const first = dayNumber(bucket === 'week' ? mondayOf(period.from) : period.from);
  const last = dayNumber(period.to);
  const count = last < first ? 0 : Math.floor((last - first) / step) + 1;
  if (!Number.isSafeInteger(count) || count > Math.ceil(MAX_PERIOD_DAYS / step) + 1) {
    throw new RangeError(`period ${period.from}…${period.to} is longer than ${MAX_PERIOD_DAYS} days`);
  }
  return Array.from({ length: count }, (_, i) => dayOfNumber(first + i * step));
}
