import { formatMetric, NO_DATA } from '@rapport/metrics/format';
import type { MetricId, MetricUnit, RouterOutputs } from '../../lib/api-types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { evidenceLabel, metricLabel } from '../../lib/metrics.ts';
import { Link, withQuery } from '../../lib/router.ts';

export type SearchRow = RouterOutputs['conversations']['search']['rows'][number];
export type SortKey = RouterOutputs['conversations']['search']['sort'];
export type SortOrder = RouterOutputs['conversations']['search']['order'];

export interface Column {
  key: SortKey;
  title: string;
  className?: string;
}

/** The columns shown, in order: the metric's value only when a metric is searched, the agent only for supervisors. */
export function searchColumns(options: { metric: MetricId | undefined; showAgent: boolean }): Column[] {
  return [
    { key: 'started', title: 'Started' },
    ...(options.showAgent ? [{ key: 'agent', title: 'Agent' } as const] : []),
    { key: 'channel', title: 'Channel' },
    { key: 'customer', title: 'Customer' },
    { key: 'csat', title: 'CSAT', className: 'num' },
    ...(options.metric
      ? [{ key: 'value', title: metricLabel(options.metric), className: 'num' } as const]
      : []),
    { key: 'flags', title: 'Flags', className: 'wrap' },
  ];
}

/**
 * Renders only: one row per conversation, saying why it is there — its value of the searched metric,
 * which flags it carries, the customer and CSAT, and the words around the first text match. Every
 * column header is a button that sorts by it (on the server, since results come in pages).
 */
export function ResultsTable({
  rows,
  columns,
  unit,
  sort,
  order,
  onSort,
  searched,
}: {
  rows: readonly SearchRow[];
  columns: readonly Column[];
  unit: MetricUnit | null;
  sort: SortKey;
  order: SortOrder;
  onSort: (key: SortKey) => void;
  /** The searched text: carried to the conversation, which highlights it. */
  searched: string | undefined;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table conversations">
        <caption className="visually-hidden">
          Conversations, sorted by {columns.find((c) => c.key === sort)?.title}
        </caption>
        <thead>
          <tr>
            <th scope="col">Conversation</th>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.className}
                aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="sort" onClick={() => onSort(c.key)}>
                  {c.title}
                  {sort === c.key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
            {searched && <th scope="col">Match</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={conversationHref(r, searched)}>{r.id}</Link>
              </th>
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  <Cell row={r} column={c.key} unit={unit} />
                </td>
              ))}
              {searched && (
                <td className="wrap snippet">
                  {r.snippet ? <Snippet snippet={r.snippet} /> : <span className="muted">{NO_DATA}</span>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The conversation, at the turn that matched and with the searched words highlighted. */
export function conversationHref(row: SearchRow, searched: string | undefined): string {
  const path = withQuery(`/conversations/${encodeURIComponent(row.id)}`, { q: searched });
  return row.snippet ? `${path}#turn-${row.snippet.turnIndex}` : path;
}

function Cell({ row, column, unit }: { row: SearchRow; column: SortKey; unit: MetricUnit | null }) {
  switch (column) {
    case 'started':
      return <time dateTime={row.startedAt}>{formatDateTime(row.startedAt)}</time>;
    case 'agent':
      return <>{row.agentName ?? row.agentId}</>;
    case 'channel':
      return <>{row.channel}</>;
    case 'customer':
      return row.customerName ? row.customerName : <span className="muted">{NO_DATA}</span>;
    case 'csat':
      return row.csat === null ? <span className="muted">{NO_DATA}</span> : row.csat;
    case 'value':
      return <>{unit ? formatMetric(row.value, unit) : NO_DATA}</>;
    case 'flags':
      return row.flaggedFor.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        <ul className="flag-chips">
          {row.flaggedFor.map((f) => (
            <li key={f.metric} data-metric={f.metric}>
              {evidenceLabel(f.metric)}
              {f.count > 1 && ` × ${f.count}`}
            </li>
          ))}
        </ul>
      );
  }
}

function Snippet({ snippet }: { snippet: NonNullable<SearchRow['snippet']> }) {
  if (!snippet.match) return <span>{snippet.text}</span>;
  const [start, end] = snippet.match;
  return (
    <span>
      {snippet.text.slice(0, start)}
      <mark className="search-hit">{snippet.text.slice(start, end)}</mark>
      {snippet.text.slice(end)}
    </span>
  );
}

/** What is shown, as CSV cells: the same columns, values in the page's words and units. */
export function csvOfRows(
  rows: readonly SearchRow[],
  columns: readonly Column[],
  unit: MetricUnit | null,
  searched: string | undefined,
): { header: string[]; cells: (string | number | null)[][] } {
  const header = ['Conversation', ...columns.map((c) => c.title), ...(searched ? ['Match'] : [])];
  const cells = rows.map((r) => [
    r.id,
    ...columns.map((c) => csvValue(r, c.key, unit)),
    ...(searched ? [r.snippet?.text ?? null] : []),
  ]);
  return { header, cells };
}

function csvValue(r: SearchRow, key: SortKey, unit: MetricUnit | null): string | number | null {
  switch (key) {
    case 'started':
      return r.startedAt;
    case 'agent':
      return r.agentName ?? r.agentId;
    case 'channel':
      return r.channel;
    case 'customer':
      return r.customerName;
    case 'csat':
      return r.csat;
    case 'value':
      return unit && r.value !== null ? formatMetric(r.value, unit) : null;
    case 'flags':
      return r.flaggedFor.map((f) => `${evidenceLabel(f.metric)} × ${f.count}`).join('; ') || null;
  }
}
