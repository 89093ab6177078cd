import { addDays, earlierDay } from '@rapport/metrics/calendar';
import { formatMetric, formatTarget, NO_DATA } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { MetricTrendChart } from '../../charts/lazy.tsx';
import { prepareMetricTrend } from '../../charts/metric-trend.prepare.ts';
import { RuleInfo } from '../../components/rule-info.tsx';
import type { ScorecardMetric } from '../../lib/api-types.ts';
import { hasEvidence } from '../../lib/metrics.ts';
import { Link, withQuery } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** Weeks of trend shown beside a value: the chosen period, or the 12 weeks up to its end if that is longer. */
const TREND_DAYS = 12 * 7;

export function missesTarget(metric: ScorecardMetric): boolean {
  const { target, value } = metric;
  if (target === null || value === null) return false;
  return target.direction === 'lower' ? value > target.value : value < target.value;
}

/** One metric: value with unit and n, team median, target, percentile, seed rule, weekly trend. */
export function MetricCard({
  metric,
  agentId,
  agentName,
  period,
  canReadConversations,
}: {
  metric: ScorecardMetric;
  agentId: string;
  agentName: string;
  period: { from: string; to: string };
  /** HR reads scorecards, not transcripts: no link to the flagged conversations. */
  canReadConversations: boolean;
}) {
  const missed = missesTarget(metric);
  const titleId = `metric-${metric.id}`;
  return (
    <section className={`metric-card${metric.value === null ? ' no-value' : ''}`} aria-labelledby={titleId}>
      <header>
        <h3 id={titleId}>{metric.label}</h3>
        <RuleInfo rule={metric.rule} />
      </header>
      <p className="metric-value">
        <span className={metric.value === null ? 'no-data' : undefined}>
          {formatMetric(metric.value, metric.unit)}
        </span>
        {missed && (
          <span className="badge badge-warn">
            <span aria-hidden="true">▲ </span>misses target
          </span>
        )}
      </p>
      <dl className="metric-stats">
        <div>
          <dt>n</dt>
          <dd title="Conversations behind the value">{metric.n.toLocaleString()} conv.</dd>
        </div>
        <div>
          <dt>Team median</dt>
          <dd>
            {formatMetric(metric.teamMedian, metric.unit)}
            {metric.teamAgents > 0 && <span className="muted"> ({metric.teamAgents} agents)</span>}
          </dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>{formatTarget(metric.target, metric.unit)}</dd>
        </div>
        <div>
          <dt>Percentile</dt>
          <dd>
            {metric.percentile === null
              ? NO_DATA
              : `${metric.better === null ? 'higher than' : 'better than'} ${metric.percentile} % of teammates`}
          </dd>
        </div>
        <div>
          <dt>Better</dt>
          <dd>{metric.better === null ? 'context (no direction)' : `${metric.better}`}</dd>
        </div>
      </dl>
      <MetricTrend metric={metric} agentId={agentId} agentName={agentName} period={period} />
      {canReadConversations && hasEvidence(metric.id) && (
        <Link
          className="flagged-link"
          to={withQuery('/conversations', { agent: agentId, metric: metric.id, ...period })}
        >
          Conversations flagged for {metric.label.toLowerCase()}
        </Link>
      )}
    </section>
  );
}

/** Container for one trend chart: its own query, and a line of text instead of an empty chart. */
function MetricTrend({
  metric,
  agentId,
  agentName,
  period,
}: {
  metric: ScorecardMetric;
  agentId: string;
  agentName: string;
  period: { from: string; to: string };
}) {
  const trpc = useTRPC();
  const from = earlierDay(period.from, addDays(period.to, -(TREND_DAYS - 1)));
  const trend = useQuery(
    trpc.agents.trend.queryOptions({ agentId, metricId: metric.id, bucket: 'week', from, to: period.to }),
  );
  if (trend.isPending) return <p className="trend-state muted">Loading the weekly trend…</p>;
  if (trend.isError) return <p className="trend-state error">Trend unavailable: {trend.error.message}</p>;
  const series = prepareMetricTrend(trend.data.points, metric.unit);
  if (series.agentWeeks === 0) return <p className="trend-state muted">Weekly trend: no data</p>;
  const last = [...series.points].reverse().find((p) => p.agent !== null);
  return (
    <figure className="trend" aria-label={`Weekly ${metric.label}: ${agentName} against the team`}>
      <MetricTrendChart series={series} agentName={agentName} />
      <figcaption className="visually-hidden">
        Weekly trend over {series.points.length} weeks.
        {last &&
          ` Latest week with data: ${agentName} ${last.agent}${series.unit}, team ${last.team ?? NO_DATA}${series.unit}.`}
      </figcaption>
    </figure>
  );
}
