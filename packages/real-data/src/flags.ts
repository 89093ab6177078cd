import type { Evidence, MetricId } from '@rapport/metrics';
import type { Scored } from './analyse.ts';

/** Reading scored conversations for the report: their flags, one value, a value pooled over a set. */

export interface Flag {
  scored: Scored;
  evidence: Evidence;
  turnText: string;
}

/** Every flag (evidence counted against the agent) of the conversations, of one metric or of all. */
export function flags(scored: readonly Scored[], metric?: MetricId): Flag[] {
  return scored.flatMap((s) =>
    s.result.evidence
      .filter((e) => e.kind === 'flag' && (metric === undefined || e.metric === metric))
      .map((evidence) => ({ scored: s, evidence, turnText: s.record.turns[evidence.turnIndex]?.text ?? '' })),
  );
}

/** One conversation's value of a metric: num / den, null when it does not apply. */
export function value(scored: Scored, id: MetricId): number | null {
  const f = scored.result.metrics[id];
  return f && f.den > 0 ? f.num / f.den : null;
}

/** Σ num and Σ den of a metric over conversations. */
export function sum(scored: readonly Scored[], id: MetricId): { num: number; den: number } {
  return scored.reduce(
    (acc, s) => {
      const f = s.result.metrics[id];
      return f ? { num: acc.num + f.num, den: acc.den + f.den } : acc;
    },
    { num: 0, den: 0 },
  );
}

/** Σ num / Σ den, as a scorecard pools it; null without a denominator. */
export function pooled(scored: readonly Scored[], id: MetricId): number | null {
  const { num, den } = sum(scored, id);
  return den > 0 ? num / den : null;
}
