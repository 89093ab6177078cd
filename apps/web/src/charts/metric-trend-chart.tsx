import type { MouseEvent } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from '../lib/format.ts';
import { navigate } from '../lib/router.ts';
import type { MetricTrendPoint, MetricTrendSeries } from './metric-trend.prepare.ts';

/** Shares stay within 0–100 %, with round bounds near the data so that small changes still show. */
const PERCENT_DOMAIN: [(min: number) => number, (max: number) => number] = [
  (min) => Math.max(0, Math.floor(min / 10) * 10),
  (max) => Math.min(100, Math.ceil(max / 10) * 10),
];

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: MetricTrendPoint;
}

/**
 * Renders only. The agent is a solid line with dots, the team median a dashed line without: the two
 * differ in shape as well as colour, and the legend names them. With `pointHref`, each of the agent's
 * dots is a link to the conversations of its week (a real link: it takes focus and opens in a tab).
 */
export function MetricTrendChart({
  series,
  agentName,
  pointHref,
}: {
  series: MetricTrendSeries;
  agentName: string;
  pointHref?: ((period: string) => string) | undefined;
}) {
  const dot = (props: DotProps) => {
    const { cx, cy, payload, index } = props;
    if (cx === undefined || cy === undefined || !payload || payload.agent === null)
      return <g key={`dot-${index}`} />;
    const circle = <circle cx={cx} cy={cy} r={pointHref ? 4 : 2.5} fill="#1f5fa8" stroke="#fff" />;
    if (!pointHref) return <g key={`dot-${index}`}>{circle}</g>;
    const href = pointHref(payload.period);
    const open = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    };
    return (
      <a key={`dot-${index}`} href={href} onClick={open} className="trend-point" data-week={payload.period}>
        <title>{`Week of ${payload.label}: open its conversations`}</title>
        {circle}
      </a>
    );
  };
  const format = (value: unknown) =>
    typeof value === 'number' ? `${Number(value.toFixed(2))}${series.unit}` : 'no data';
  return (
    <ResponsiveContainer width="100%" height={150}>
      <LineChart data={series.points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#d8dde3" strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#3d4754' }} minTickGap={28} />
        <YAxis
          tickFormatter={(v) => formatTick(v, series.unit)}
          tick={{ fontSize: 11, fill: '#3d4754' }}
          width={60}
          domain={series.unit === ' %' ? PERCENT_DOMAIN : ['auto', 'auto']}
          allowDecimals
        />
        <Tooltip formatter={format} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          type="linear"
          dataKey="agent"
          name={`${agentName} (solid)`}
          stroke="#1f5fa8"
          strokeWidth={2}
          dot={dot}
          activeDot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="team"
          name="Team median (dashed)"
          stroke="#8a4600"
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
