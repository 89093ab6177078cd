import { CHANNELS, type Channel } from '@rapport/metrics/catalog';
import { formatCount, formatPercent } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import type { PageProps } from '../../app/page-props.ts';
import { usePreloadCharts } from '../../charts/lazy.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Loading, QueryError } from '../../components/query-state.tsx';
import type { MetricId } from '../../lib/api-types.ts';
import { formatDay } from '../../lib/format.ts';
import { METRIC_CATALOG, METRIC_GROUPS } from '../../lib/metrics.ts';
import { navigate, useLocation, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { MetricCard } from './metric-card.tsx';
import { OpportunitiesSection } from './opportunities.tsx';

const UNITS = new Map(Object.entries(METRIC_CATALOG).map(([id, m]) => [id as MetricId, m.unit]));

/**
 * `/agents/:id`: the ranked coaching opportunities with their evidence first, then every metric grouped
 * as METRICS.md groups them, each with its trend; `?channel=` reads the whole card for one channel. The API decides who may see whom; a refusal reads "Not allowed".
 */
export function AgentScorecardPage({ me, params }: PageProps) {
  const trpc = useTRPC();
  const { pathname, search } = useLocation();
  const agentId = params.id as string;
  const period = { from: search.get('from') ?? undefined, to: search.get('to') ?? undefined };
  const channel = (CHANNELS as readonly string[]).includes(search.get('channel') ?? '')
    ? (search.get('channel') as Channel)
    : null;
  const input = { agentId, ...period, channel: channel ?? undefined };
  // The opportunities are what a supervisor comes for: their query goes out first, beside the
  // scorecard's, and their section is the first thing under the title.
  // The weekly trends (two dozen queries) wait for them, so that they do not queue up in front.
  const opportunitiesQuery = useQuery(trpc.agents.opportunities.queryOptions(input));
  const trendsReady = !opportunitiesQuery.isPending;
  const scorecard = useQuery({
    ...trpc.agents.scorecard.queryOptions(input),
    placeholderData: (previous) => (previous?.agent.id === agentId ? previous : undefined),
  });
  const go = (next: { from?: string | undefined; to?: string | undefined; channel?: Channel | null }) =>
    navigate(
      withQuery(pathname, {
        from: period.from,
        to: period.to,
        channel: channel ?? undefined,
        ...next,
        ...(next.channel === null ? { channel: undefined } : {}),
      }),
      { replace: true },
    );
  usePreloadCharts();
  const own = me.role === 'agent';

  const opportunities = (agentName: string) => (
    <OpportunitiesSection
      me={me}
      agentId={agentId}
      agentName={agentName}
      period={period}
      channel={channel}
      units={UNITS}
    />
  );
  // The opportunities do not wait for the scorecard: whichever answers first is shown first.
  if (scorecard.isPending)
    return (
      <>
        <h1>{own ? 'My scorecard' : 'Agent scorecard'}</h1>
        {opportunities(agentId)}
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
          onChange={(p) => go({ from: p.from, to: p.to })}
        />
        <label>
          Channel{' '}
          <select
            value={channel ?? ''}
            onChange={(e) => go({ channel: (e.target.value || null) as Channel | null })}
          >
            <option value="">All (times per channel)</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.conversations === 0 && (
        <p className="empty">
          No conversations in this period: every metric reads “no data”. Choose another period.
        </p>
      )}
      <nav className="group-nav" aria-label="Metric groups">
        <a href="#opportunities">Coaching opportunities</a>
        {METRIC_GROUPS.map((g) => (
          <a key={g.id} href={`#group-${g.id}`}>
            {g.title}
          </a>
        ))}
      </nav>
      {opportunities(name)}
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
                  channel={data.channel}
                  trendsReady={trendsReady}
                  canReadConversations={me.role !== 'hr'}
                />
              ))}
            </div>
          </section>
        );
      })}
    </article>
  );
}
