import type { MetricUnit } from '../catalog.ts';

/**
 * How a value reads wherever people read it (the dashboard, the review PDF, the CLI, the real-data
 * report): a missing value is "no data", never 0, and every number carries its unit.
 */
export const NO_DATA = 'no data';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in the unit that suits it: ms below a second, then s, min and h; days from two days on,
 * where hours stop being read at a glance (email and social threads run for days).
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_DATA;
  const size = Math.abs(ms);
  if (size < SECOND) return `${Math.round(ms)} ms`;
  if (size < MINUTE) return `${(ms / SECOND).toFixed(1)} s`;
  if (size < HOUR) return `${(ms / MINUTE).toFixed(1)} min`;
  if (size < 2 * DAY) return `${(ms / HOUR).toFixed(1)} h`;
  return `${(ms / DAY).toFixed(1)} d`;
}

/** A 0–1 share as a percentage, whole by default. */
export function formatPercent(share: number | null, digits = 0): string {
  return share === null ? NO_DATA : `${(share * 100).toFixed(digits)} %`;
}

export function formatNumber(value: number | null, digits = 2): string {
  return value === null ? NO_DATA : value.toFixed(digits);
}

/** A metric value in its catalog unit: durations scaled, shares as percent, rates with their base. */
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

export interface TargetBar {
  direction: 'lower' | 'higher';
  value: number;
}

/**
 * A target as a bar to meet: "≤ 50 %", "≥ 4.00"; in `words`, "max 50 %", "min 4.00", for the PDF,
 * whose built-in fonts have no ≤ or ≥.
 */
export function formatTarget(
  target: TargetBar | null,
  unit: MetricUnit,
  marks: 'symbols' | 'words' = 'symbols',
): string {
  if (target === null) return 'none';
  const lower = target.direction === 'lower';
  const mark = marks === 'symbols' ? (lower ? '≤' : '≥') : lower ? 'max' : 'min';
  return `${mark} ${formatMetric(target.value, unit)}`;
}
