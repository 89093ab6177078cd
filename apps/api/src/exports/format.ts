import { METRICS, type MetricId } from '@rapport/metrics';

/** Values as the review packet prints them, in the dashboard's conventions (apps/web/src/lib/format.ts). */
export const NO_DATA = 'no data';

const UNITS = new Map<MetricId, (typeof METRICS)[number]['unit']>(METRICS.map((m) => [m.id, m.unit]));

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A metric value with its unit; null reads "no data", never 0. */
export function formatMetricValue(id: MetricId, value: number | null): string {
  if (value === null) return NO_DATA;
  switch (UNITS.get(id)) {
    case 'ms':
      return formatDuration(value);
    case 'ratio':
      return `${(value * 100).toFixed(0)} %`;
    case 'per conversation':
      return `${value.toFixed(2)} per conv.`;
    case 'per 100 words':
      return `${value.toFixed(2)} / 100 words`;
    case 'words':
      return `${value.toFixed(1)} words`;
    case 'per day':
      return `${value.toFixed(1)} per day`;
    default:
      return value.toFixed(2);
  }
}

/** `2026-11-25 14:03 (Europe/Berlin)`: an instant as the organisation's clocks showed it. */
export function formatInstant(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}
