import { useEffect } from 'react';
import { loadable } from '../lib/loadable.tsx';

/**
 * The chart views with recharts, in chunks of their own, so that a page's queries do not wait for the
 * chart library: pages call usePreloadCharts() after their queries, and the library downloads and
 * compiles while the server answers. The placeholder keeps the chart's height so nothing jumps.
 */
export function ChartPlaceholder({ height }: { height: number }) {
  return <div className="chart-placeholder" style={{ height }} aria-hidden="true" />;
}

export const MetricTrendChart = loadable(
  () => import('./metric-trend-chart.tsx').then((m) => m.MetricTrendChart),
  () => <ChartPlaceholder height={150} />,
);

/** Call after the page's useQuery calls: their requests go out first, then the chart library loads. */
export function usePreloadCharts() {
  useEffect(() => {
    void MetricTrendChart.preload();
  }, []);
}
