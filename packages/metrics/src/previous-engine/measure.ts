import type { Fraction, MetricId } from './catalog.ts';
import { originalSpan, type TurnView } from './conversation-view.ts';
import type { Evidence, EvidenceKind } from './result.ts';

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

/** A span of the turn's own words (offsets into `turn.own`), reported in the original text. */
export function spanEvidence(
  metric: MetricId,
  kind: EvidenceKind,
  turn: TurnView,
  span: { start: number; end: number },
  suggestion?: string,
): Evidence {
  const original = originalSpan(turn, span);
  return {
    metric,
    kind,
    turnIndex: turn.index,
    start: original.start,
    end: original.end,
    text: original.text,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/** A behaviour counted for the agent: every instance is evidence. */
export function creditEvidence(
  metric: MetricId,
  turn: TurnView,
  span: { start: number; end: number },
): Evidence {
  return spanEvidence(metric, 'credit', turn, span);
}

/** The whole turn: for interruptions and late responses. */
export function turnEvidence(metric: MetricId, turn: TurnView): Evidence {
  return { metric, kind: 'flag', turnIndex: turn.index, start: 0, end: turn.text.length, text: turn.text };
}

/** Where an expected behaviour is missing: the whole turn it was expected in, with what to say. */
export function missingEvidence(metric: MetricId, turn: TurnView, suggestion: string): Evidence {
  return {
    metric,
    kind: 'missing',
    turnIndex: turn.index,
    start: 0,
    end: turn.text.length,
    text: turn.text,
    suggestion,
  };
}
