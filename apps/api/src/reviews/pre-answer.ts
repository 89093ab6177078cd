import type { EvidenceKind, MetricId } from '@rapport/metrics';
import { type RubricDefinition, rubricQuestions } from './rubric.ts';

/** One piece of the engine's evidence for a conversation (as `rapport conversation --json` prints it). */
export interface EngineEvidence {
  metric: string;
  kind: EvidenceKind;
  turn: number;
  start: number;
  end: number;
  text: string;
  suggestion?: string;
}

/** What the engine found for one conversation: each metric's value and the evidence behind it. */
export interface EngineFindings {
  metrics: Partial<Record<MetricId, number | null>>;
  evidence: readonly EngineEvidence[];
}

/** The engine's answer to one linked question, with the spans that justify it. */
export interface PreAnswer {
  questionId: string;
  metric: MetricId;
  answer: 'yes' | 'no' | 'na';
  /** The flags and missing behaviours behind a "no", the credits behind a "yes"; empty when none. */
  evidence: EngineEvidence[];
}

/**
 * Pre-answers every yes/no question linked to a metric (questions are phrased so that "yes" is good):
 * - "no" when the engine flagged the metric in this conversation or found the behaviour missing;
 * - N/A when the metric does not apply to it (no value: no transfer, no known name, not a call) and
 *   the question allows N/A; no pre-answer when it does not, so the reviewer decides;
 * - "yes" otherwise, with the credits that counted for the agent.
 */
export function preAnswers(rubric: RubricDefinition, findings: EngineFindings): PreAnswer[] {
  const answers: PreAnswer[] = [];
  for (const question of rubricQuestions(rubric)) {
    const metric = question.metric;
    if (!metric || question.scale !== 'yesNo') continue;
    const mine = findings.evidence.filter((e) => e.metric === metric);
    const against = mine.filter((e) => e.kind !== 'credit');
    const value = findings.metrics[metric] ?? null;
    if (against.length > 0) {
      answers.push({ questionId: question.id, metric, answer: 'no', evidence: against });
    } else if (value === null) {
      if (question.allowNa) answers.push({ questionId: question.id, metric, answer: 'na', evidence: [] });
    } else {
      answers.push({
        questionId: question.id,
        metric,
        answer: 'yes',
        evidence: mine.filter((e) => e.kind === 'credit'),
      });
    }
  }
  return answers;
}
