import { formatDuration, formatNumber, formatPercent } from '@rapport/metrics/format';
import { useState } from 'react';
import { Link, withQuery } from '../../lib/router.ts';

type MetricKey =
  | 'firstResponseMs'
  | 'responseTimeMs'
  | 'responseTimeP90Ms'
  | 'handleTimeMs'
  | 'interruptionsPerConversation'
  | 'talkRatio';

export interface AgentRow {
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  conversations: number;
  metrics: Record<MetricKey, number | null>;
}

type SortKey = 'agentName' | 'conversations' | MetricKey;

const COLUMNS: { key: MetricKey; label: string; format: (v: number | null) => string }[] = [
  { key: 'firstResponseMs', label: 'First response', format: formatDuration },
  { key: 'responseTimeMs', label: 'Response time', format: formatDuration },
  { key: 'responseTimeP90Ms', label: 'Response p90', format: formatDuration },
  { key: 'handleTimeMs', label: 'Handle time', format: formatDuration },
  {
    key: 'interruptionsPerConversation',
    label: 'Interruptions / voice call',
    format: (v) => formatNumber(v, 2),
  },
  { key: 'talkRatio', label: 'Agent talk share', format: formatPercent },
];

/**
 * Sortable by any column with the keyboard (the headers are buttons); "no data" sorts last. Each agent's
 * name opens their scorecard.
 */
export function AgentsTable({
  agents,
  period,
  teamNames,
  teamMedians,
  targets,
}: {
  agents: AgentRow[];
  teamNames: ReadonlyMap<string, string>;
  /** Footer rows: the median of the listed agents, and the organisation's target. */
  teamMedians?: Record<MetricKey, number | null>;
  targets?: Record<MetricKey, { direction: 'lower' | 'higher'; value: number } | null>;
  /** Carried into the scorecard links, so the scorecard opens on the same period. */
  period: { from: string; to: string };
}) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'agentName',
    descending: false,
  });
  const value = (a: AgentRow): string | number | null =>
    sort.key === 'agentName'
      ? (a.agentName ?? a.agentId)
      : sort.key === 'conversations'
        ? a.conversations
        : a.metrics[sort.key];
  const sorted = [...agents].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return sort.descending ? -order : order;
  });
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        onClick={() =>
          setSort({ key, descending: sort.key === key ? !sort.descending : key !== 'agentName' })
        }
      >
        {label}
        {sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <div className="table-wrap">
      <table className="agents">
        <caption>Agents: promptness and listening</caption>
        <thead>
          <tr>
            {header('agentName', 'Agent')}
            <th scope="col">Team</th>
            {header('conversations', 'Conversations')}
            {COLUMNS.map((c) => header(c.key, c.label))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <tr key={a.agentId}>
              <th scope="row">
                <Link to={withQuery(`/agents/${encodeURIComponent(a.agentId)}`, period)}>
                  {a.agentName ?? a.agentId}
                </Link>
              </th>
              <td>{a.teamId === null ? 'no team' : (teamNames.get(a.teamId) ?? a.teamId)}</td>
              <td className="num">{a.conversations.toLocaleString()}</td>
              {COLUMNS.map((c) => (
                <td key={c.key} className={a.metrics[c.key] === null ? 'num no-data' : 'num'}>
                  {c.format(a.metrics[c.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {teamMedians && (
          <tfoot>
            <tr>
              <th scope="row">Team median</th>
              <td />
              <td />
              {COLUMNS.map((c) => (
                <td key={c.key} className={teamMedians[c.key] === null ? 'num no-data' : 'num'}>
                  {c.format(teamMedians[c.key])}
                </td>
              ))}
            </tr>
            {targets && (
              <tr>
                <th scope="row">Target</th>
                <td />
                <td />
                {COLUMNS.map((c) => {
                  const target = targets[c.key];
                  return (
                    <td key={c.key} className="num">
                      {target
                        ? `${target.direction === 'lower' ? '≤' : '≥'} ${c.format(target.value)}`
                        : 'none'}
                    </td>
                  );
                })}
              </tr>
            )}
          </tfoot>
        )}
      </table>
    </div>
  );
}
