import type { MetricUnit } from './api-types.ts';

/** Display helpers: a missing value reads "no data", never 0; every number carries its unit. */
export const NO_DATA = 'no data';

export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_DATA;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? NO_DATA : `${(ratio * 100).toFixed(0)} %`;
}

export function formatNumber(value: number | null, digits = 2): string {
  return value === null ? NO_DATA : value.toFixed(digits);
}

/** A metric value in the catalog's unit: durations scaled, shares as percent, rates with their base. */
export function formatMetric(value: number | null, unit: MetricUnit): string {
  if (value === null) return NO_DATA;
  switch (unit) {
    case 'ms':
      return formatDuration(value);
    case 'ratio':
      return formatPercent(value);
    case 'per conversation':
      return `${value.toFixed(2)} per conversation`;
    case 'per 100 words':
      return `${value.toFixed(2)} per 100 words`;
    case 'words':
      return `${value.toFixed(1)} words`;
    case 'score':
      return value.toFixed(2);
    case 'per day':
      return `${value.toFixed(1)} per day`;
  }
}

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

/** A target as a bar to meet: "≤ 50 %", "≥ 4.00". */
export function formatTarget(
  target: { direction: 'lower' | 'higher'; value: number } | null,
  unit: MetricUnit,
) {
  if (target === null) return 'none';
  return `${target.direction === 'lower' ? '≤' : '≥'} ${formatMetric(target.value, unit)}`;
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

/** An offset into a conversation, "m:ss". */
export function formatOffset(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
