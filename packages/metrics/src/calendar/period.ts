import { dayNumber, dayOfNumber, dayProblem, daysBetween, todayIn } from './days.ts';
import { EARLIEST_DAY, MAX_PERIOD_DAYS } from './range.ts';

/** Whole days, both ends included, in the organisation's time zone: 'YYYY-MM-DD'. */
export interface DayRange {
  from: string;
  to: string;
}

/** How long a period is when only its end is known. */
export const DEFAULT_PERIOD_DAYS = 30;

/** What is wrong with an end of a period, named by the end (a CLI flag, an input field). */
export interface PeriodProblem {
  field: 'from' | 'to';
  message: string;
}

export type PeriodResolution = { ok: true; period: DayRange } | { ok: false; problems: PeriodProblem[] };

/** Why two valid days do not make a period, or null when they do. */
export function periodProblem(period: DayRange): PeriodProblem | null {
  if (period.from > period.to) return { field: 'from', message: '"from" must not be after "to"' };
  if (daysBetween(period.from, period.to) >= MAX_PERIOD_DAYS) {
    return {
      field: 'to',
      message: `a period covers at most ${MAX_PERIOD_DAYS} days (3 years); choose a shorter one`,
    };
  }
  return null;
}

/** The first day of the DEFAULT_PERIOD_DAYS ending `to`, not before the earliest day accepted. */
export function defaultFrom(to: string): string {
  return dayOfNumber(Math.max(dayNumber(to) - (DEFAULT_PERIOD_DAYS - 1), dayNumber(EARLIEST_DAY)));
}

/**
 * The period that a dashboard request and a CLI command alike mean by the ends they were given. A
 * missing `to` is the organisation's latest day with data, so that "no dates" shows the newest data
 * at once however old the import, or today on the organisation's clocks (`timeZone`) when there is
 * no data yet; a missing `from` is DEFAULT_PERIOD_DAYS before `to`. With `to` given, `latestDataDay`
 * and `timeZone` are not read.
 */
export function resolvePeriod(
  ends: { from?: string | undefined; to?: string | undefined },
  context: { now: Date; latestDataDay: string | null; timeZone: string },
): PeriodResolution {
  const problems: PeriodProblem[] = [];
  for (const field of ['from', 'to'] as const) {
    const day = ends[field];
    const message = day === undefined ? null : dayProblem(day, context.now);
    if (message) problems.push({ field, message });
  }
  if (problems.length > 0) return { ok: false, problems };
  const to = ends.to ?? context.latestDataDay ?? todayIn(context.timeZone, context.now);
  const period = { from: ends.from ?? defaultFrom(to), to };
  const problem = periodProblem(period);
  if (problem === null) return { ok: true, period };
  if (ends.to === undefined && problem.field === 'from') {
    const why = context.latestDataDay === null ? 'today' : 'the latest day with data';
    problem.message = `"from" must not be after "to", which defaults to ${to}, ${why}`;
  }
  return { ok: false, problems: [problem] };
}
