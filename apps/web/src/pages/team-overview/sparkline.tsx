import { sparklineShape } from './sparkline.prepare.ts';

const WIDTH = 64;
const HEIGHT = 18;

/** Weekly values as a small line (no recharts: forty rows of charts must cost nothing to draw). */
export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const shape = sparklineShape(values, WIDTH, HEIGHT);
  if (shape.last === null) return null;
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img">
      <title>{label}</title>
      {shape.path && <path d={shape.path} fill="none" stroke="currentColor" strokeWidth={1.5} />}
      {shape.dots.map((d) => (
        <circle key={`${d.x},${d.y}`} cx={d.x} cy={d.y} r={1.5} fill="currentColor" />
      ))}
      <circle cx={shape.last.x} cy={shape.last.y} r={2.5} fill="currentColor" />
    </svg>
  );
}
