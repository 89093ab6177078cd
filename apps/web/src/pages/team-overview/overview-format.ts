import {
  formatCount,
  formatMetric,
  formatPercent,
  formatTarget,
  NO_DATA,
  spreadsheetUnit,
} from '@rapport/metrics/format';
import { withQuery } from '../../lib/router.ts';
import type { OverviewCell, OverviewColumn, OverviewOpportunity, OverviewReview } from './overview-types.ts';

/**
 * How the overview's cells read, in words as well as colour: the table, the phone cards and the CSV
 * use these, so they never say different things.
 */

/** "Response time · chat": a per-channel column names its channel. */
export function columnTitle(column: OverviewColumn): string {
  return column.channel === null ? column.label : `${column.label} · ${column.channel}`;
}

export function targetText(column: OverviewColumn): string {
  if (column.target === null) return 'no target';
  return `${formatTarget(column.target, column.unit)} (${column.targetSource ?? 'target'})`;
}

export const STATUS_TEXT: Readonly<Record<OverviewCell['status'], { icon: string; text: string }>> = {
  meets: { icon: '✓', text: 'meets target' },
  misses: { icon: '✗', text: 'misses target' },
  'no target': { icon: '–', text: 'no target' },
  'no data': { icon: '–', text: NO_DATA },
};

const TREND_TEXT: Readonly<Record<OverviewOpportunity['trend'], string>> = {
  worsening: '↓ worsening',
  improving: '↑ improving',
  steady: '→ steady',
  'not enough data': '· too few weeks',
};

export function trendText(trend: OverviewOpportunity['trend']): string {
  return TREND_TEXT[trend];
}

/** A difference in the column's unit with its sign: "+10.0 s", "−12 pts" (shares in percentage points). */
export function formatDifference(difference: number, unit: OverviewColumn['unit']): string {
  const sign = difference > 0 ? '+' : difference < 0 ? '−' : '±';
  const size = Math.abs(difference);
  if (unit === 'ratio') return `${sign}${(size * 100).toFixed(0)} pts`;
  return `${sign}${formatMetric(size, unit)}`;
}

export type ChangeTone = 'better' | 'worse' | 'neutral' | 'none';

/** The change beside a value: a real change says which way and whether that is better; noise says so. */
export function changeText(
  change: NonNullable<OverviewCell['change']>,
  column: OverviewColumn,
): { text: string; tone: ChangeTone } {
  if (change.difference === null) return { text: 'no earlier data', tone: 'none' };
  const difference = formatDifference(change.difference, column.unit);
  switch (change.verdict) {
    case 'within noise':
      return { text: `≈ ${difference}, within noise`, tone: 'none' };
    case 'not tested':
      return { text: `${difference}, not tested`, tone: 'none' };
    case 'up':
    case 'down': {
      const arrow = change.verdict === 'up' ? '▲' : '▼';
      const better =
        column.better === null ? null : (change.verdict === 'down') === (column.better === 'lower');
      const tone = better === null ? 'neutral' : better ? 'better' : 'worse';
      const word = better === null ? 'changed' : better ? 'better' : 'worse';
      return { text: `${arrow} ${difference}, ${word}`, tone };
    }
  }
}

/** Where a number's conversations are listed: the search page's URL contract. */
export function drillDownUrl(input: {
  agentId: string;
  metricId: string;
  period: { from: string; to: string };
  channel: string | null;
}): string {
  return withQuery('/conversations', {
    agent: input.agentId,
    metric: input.metricId,
    from: input.period.from,
    to: input.period.to,
    channel: input.channel,
  });
}

/** A spreadsheet's view of a value: a plain number in the heading's unit, or empty for no data. */
export function spreadsheetValue(value: number | null, unit: OverviewColumn['unit']): number | null {
  return spreadsheetUnit(unit).value(value);
}

/** An agent's human reviews in words: "84 % over 3 reviews · 1 auto-failed", or "no reviews". */
export function reviewText(review: OverviewReview | undefined): string {
  if (!review || review.reviews === 0) return 'no reviews';
  const failed = review.autoFailed > 0 ? ` · ${review.autoFailed} auto-failed` : '';
  return `${formatPercent(review.meanScore)} over ${formatCount(review.reviews, 'review')}${failed}`;
}
