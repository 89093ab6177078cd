/**
 * A sparkline's geometry from weekly values: a path through consecutive weeks with data, broken where a
 * week has none (a gap, never a line drawn to zero), and a dot for a week with data on its own. The
 * y axis spans the values' own range, low at the bottom; all equal values sit in the middle.
 */
export interface SparklineShape {
  /** SVG path data: one `M … L …` run per stretch of weeks with data. */
  path: string;
  /** Weeks whose neighbours have no data: drawn as dots, or they would not show. */
  dots: { x: number; y: number }[];
  /** The last week with data, marked so the reader sees where "now" is. */
  last: { x: number; y: number } | null;
}

export function sparklineShape(
  values: readonly (number | null)[],
  width: number,
  height: number,
): SparklineShape {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return { path: '', dots: [], last: null };
  const low = Math.min(...present);
  const high = Math.max(...present);
  const pad = 2;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const x = (i: number) => round(values.length > 1 ? pad + i * step : width / 2);
  const y = (v: number) =>
    round(high === low ? height / 2 : pad + ((high - v) / (high - low)) * (height - 2 * pad));
  const runs: string[] = [];
  const dots: { x: number; y: number }[] = [];
  let run: string[] = [];
  let last: { x: number; y: number } | null = null;
  const close = () => {
    if (run.length > 1) runs.push(run.join(' '));
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null) {
      close();
      return;
    }
    const point = { x: x(i), y: y(v) };
    run.push(`${run.length === 0 ? 'M' : 'L'}${point.x},${point.y}`);
    const alone = (i === 0 || values[i - 1] === null) && (i === values.length - 1 || values[i + 1] === null);
    if (alone) dots.push(point);
    last = point;
  });
  close();
  return { path: runs.join(' '), dots, last };
}

const round = (n: number) => Math.round(n * 10) / 10;
