import type { Fraction, MetricId } from './catalog.ts';
import type { TurnView } from './conversation-view.ts';
import type { Evidence } from './result.ts';

/** What one metric function returns for one conversation. */
export interface Measure {
  /** null: the metric does not apply to this conversation (absent from the result, never 0). */
  value: Fraction | null;
  evidence: Evidence[];
}

export const NOT_APPLICABLE: Measure = Object.freeze({ value: null, evidence: [] }) as Measure;

export function measured(num: number, den: number, evidence: Evidence[] = []): Measure {
  return { value: { num, den }, evidence };
}

/** A share metric's contribution: this conversation shows the behaviour (1) or not (0), out of 1. */
export function share(shows: boolean, evidence: Evidence[] = []): Measure {
  return measured(shows ? 1 : 0, 1, evidence);
}

export function spanEvidence(
  metric: MetricId,
  turn: TurnView,
  span: { start: number; end: number; text: string },
  suggestion?: string,
): Evidence {
  return {
    metric,
    turnIndex: turn.index,
    start: span.start,
    end: span.end,
    text: span.text,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/** The whole turn: for interruptions, late responses, and where an expected behaviour is missing. */
export function turnEvidence(
  metric: MetricId,
  turn: TurnView,
  extra: { missing?: boolean; suggestion?: string } = {},
): Evidence {
  return { metric, turnIndex: turn.index, start: 0, end: turn.text.length, text: turn.text, ...extra };
}

/** Where an expected behaviour is missing: the whole turn it was expected in, with what to say. */
export function missingEvidence(metric: MetricId, turn: TurnView, suggestion: string): Evidence {
  return turnEvidence(metric, turn, { missing: true, suggestion });
}
