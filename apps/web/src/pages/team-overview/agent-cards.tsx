import { METRIC_GROUPS } from '../../lib/metrics.ts';
import { Link } from '../../lib/router.ts';
import { scorecardUrl, type TableProps } from './agents-table.tsx';
import { OpportunityList } from './opportunity-list.tsx';
import { OverviewCellView } from './overview-cell.tsx';
import { columnTitle, reviewText } from './overview-format.ts';

/** The overview on a phone: one card per agent, in the table's order, every value as in the table. */
export function AgentCards({ overview, agents, teamName }: Omit<TableProps, 'onSort'>) {
  const columns = METRIC_GROUPS.flatMap((g) => overview.columns.filter((c) => c.group === g.id));
  return (
    <ol className="agent-cards" aria-label="Agents">
      {agents.map((a) => {
        const name = a.agentName ?? a.agentId;
        return (
          <li key={a.agentId} className="card agent-card">
            <h2>
              <Link to={scorecardUrl(a.agentId, overview.period)}>{name}</Link>
            </h2>
            <p className="row-team">
              {teamName(a.teamId)} · {a.conversations.toLocaleString()} conversations · needs attention{' '}
              {a.attention.toFixed(1)} · human review {reviewText(overview.reviews[a.agentId])}
            </p>
            <OpportunityList
              agent={a}
              period={overview.period}
              scorecard={scorecardUrl(a.agentId, overview.period)}
            />
            <dl>
              {columns.map((c) => (
                <div key={c.key}>
                  <dt>{columnTitle(c)}</dt>
                  <dd>
                    <OverviewCellView
                      agentId={a.agentId}
                      agentName={name}
                      column={c}
                      cell={a.cells[c.key]}
                      period={overview.period}
                      weeks={overview.weeks}
                      channel={overview.channel}
                    />
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
