import { addDays, earlierDay } from '@rapport/metrics/calendar';
import { describePeerMedian, formatMetric, formatTarget, NO_DATA } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { MetricTrendChart } from '../../charts/lazy.tsx';
import { type MetricTrendInput, prepareMetricTrend } from '../../charts/metric-trend.prepare.ts';
import { RuleInfo } from '../../components/rule-info.tsx';
import type { ScorecardMetric } from '../../lib/api-types.ts';
import { Link } from '../../lib/router.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useNearViewport } from '../../lib/use-near-viewport.ts';
import { type Channel, drillHref, weekOf } from './drill-link.ts';

/** Weeks of trend shown beside a value: the chosen period, or the 12 weeks up to its end if that is longer. */
const TREND_DAYS = 12 * 7;

const CHANNEL_NAMES: Record<Channel, string> = { voice: 'Voice', chat: 'Chat', email: 'Email' };

type Standing = Pick<ScorecardMetric, 'value' | 'target'>;

export function missesTarget(metric: Standing): boolean {
  const { target, value } = metric;
  if (target === null || value === null) return false;
  return target.direction === 'lower' ? value > target.value : value < target.value;
}

interface CardProps {
  metric: ScorecardMetric;
  agentId: string;
  agentName: string;
  period: { from: string; to: string };
  /** The one channel the scorecard is read for; null for all. */
  channel: Channel | null;
  /** HR reads scorecards, not transcripts: no links to the conversations. */
  canReadConversations: boolean;
  /** False while the page's first answers (the coaching opportunities) are still on their way. */
  trendsReady: boolean;
}

/**
 * One metric: value with unit and n, team median and its peer set, target, percentile, seed rule,
 * weekly trend; every number opens the conversations behind it. A time metric over all channels is
 * shown per channel, each with its own target, never as one pooled mean.
 */
export function MetricCard(props: CardProps) {
  const { metric, agentId, period, channel, canReadConversations } = props;
  const titleId = `metric-${metric.id}`;
  const split = metric.byChannel;
  const drill = (c: Channel | null) => drillHref({ agentId, metric: metric.id, ...period, channel: c });
  return (
    <section
      className={`metric-card${metric.value === null ? ' no-value' : ''}`}
      aria-labelledby={titleId}
      data-metric={metric.id}
    >
      <header>
        <h3 id={titleId}>{metric.label}</h3>
        <RuleInfo rule={metric.rule} />
      </header>
      {split ? (
        <ChannelTable metric={metric} drill={canReadConversations ? drill : null} />
      ) : (
        <>
          <p className="metric-value">
            {metric.value !== null && canReadConversations ? (
              <Link to={drill(channel)} className="drill" title="Open the conversations behind this value">
                {formatMetric(metric.value, metric.unit)}
              </Link>
            ) : (
              <span className={metric.value === null ? 'no-data' : undefined}>
                {formatMetric(metric.value, metric.unit)}
              </span>
            )}
            <TargetBadge standing={metric} />
          </p>
          <dl className="metric-stats">
            <div>
              <dt>n</dt>
              <dd title="Conversations behind the value">{metric.n.toLocaleString()} conv.</dd>
            </div>
            <div>
              <dt>Target</dt>
              <dd>{formatTarget(metric.target, metric.unit)}</dd>
            </div>
            <div className="wide">
              <dt>Team median</dt>
              <dd>
                {formatMetric(metric.teamMedian, metric.unit)}{' '}
                <span className="muted peer-set">
                  (
                  {describePeerMedian({
                    peers: metric.teamPeers,
                    minConversations: metric.teamMinConversations,
                  })}
                  )
                </span>
              </dd>
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
        </>
      )}
      <MetricTrend {...props} />
      {canReadConversations && metric.value !== null && !split && (
        <Link className="flagged-link" to={drill(channel)}>
          {metric.n > 0 ? `${metric.n.toLocaleString()} conversations` : 'Conversations'} behind this value,
          worst first
        </Link>
      )}
    </section>
  );
}

function TargetBadge({ standing }: { standing: Standing }) {
  if (!missesTarget(standing)) return null;
  return (
    <span className="badge badge-warn">
      <span aria-hidden="true">▲ </span>misses target
    </span>
  );
}

