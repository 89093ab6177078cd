import { formatOffset } from '@rapport/metrics/format';
import type { VoiceTimeline } from './voice-timeline.prepare.ts';

const WIDTH = 1000;
const LEFT = 84;
const RIGHT = 12;
const LANE_HEIGHT = 26;
const LANES = { agent: 12, customer: 12 + LANE_HEIGHT + 14 } as const;
const AXIS_Y = LANES.customer + LANE_HEIGHT + 10;
const HEIGHT = AXIS_Y + 22;

/**
 * Renders only: agent and customer lanes, one bar per turn, talk-over stretches hatched across both
 * lanes, interruptions marked with a triangle. Every bar links to its turn in the transcript, so the
 * chart is usable with the keyboard and its meaning does not rest on colour.
 */
export function VoiceTimelineChart({ timeline }: { timeline: VoiceTimeline }) {
  const x = (ms: number) => LEFT + (ms / timeline.durationMs) * (WIDTH - LEFT - RIGHT);
  const interruptions = timeline.bars.filter((b) => b.interruption).length;
  return (
    <figure className="timeline-figure">
      <figcaption className="visually-hidden">
        {timeline.bars.length} turns, {timeline.overlaps.length} stretches of talking over each other,{' '}
        {interruptions} flagged interruptions. Each bar links to its turn in the transcript.
      </figcaption>
      <svg className="voice-timeline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
        <title>Voice timeline</title>
        <defs>
          <pattern
            id="overlap-hatch"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#fde7c8" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8a4600" strokeWidth="2" />
          </pattern>
        </defs>
        <text x={0} y={LANES.agent + 17} className="lane-label">
          Agent
        </text>
        <text x={0} y={LANES.customer + 17} className="lane-label">
          Customer
        </text>
        {timeline.overlaps.map((o) => (
          <rect
            key={`${o.startMs}-${o.endMs}`}
            x={x(o.startMs)}
            y={LANES.agent - 4}
            width={Math.max(1.5, x(o.endMs) - x(o.startMs))}
            height={LANES.customer + LANE_HEIGHT - LANES.agent + 8}
            fill="url(#overlap-hatch)"
            className="overlap"
          >
            <title>
              Both talking {formatOffset(o.startMs)}–{formatOffset(o.endMs)}
            </title>
          </rect>
        ))}
        {timeline.bars.map((b) => (
          <a
            key={b.index}
            href={`#turn-${b.index}`}
            className={`bar bar-${b.lane}${b.interruption ? ' bar-interruption' : ''}`}
          >
            <title>
              {b.lane === 'agent' ? 'Agent' : 'Customer'} {formatOffset(b.startMs)}–{formatOffset(b.endMs)}
              {b.interruption ? ' (interruption)' : ''}:{' '}
              {b.text.length > 120 ? `${b.text.slice(0, 117)}…` : b.text}
            </title>
            <rect
              x={x(b.startMs)}
              y={LANES[b.lane]}
              width={Math.max(2, x(b.endMs) - x(b.startMs))}
              height={LANE_HEIGHT}
              rx={3}
            />
            {b.interruption && (
              <path
                d={`M ${x(b.startMs) - 6} ${LANES.agent - 10} h 12 l -6 9 z`}
                className="interruption-marker"
              />
            )}
          </a>
        ))}
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={AXIS_Y} y2={AXIS_Y} className="axis" />
        {timeline.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={AXIS_Y} y2={AXIS_Y + 4} className="axis" />
            <text x={x(t)} y={AXIS_Y + 16} textAnchor="middle" className="tick">
              {formatOffset(t)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
