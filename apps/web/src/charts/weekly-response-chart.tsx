import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeeklyResponsePoint } from './weekly-response.prepare.ts';

/** Renders only: data arrives prepared. Lines differ by dash as well as colour. */
export function WeeklyResponseChart({ data }: { data: WeeklyResponsePoint[] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#d8dde3" strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={24} />
        <YAxis unit=" s" tick={{ fontSize: 12 }} width={56} />
        <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(1)} s` : 'no data')} />
        <Legend />
        <Line
          type="monotone"
          dataKey="meanSeconds"
          name="Mean response time"
          stroke="#1f5fa8"
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="p90Seconds"
          name="90th percentile"
          stroke="#9a4d00"
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
