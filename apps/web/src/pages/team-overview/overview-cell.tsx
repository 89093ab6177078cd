import { formatMetric } from '@rapport/metrics/format';
import { formatDay } from '../../lib/format.ts';
import { Link } from '../../lib/router.ts';
import { changeText, columnTitle, drillDownUrl, STATUS_TEXT } from './overview-format.ts';
import type { OverviewCell as Cell, OverviewColumn } from './overview-types.ts';
import { Sparkline } from './sparkline.tsx';

/**
 * One agent's value for one column: the value with its unit and n, the weekly sparkline, whether it
 * meets the target (icon and words, colour only as a third cue) and, when compared, the change. The
 * whole cell opens the conversations behind the number.
 */
export function OverviewCellView({
  agentId,
  agentName,
  column,
  cell,
  period,
  weeks,
  channel,
}: {
  agentId: string;
  agentName: string;
  column: OverviewColumn;
  cell: Cell | undefined;
  period: { from: string; to: string };
  weeks: readonly string[];
  /** The channel filter of the page, carried into the link of a pooled column. */
  channel: string | null;
}) {
  const status = STATUS_TEXT[cell?.status ?? 'no data'];
  const change = cell?.change ? changeText(cell.change, column) : null;
  const value = cell?.value ?? null;
  const first = weeks[0];
  return (
    <Link
      className={`cell status-${(cell?.status ?? 'no data').replace(' ', '-')}`}
      to={drillDownUrl({ agentId, metricId: column.metricId, period, channel: column.channel ?? channel })}
      aria-label={`${agentName}, ${columnTitle(column)}: ${formatMetric(value, column.unit)}, ${status.text}. Open the conversations.`}
    >
      <span className="cell-value">{formatMetric(value, column.unit)}</span>
      <span className="cell-n">n {cell?.n ?? 0}</span>
      {cell && value !== null && (
        <Sparkline
          values={cell.weekly}
          label={`Weekly ${columnTitle(column)}${first ? ` from the week of ${formatDay(first)}` : ''}`}
        />
      )}
      <span className="cell-status">
        <span aria-hidden="true">{status.icon}</span> {status.text}
      </span>
      {change && <span className={`cell-change change-${change.tone}`}>{change.text}</span>}
    </Link>
  );
}
