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

/** A 'YYYY-MM-DD' day shown in the user's locale, without shifting it across time zones. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
