import { describePeerMedian, formatMetric } from '@rapport/metrics/format';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { METRIC_GROUPS } from '../../lib/metrics.ts';
import { Link, withQuery } from '../../lib/router.ts';
import { OpportunityList } from './opportunity-list.tsx';
import { OverviewCellView } from './overview-cell.tsx';
import { columnTitle, reviewText, targetText } from './overview-format.ts';
import type { SortKey } from './overview-state.ts';
import type { Overview, OverviewAgent } from './overview-types.ts';

export interface TableProps {
  overview: Overview;
  /** The rows in the order shown. */
  agents: readonly OverviewAgent[];
  teamName: (teamId: string | null) => string;
  sort: SortKey;
  descending: boolean;
  onSort: (key: SortKey) => void;
}

/** The scorecard of an agent, on the same period. */
export function scorecardUrl(agentId: string, period: { from: string; to: string }): string {
  return withQuery(`/agents/${encodeURIComponent(agentId)}`, period);
}

/**
 * One row per agent: name (the sticky first column), the attention ranking, top opportunities,
 * conversations and human reviews, then a column group per metric group of the registry. Headers are buttons, so every column sorts from the
 * keyboard; "no data" sorts last.
 */
export function AgentsTable({ overview, agents, teamName, sort, descending, onSort }: TableProps) {
  const groups = METRIC_GROUPS.map((g) => ({
    ...g,
    columns: overview.columns.filter((c) => c.group === g.id),
  })).filter((g) => g.columns.length > 0);
  const header = (key: SortKey, label: string, extra?: string) => (
    <button type="button" onClick={() => onSort(key)}>
      {label}
      {sort === key ? (descending ? ' ▼' : ' ▲') : ''}
      {extra && <span className="column-target">{extra}</span>}
    </button>
  );
  const ariaSort = (key: SortKey) => (sort === key ? (descending ? 'descending' : 'ascending') : 'none');
  return (
    <ScrollRegion label="Agents table (scrolls sideways)">
      <table className="agents overview-table">
        <caption>
          Agents, {sort === 'attention' ? 'needs attention first' : 'sorted by the marked column'}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="sticky-col" aria-sort={ariaSort('agent')}>
              {header('agent', 'Agent')}
            </th>
            <th scope="col" rowSpan={2} aria-sort={ariaSort('attention')}>
              {header('attention', 'Needs attention')}
            </th>
            <th scope="col" rowSpan={2}>
              Top coaching opportunities
            </th>
            <th scope="col" rowSpan={2} aria-sort={ariaSort('conversations')}>
              {header('conversations', 'Conversations')}
            </th>
            <th scope="col" rowSpan={2} aria-sort={ariaSort('review')}>
              {header('review', 'Human review')}
            </th>
            {groups.map((g) => (
              <th key={g.id} scope="colgroup" colSpan={g.columns.length} className="group-head">
                {g.title}
              </th>
            ))}
          </tr>
          <tr>
            {groups.flatMap((g) =>
              g.columns.map((c) => (
                <th key={c.key} scope="col" aria-sort={ariaSort(c.key)} data-column={c.key}>
                  {header(c.key, columnTitle(c), targetText(c))}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => {
            const name = a.agentName ?? a.agentId;
            return (
              <tr key={a.agentId}>
                <th scope="row" className="sticky-col">
                  <Link to={scorecardUrl(a.agentId, overview.period)}>{name}</Link>
                  <span className="row-team">{teamName(a.teamId)}</span>
                </th>
                <td className="num">{a.attention.toFixed(1)}</td>
                <td>
                  <OpportunityList
                    agent={a}
                    period={overview.period}
                    scorecard={scorecardUrl(a.agentId, overview.period)}
                  />
                </td>
                <td className="num">{a.conversations.toLocaleString()}</td>
                <td className="review-cell">{reviewText(overview.reviews[a.agentId])}</td>
                {groups.flatMap((g) =>
                  g.columns.map((c) => (
                    <td key={c.key} className="metric-cell" data-column={c.key}>
                      <OverviewCellView
                        agentId={a.agentId}
                        agentName={name}
                        column={c}
                        cell={a.cells[c.key]}
                        period={overview.period}
                        weeks={overview.weeks}
                        channel={overview.channel}
                      />
                    </td>
                  )),
                )}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="sticky-col">
              Team median
            </th>
            <td />
            <td />
            <td />
            <td />
            {groups.flatMap((g) =>
              g.columns.map((c) => (
                <td key={c.key} className={c.teamMedian === null ? 'num no-data' : 'num'}>
                  {formatMetric(c.teamMedian, c.unit)}
                  <span className="cell-n">
                    {' '}
                    ({describePeerMedian({ peers: c.teamAgents, minConversations: c.teamMinConversations })})
                  </span>
                </td>
              )),
            )}
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
