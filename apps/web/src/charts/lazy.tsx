import { useEffect } from 'react';
import { loadable } from '../lib/loadable.tsx';

/**
 * The chart views with recharts, in chunks of their own, so that a page's queries do not wait for the
 * chart library: pages call usePreloadCharts() after their queries, and the library downloads and
 * compiles while the server answers. The placeholder keeps the chart's height so nothing jumps.
 */
function Placeholder({ height }: { height: number }) {
  return <div className="chart-placeholder" style={{ height }} aria-hidden="true" />;
}

export const WeeklyResponseChart = loadable(
  () => import('./weekly-response-chart.tsx').then((m) => m.WeeklyResponseChart),
  () => <Placeholder height={260} />,
);

export const MetricTrendChart = loadable(
  () => import('./metric-trend-chart.tsx').then((m) => m.MetricTrendChart),
  () => <Placeholder height={150} />,
);

/** Call after the page's useQuery calls: their requests go out first, then the charts load. */
export function usePreloadCharts() {
  useEffect(() => {
    void WeeklyResponseChart.preload();
    void MetricTrendChart.preload();
  }, []);
}
