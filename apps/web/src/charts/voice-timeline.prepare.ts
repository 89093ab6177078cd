export interface TimelineTurnInput {
  index: number;
  speaker: string;
  text: string;
  startMs: number;
  endMs: number | null;
}

export type Lane = 'agent' | 'customer';

export interface TimelineBar {
  index: number;
  lane: Lane;
  startMs: number;
  endMs: number;
  text: string;
  /** Flagged as an interruption of the customer. */
  interruption: boolean;
}

export interface TimelineOverlap {
  startMs: number;
  endMs: number;
}

export interface VoiceTimeline {
  bars: TimelineBar[];
  overlaps: TimelineOverlap[];
  durationMs: number;
  /** Tick positions for the time axis, ms. */
  ticks: number[];
}

/**
 * Turns → one bar per agent or customer turn (system turns have no voice), the stretches where both
 * talk at once, and round time ticks. Null when no turn has a duration (chat and email).
 */
export function prepareVoiceTimeline(
  turns: readonly TimelineTurnInput[],
  interruptedTurns: ReadonlySet<number>,
): VoiceTimeline | null {
  const bars: TimelineBar[] = turns
    .filter(
      (t): t is TimelineTurnInput & { speaker: Lane } => t.speaker === 'agent' || t.speaker === 'customer',
    )
    .map((t) => ({
      index: t.index,
      lane: t.speaker,
      startMs: t.startMs,
      endMs: Math.max(t.startMs, t.endMs ?? t.startMs),
      text: t.text,
      interruption: interruptedTurns.has(t.index),
    }));
  if (!bars.some((b) => b.endMs > b.startMs)) return null;
  const agent = bars.filter((b) => b.lane === 'agent');
  const customer = bars.filter((b) => b.lane === 'customer');
  const overlaps: TimelineOverlap[] = [];
  for (const a of agent) {
    for (const c of customer) {
      const startMs = Math.max(a.startMs, c.startMs);
      const endMs = Math.min(a.endMs, c.endMs);
      if (endMs > startMs) overlaps.push({ startMs, endMs });
    }
  }
  overlaps.sort((x, y) => x.startMs - y.startMs);
  const durationMs = Math.max(1, ...bars.map((b) => b.endMs));
  return { bars, overlaps, durationMs, ticks: niceTicks(durationMs) };
}

const STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800].map((s) => s * 1_000);

function niceTicks(durationMs: number): number[] {
  const step = STEPS_MS.find((s) => durationMs / s <= 8) ?? 3_600_000;
  const ticks: number[] = [];
  for (let t = 0; t <= durationMs; t += step) ticks.push(t);
  return ticks;
}
