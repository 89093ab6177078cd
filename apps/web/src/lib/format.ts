import { NO_DATA } from '@rapport/metrics/format';
import type { MetricUnit } from './api-types.ts';

/**
 * What only a browser shows: chart axes, and days and instants in the reader's own locale and zone.
 * Values, durations, counts and sizes are formatted by @rapport/metrics/format, as in every export.
 */

export interface AxisScale {
  /** Appended to every tick and tooltip value: ' s', ' min', ' %' or '' for counts and scores. */
  suffix: string;
  scale: (value: number) => number;
}

/** Durations on an axis in the unit that suits the largest value: seconds, minutes or hours. */
export function durationScale(maxMs: number): AxisScale {
  if (maxMs >= 2 * 3_600_000) return { suffix: ' h', scale: (v) => v / 3_600_000 };
  if (maxMs >= 2 * 60_000) return { suffix: ' min', scale: (v) => v / 60_000 };
  return { suffix: ' s', scale: (v) => v / 1_000 };
}

/** The unit a chart axis shows for a metric, and how a raw value is scaled for it. */
export function chartScale(unit: MetricUnit, maxValue: number): AxisScale {
  switch (unit) {
    case 'ms':
      return durationScale(maxValue);
    case 'ratio':
      return { suffix: ' %', scale: (v) => v * 100 };
    default:
      return { suffix: '', scale: (v) => v };
  }
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 });

/** An axis tick: short, with its unit, so it fits beside the chart without wrapping. */
export function formatTick(value: unknown, suffix: string): string {
  return typeof value === 'number' ? `${compact.format(value)}${suffix}` : '';
}

/** A 'YYYY-MM-DD' day shown in the user's locale, without shifting it across time zones. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** An instant in the user's own time zone (Intl picks it up from the browser). */
export function formatDateTime(iso: string | null): string {
  return iso === null ? NO_DATA : dateTime.format(new Date(iso));
}
