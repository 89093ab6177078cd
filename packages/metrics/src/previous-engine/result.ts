import type { Fraction, MetricId } from './catalog.ts';
import type { ExceptionOverrides, LexiconOverrides } from './lexicons/index.ts';

/**
 * - `flag`: a behaviour counted against the agent (a refusal, an interruption, a late response);
 * - `credit`: a behaviour counted for the agent (an apology, a thanks, a clarifying question);
 * - `missing`: an expected behaviour that did not happen; the span is the whole turn where it was
 *   expected (no thanks: the closing statement).
 */
export type EvidenceKind = 'flag' | 'credit' | 'missing';

/** One scored behaviour, precise enough for the UI to highlight it in the transcript. */
export interface Evidence {
  metric: MetricId;
  /** Index into `conversation.turns` as given (input order, not sorted order). */
  turnIndex: number;
  /** Character span within that turn's text, [start, end). */
  start: number;
  end: number;
  /** The matched text (for interruptions: the agent turn's text). */
  text: string;
  kind: EvidenceKind;
  /** A better way to say it, where the lexicon has one (negative language). */
  suggestion?: string;
}

export interface ConversationResult {
  /** A metric is absent when it does not apply to this conversation (its value is null, never 0). */
  metrics: Partial<Record<MetricId, Fraction>>;
  /** Every response gap, ms, for pooled percentiles. */
  responseGapsMs: number[];
  evidence: Evidence[];
}

export interface EngineOptions {
  /** Response-time target per channel, ms (METRICS.md defaults: voice 3 s, chat 60 s, email 4 h). */
  responseTargetsMs: { voice: number; chat: number; email: number };
  /**
   * Replacement phrase lists per behaviour; a missing id keeps the default list. To add to a default
   * list rather than replace it, pass `extendLexicons({ jargon: [...] })`.
   */
  lexicons?: LexiconOverrides;
  /** Replacement exceptions lists per behaviour; a missing id keeps the default list. */
  exceptions?: ExceptionOverrides;
  /** The organisation's script library, one line a script sentence; without it `scriptReliance` is null. */
  scripts?: readonly string[];
  /**
   * When the facts are computed (ISO instant). A follow-up window or promise still open at `now` is
   * pending and left out rather than counted as missed; without `now`, every window counts as closed.
   */
  now?: string;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  responseTargetsMs: { voice: 3_000, chat: 60_000, email: 4 * 3_600_000 },
};
