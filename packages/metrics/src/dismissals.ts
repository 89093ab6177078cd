/**
 * Upheld disputes: a supervisor agreed that a flag was wrong. Dismissing it drops the evidence item and
 * takes back what that flag added to its metric's fraction, so scorecards, rollups and exports no longer
 * count it. A pure step after `computeConversation`.
 */
import { type DismissalRule, type Fraction, METRICS, type MetricId } from './catalog.ts';
import type { ConversationResult, Evidence } from './result.ts';

/**
 * A flag named by its content, not by a stored row id, so the dismissal survives re-ingestion and
 * re-scoring. With `text`, the flag must still quote the same words.
 */
export interface Dismissal {
  metric: string;
  turnIndex: number;
  start: number;
  end: number;
  text?: string;
}

/**
 * How removing one flag changes its metric's fraction:
 * - `perMatch`: the numerator counts 100 per match (per 100 agent words): num −= 100 per dismissed match;
 * - `perFlag`: the numerator counts flags (interruptions, unexplained transfers, scripted sentences):
 *   num −= 1 per dismissed flag;
 * - `lateResponse`: the numerator counts responses within target, each late one is a flag: num += 1;
 * - `anyFlag`: a 0/1 share that is 1 when the conversation has at least one flag (argument, overpromise):
 *   num becomes 0 once no flag of the metric remains;
 * - `missing`: a 0/1 share whose flag marks the behaviour as missing (no thanks, no paraphrase, …): the
 *   conversation is counted as showing it, num becomes 1;
 * - `evidenceOnly`: the flag explains the value without being counted in it (long sentences of
 *   `avgSentenceWords`, whose value is words / sentences): only the evidence goes. Metrics that never
 *   produce evidence are listed here too, so that every metric has a decided rule.
 */
export const DISMISSAL_RULES: Readonly<Record<MetricId, DismissalRule>> = Object.fromEntries(
  METRICS.map((m) => [m.id, m.dismissal]),
) as Record<MetricId, DismissalRule>;

/** The result without the dismissed flags, each metric's fraction adjusted by its rule. Pure. */
export function applyDismissals(
  result: ConversationResult,
  dismissed: readonly Dismissal[],
): ConversationResult {
  if (dismissed.length === 0) return result;
  const kept: Evidence[] = [];
  const removed: Evidence[] = [];
  for (const item of result.evidence) {
    // A credit counts for the agent: there is nothing to dispute.
    (item.kind !== 'credit' && dismissed.some((d) => matches(d, item)) ? removed : kept).push(item);
  }
  if (removed.length === 0) return result;

  const metrics = { ...result.metrics };
  for (const metric of new Set(removed.map((e) => e.metric))) {
    const fraction = metrics[metric];
    if (!fraction) continue;
    const count = removed.filter((e) => e.metric === metric).length;
    const stillFlagged = kept.some((e) => e.metric === metric && e.kind === 'flag');
    metrics[metric] = adjust(DISMISSAL_RULES[metric], fraction, count, stillFlagged);
  }
  return { ...result, metrics, evidence: kept };
}

function adjust(rule: DismissalRule, { num, den }: Fraction, count: number, stillFlagged: boolean): Fraction {
  switch (rule) {
    case 'perMatch':
      return { num: Math.max(0, num - 100 * count), den };
    case 'perFlag':
      return { num: Math.max(0, num - count), den };
    case 'lateResponse':
      return { num: Math.min(den, num + count), den };
    case 'anyFlag':
      return { num: stillFlagged ? num : 0, den };
    case 'missing':
      return { num: 1, den };
    case 'evidenceOnly':
      return { num, den };
  }
}

function matches(dismissal: Dismissal, evidence: Evidence): boolean {
  return (
    dismissal.metric === evidence.metric &&
    dismissal.turnIndex === evidence.turnIndex &&
    dismissal.start === evidence.start &&
    dismissal.end === evidence.end &&
    (dismissal.text === undefined || dismissal.text === evidence.text)
  );
}
