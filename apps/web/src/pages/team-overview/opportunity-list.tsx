import { Link } from '../../lib/router.ts';
import { drillDownUrl, trendText } from './overview-format.ts';
import type { OverviewAgent } from './overview-types.ts';

/**
 * An agent's top coaching opportunities, each opening the conversations behind it (a time metric's on
 * its channel, which its label names), and how many there are.
 */
export function OpportunityList({
  agent,
  period,
  scorecard,
}: {
  agent: OverviewAgent;
  period: { from: string; to: string };
  scorecard: string;
}) {
  if (agent.opportunityCount === 0) return <span className="no-data">none</span>;
  return (
    <div className="opportunities-cell">
      <ul className="opportunity-items">
        {agent.opportunities.map((o) => (
          <li key={`${o.metricId}:${o.channel ?? ''}`}>
            <Link
              className={`opportunity trend-${o.trend.replaceAll(' ', '-')}`}
              data-metric={o.metricId}
              data-channel={o.channel ?? undefined}
              data-severity={o.severity}
              to={drillDownUrl({ agentId: agent.agentId, metricId: o.metricId, period, channel: o.channel })}
            >
              {o.label} <span className="severity">severity {o.severity.toFixed(1)}</span>{' '}
              <span className="trend">{trendText(o.trend)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {agent.opportunityCount > agent.opportunities.length && (
        <Link to={scorecard} className="more">
          {agent.opportunityCount - agent.opportunities.length} more on the scorecard
        </Link>
      )}
    </div>
  );
}
