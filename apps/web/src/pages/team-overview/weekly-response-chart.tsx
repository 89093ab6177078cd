import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from '../../lib/format.ts';
import type { WeeklyResponseSeries } from './weekly-response.prepare.ts';

/** Renders only: data arrives prepared. Lines differ by dash as well as colour. */
export function WeeklyResponseChart({ data }: { data: WeeklyResponseSeries }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#d8dde3" strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#3d4754' }} minTickGap={24} />
        <YAxis
          tickFormatter={(v) => formatTick(v, data.unit)}
          tick={{ fontSize: 12, fill: '#3d4754' }}
          width={64}
        />
        <Tooltip
          formatter={(value) => (typeof value === 'number' ? `${value.toFixed(1)}${data.unit}` : 'no data')}
        />
        <Legend />
        <Line
          type="linear"
          dataKey="mean"
          name="Mean response time"
          stroke="#1f5fa8"
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="p90"
          name="90th percentile"
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
