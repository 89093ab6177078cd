import { formatCount, formatPercent } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import type { PageProps } from '../../app/page-props.ts';
import { usePreloadCharts } from '../../charts/lazy.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Loading, QueryError } from '../../components/query-state.tsx';
import { formatDay } from '../../lib/format.ts';
import { METRIC_GROUPS } from '../../lib/metrics.ts';
import { navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { MetricCard } from './metric-card.tsx';
import { OpportunitiesSection } from './opportunities.tsx';

/**
 * `/agents/:id`: every metric grouped as METRICS.md groups them, each with its trend, then the ranked
 * coaching opportunities with their evidence. The API decides who may see whom; a refusal reads "Not allowed".
 */
export function AgentScorecardPage({ me, params }: PageProps) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const agentId = params.id as string;
  const period = { from: search.get('from') ?? undefined, to: search.get('to') ?? undefined };
  const input = { agentId, ...period };
  const scorecard = useQuery({
    ...trpc.agents.scorecard.queryOptions(input),
    placeholderData: (previous) => (previous?.agent.id === agentId ? previous : undefined),
  });
  usePreloadCharts();
  const own = me.role === 'agent';

  if (scorecard.isPending)
    return (
      <>
        <h1>{own ? 'My scorecard' : 'Agent scorecard'}</h1>
        <Loading>Loading the scorecard…</Loading>
      </>
    );
  if (scorecard.isError)
    return (
      <>
        <h1>{own ? 'My scorecard' : 'Agent scorecard'}</h1>
        <QueryError error={scorecard.error} what="the scorecard" onRetry={() => scorecard.refetch()} />
      </>
    );

  const data = scorecard.data;
  const name = data.agent.name ?? data.agent.id;
  const units = new Map(data.metrics.map((m) => [m.id, m.unit]));
  return (
    <article aria-labelledby="scorecard-title">
      <h1 id="scorecard-title">{own ? `My scorecard — ${name}` : `${name} — scorecard`}</h1>
      <div className="page-tools">
        <p className="period">
          {data.agent.teamId ? `Team ${data.agent.teamId} · ` : ''}
          {formatDay(data.period.from)} – {formatDay(data.period.to)} ·{' '}
          {formatCount(data.conversations, 'conversation')} ·{' '}
          <abbr title="The version of the metric catalog that computed these numbers">
            definitions {data.definitions}
          </abbr>
          {' · '}
          <span className="review-summary">
            {data.reviews && data.reviews.reviews > 0
              ? `human review ${formatPercent(data.reviews.meanScore)} over ${formatCount(data.reviews.reviews, 'review')}`
              : 'no human reviews'}
          </span>
          {scorecard.isFetching && ' · updating…'}
        </p>
        <PeriodPicker
          value={period}
          resolved={data.period}
          onChange={(p) => navigate(withQuery(pathname, { from: p.from, to: p.to }), { replace: true })}
        />
      </div>
      {data.conversations === 0 && (
        <p className="empty">
          No conversations in this period: every metric reads “no data”. Choose another period.
        </p>
      )}
      <nav className="group-nav" aria-label="Metric groups">
        {METRIC_GROUPS.map((g) => (
          <a key={g.id} href={`#group-${g.id}`}>
            {g.title}
          </a>
        ))}
        <a href="#opportunities">Coaching opportunities</a>
      </nav>
      {METRIC_GROUPS.map((group) => {
        const metrics = data.metrics.filter((m) => m.group === group.id);
        if (metrics.length === 0) return null;
        return (
          <section
            key={group.id}
            id={`group-${group.id}`}
            className="metric-group"
            aria-labelledby={`h-${group.id}`}
          >
            <h2 id={`h-${group.id}`}>
              {group.title} <span className="group-rules">{group.rules}</span>
            </h2>
            <div className="metric-grid">
              {metrics.map((metric) => (
                <MetricCard
                  key={metric.id}
                  metric={metric}
                  agentId={data.agent.id}
                  agentName={name}
                  period={data.period}
                  canReadConversations={me.role !== 'hr'}
                />
              ))}
            </div>
          </section>
        );
      })}
      <OpportunitiesSection me={me} agentId={data.agent.id} agentName={name} period={period} units={units} />
    </article>
  );
}
