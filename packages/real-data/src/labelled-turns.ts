import { readFileSync } from 'node:fs';
import type { MetricId } from '@rapport/metrics';
import { z } from 'zod';

/**
 * The hand labels of `fixtures/labelled-turns.json` (rules and counts in `fixtures/LABELLING.md`): a QA
 * reviewer's judgement per agent turn and behaviour, written before the engine's output was looked at.
 */
export const LABELLED_TURNS_FILE = new URL('./fixtures/labelled-turns.json', import.meta.url);

/**
 * Each labelled behaviour, the metric whose evidence predicts it, and which evidence counts: a flag
 * (counted against the agent) or a credit (counted in the agent's favour). `instances`: the label is a
 * count of instances, not a yes/no. `opening`: the metric reads only the agent's first three statements
 * (METRICS.md `clarifyingQuestionRate`), so only those turns are compared.
 */
export const BEHAVIOURS = [
  { id: 'negativeLanguage', metric: 'negativeLanguagePer100Words', counts: 'flag', instances: true },
  { id: 'empathy', metric: 'empathyRate', counts: 'credit', instances: false },
  { id: 'thanks', metric: 'thankRate', counts: 'credit', instances: false },
  {
    id: 'clarifyingQuestion',
    metric: 'clarifyingQuestionRate',
    counts: 'credit',
    instances: false,
    opening: true,
  },
  { id: 'jargon', metric: 'jargonPer100Words', counts: 'flag', instances: true },
  { id: 'argument', metric: 'argumentRate', counts: 'flag', instances: false },
  { id: 'overpromise', metric: 'overpromiseRate', counts: 'flag', instances: false },
  { id: 'paraphrase', metric: 'paraphraseRate', counts: 'credit', instances: false },
  { id: 'feedbackRequest', metric: 'feedbackRequestRate', counts: 'credit', instances: false },
] as const satisfies readonly {
  id: string;
  metric: MetricId;
  counts: 'flag' | 'credit';
  instances: boolean;
  opening?: boolean;
}[];

export type Behaviour = (typeof BEHAVIOURS)[number];
export type BehaviourId = Behaviour['id'];

const Count = z.number().int().min(0);
const BEHAVIOUR_IDS = BEHAVIOURS.map((b) => b.id) as [BehaviourId, ...BehaviourId[]];

export const LabelledTurnSchema = z.strictObject({
  dataset: z.enum(['harperValley', 'ibmTwitter', 'abcd']),
  /** The converted record's id. */
  conversation: z.string().min(1),
  /** Index into the converted record's `turns`, system turns included (as evidence counts them). */
  turn: Count,
  /** The turn's text when it was labelled, to catch a key that no longer points at the same words. */
  text: z.string(),
  negativeLanguage: Count,
  empathy: z.boolean(),
  thanks: z.boolean(),
  clarifyingQuestion: z.boolean(),
  jargon: Count,
  argument: z.boolean(),
  overpromise: z.boolean(),
  paraphrase: z.boolean(),
  feedbackRequest: z.boolean(),
  /** The words of the turn that justify each positive label, one entry per instance. */
  phrases: z.partialRecord(z.enum(BEHAVIOUR_IDS), z.array(z.string().min(1))),
  /** Why, where the judgement is not obvious. */
  note: z.string().optional(),
});
export type LabelledTurn = z.infer<typeof LabelledTurnSchema>;

const FixtureSchema = z.object({ about: z.string(), turns: z.array(LabelledTurnSchema).min(1) });

/** Labelled instances of a behaviour in a turn: the count, or 1 for a yes. */
export function labelledInstances(label: LabelledTurn, behaviour: BehaviourId): number {
  const value = label[behaviour];
  return typeof value === 'number' ? value : value ? 1 : 0;
}

export function parseLabelledTurns(json: unknown): LabelledTurn[] {
  const turns = FixtureSchema.parse(json).turns;
  const keys = new Set<string>();
  for (const label of turns) {
    const key = labelKey(label);
    if (keys.has(key)) throw new Error(`labelled twice: ${key}`);
    keys.add(key);
  }
  return turns;
}

export function loadLabelledTurns(file: URL = LABELLED_TURNS_FILE): LabelledTurn[] {
  return parseLabelledTurns(JSON.parse(readFileSync(file, 'utf8')));
}

export function labelKey(label: Pick<LabelledTurn, 'dataset' | 'conversation' | 'turn'>): string {
  return `${label.dataset}/${label.conversation}#${label.turn}`;
}
