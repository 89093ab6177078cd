import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from '../lib/format.ts';
import type { MetricTrendSeries } from './metric-trend.prepare.ts';

/** Shares stay within 0–100 %, with round bounds near the data so that small changes still show. */
const PERCENT_DOMAIN: [(min: number) => number, (max: number) => number] = [
  (min) => Math.max(0, Math.floor(min / 10) * 10),
  (max) => Math.min(100, Math.ceil(max / 10) * 10),
];

/**
 * Renders only. The agent is a solid line with dots, the team a dashed line without: the two differ in
 * shape as well as colour, and the legend names them.
 */
export function MetricTrendChart({ series, agentName }: { series: MetricTrendSeries; agentName: string }) {
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
          dot={{ r: 2.5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="team"
          name="Team (dashed)"
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