/** A time metric per channel: each row its own value, n, team median and the channel's target. */
function ChannelTable({
  metric,
  drill,
}: {
  metric: ScorecardMetric;
  drill: ((channel: Channel) => string) | null;
}) {
  const rows = metric.byChannel ?? [];
  if (rows.length === 0) return <p className="metric-value no-data">{NO_DATA}</p>;
  return (
    <table className="channel-table">
      <caption className="visually-hidden">{metric.label} per channel</caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col" className="num">
            n
          </th>
          <th scope="col" className="num">
            Team median
          </th>
          <th scope="col" className="num">
            Target
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.channel} data-channel={row.channel}>
            <th scope="row">{CHANNEL_NAMES[row.channel]}</th>
            <td className="num">
              {drill ? (
                <Link
                  to={drill(row.channel)}
                  className="drill"
                  title="Open the conversations behind this value"
                >
                  {formatMetric(row.value, metric.unit)}
                </Link>
              ) : (
                formatMetric(row.value, metric.unit)
              )}{' '}
              <TargetBadge standing={row} />
            </td>
            <td className="num">{row.n.toLocaleString()}</td>
            <td
              className="num"
              title={describePeerMedian({ peers: row.teamPeers, minConversations: row.teamMinConversations })}
            >
              {formatMetric(row.teamMedian, metric.unit)}
            </td>
            <td className="num">{formatTarget(row.target, metric.unit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Container for one metric's trend: its own query once the card is near the viewport, and a line of
 * text instead of an empty chart. A time metric over all channels draws one chart per channel.
 */
function MetricTrend({
  metric,
  agentId,
  agentName,
  period,
  channel,
  canReadConversations,
  trendsReady,
}: CardProps) {
  const trpc = useTRPC();
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const from = earlierDay(period.from, addDays(period.to, -(TREND_DAYS - 1)));
  const trend = useQuery({
    ...trpc.agents.trend.queryOptions({
      agentId,
      metricId: metric.id,
      bucket: 'week',
      from,
      to: period.to,
      channel: channel ?? undefined,
    }),
    enabled: near && trendsReady,
  });
  const body = () => {
    if (!near || !trendsReady || trend.isPending)
      return <p className="trend-state muted">Loading the weekly trend…</p>;
    if (trend.isError) return <p className="trend-state error">Trend unavailable: {trend.error.message}</p>;
    const charts: { channel: Channel | null; points: MetricTrendInput[] }[] = trend.data.byChannel ?? [
      { channel, points: trend.data.points },
    ];
    return charts.map((c) => (
      <TrendChart
        key={c.channel ?? 'all'}
        label={trend.data.byChannel ? `${CHANNEL_NAMES[c.channel as Channel]}: ` : ''}
        points={c.points}
        metric={metric}
        agentName={agentName}
        pointHref={
          canReadConversations
            ? (week) =>
                drillHref({ agentId, metric: metric.id, ...weekOf(week, period.to), channel: c.channel })
            : undefined
        }
      />
    ));
  };
  return <div ref={ref}>{body()}</div>;
}

function TrendChart({
  label,
  points,
  metric,
  agentName,
  pointHref,
}: {
  label: string;
  points: MetricTrendInput[];
  metric: ScorecardMetric;
  agentName: string;
  pointHref: ((week: string) => string) | undefined;
}) {
  const series = prepareMetricTrend(points, metric.unit);
  if (series.agentWeeks === 0) return <p className="trend-state muted">{label}Weekly trend: no data</p>;
  const last = [...series.points].reverse().find((p) => p.agent !== null);
  return (
    <figure
      className="trend"
      aria-label={`${label}Weekly ${metric.label}: ${agentName} against the team median`}
    >
      {label && <figcaption className="trend-channel">{label.replace(': ', '')}</figcaption>}
      <MetricTrendChart series={series} agentName={agentName} pointHref={pointHref} />
      <p className="visually-hidden">
        Weekly trend over {series.points.length} weeks.
        {last &&
          ` Latest week with data: ${agentName} ${last.agent}${series.unit}, team median ${last.team ?? NO_DATA}${series.unit}.`}
      </p>
    </figure>
  );
}
