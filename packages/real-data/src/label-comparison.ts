import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { type ConversationResult, DEFAULT_LEXICONS, type Evidence } from '@rapport/metrics';
import {
  BEHAVIOURS,
  type Behaviour,
  type LabelledTurn,
  labelKey,
  labelledInstances,
} from './labelled-turns.ts';

export interface LabelledConversation {
  record: ConversationRecord;
  result: ConversationResult;
}

export interface TurnVerdict {
  label: LabelledTurn;
  labelled: number;
  predicted: number;
  /** The texts of the evidence items that predicted it. */
  evidence: string[];
}

export interface Tally {
  labelled: number;
  predicted: number;
  tp: number;
  fp: number;
  fn: number;
  /** null when nothing was predicted (no denominator), never 0. */
  precision: number | null;
  /** null when nothing was labelled. */
  recall: number | null;
}

export interface BehaviourComparison {
  behaviour: Behaviour;
  /** Turns compared (the opening statements only, for an `opening` behaviour). */
  turns: number;
  perTurn: Tally;
  /** For the behaviours labelled as counts: instances paired within each turn. */
  perInstance: Tally | null;
  /**
   * Per conversation, from the metric's value rather than its evidence: predicted when the metric's
   * numerator is above 0, labelled when a compared turn is. Every agent turn of a labelled
   * conversation is labelled, so this judges the number a scorecard pools.
   */
  perConversation: Tally;
  /** Conversation ids predicted but not labelled, and labelled but not predicted, by metric value. */
  conversationFalsePositives: string[];
  conversationFalseNegatives: string[];
  falsePositives: TurnVerdict[];
  falseNegatives: TurnVerdict[];
}

function tally(labelled: number, predicted: number, tp: number): Tally {
  return {
    labelled,
    predicted,
    tp,
    fp: predicted - tp,
    fn: labelled - tp,
    precision: predicted === 0 ? null : tp / predicted,
    recall: labelled === 0 ? null : tp / labelled,
  };
}

const BACKCHANNELS = new Set(DEFAULT_LEXICONS.backchannel.entries.map((e) => words(e.phrase)));

function words(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).join(' ');
}

/**
 * Input indices of the agent's first three statements: agent turns in time order (ties in input
 * order), backchannels left out, as METRICS.md's `clarifyingQuestionRate` reads them.
 */
export function openingStatements(record: ConversationRecord, count = 3): Set<number> {
  const agentTurns = record.turns
    .map((turn, index) => ({ turn, index }))
    .filter(({ turn }) => turn.speaker === 'agent' && !BACKCHANNELS.has(words(turn.text)))
    .sort((a, b) => a.turn.startMs - b.turn.startMs);
  return new Set(agentTurns.slice(0, count).map(({ index }) => index));
}

function predictions(evidence: readonly Evidence[], behaviour: Behaviour, turn: number): Evidence[] {
  return evidence.filter(
    (e) => e.metric === behaviour.metric && e.turnIndex === turn && e.kind === behaviour.counts,
  );
}

export function compareBehaviour(
  labels: readonly LabelledTurn[],
  conversations: ReadonlyMap<string, LabelledConversation>,
  behaviour: Behaviour,
): BehaviourComparison {
  const verdicts: TurnVerdict[] = [];
  for (const label of labels) {
    const conversation = conversations.get(label.conversation);
    if (!conversation) throw new Error(`no scored conversation for ${labelKey(label)}`);
    if ('opening' in behaviour && !openingStatements(conversation.record).has(label.turn)) continue;
    const evidence = predictions(conversation.result.evidence, behaviour, label.turn);
    verdicts.push({
      label,
      labelled: labelledInstances(label, behaviour.id),
      predicted: evidence.length,
      evidence: evidence.map((e) => e.text),
    });
  }
  const positive = (n: number) => (n > 0 ? 1 : 0);
  const sum = (f: (v: TurnVerdict) => number) => verdicts.reduce((total, v) => total + f(v), 0);
  const byConversation = new Map<string, { labelled: number; predicted: number }>();
  for (const id of new Set(labels.map((l) => l.conversation))) {
    const value = conversations.get(id)?.result.metrics[behaviour.metric];
    byConversation.set(id, { labelled: 0, predicted: positive(value?.num ?? 0) });
  }
  for (const v of verdicts) {
    const entry = byConversation.get(v.label.conversation);
    if (entry) entry.labelled = Math.max(entry.labelled, positive(v.labelled));
  }
  const perConversation = [...byConversation.values()];
  const conversationsWhere = (f: (c: { labelled: number; predicted: number }) => boolean) =>
    [...byConversation].filter(([, c]) => f(c)).map(([id]) => id);
  const count = (f: (c: { labelled: number; predicted: number }) => number) =>
    perConversation.reduce((total, c) => total + f(c), 0);
  return {
    behaviour,
    turns: verdicts.length,
    perTurn: tally(
      sum((v) => positive(v.labelled)),
      sum((v) => positive(v.predicted)),
      sum((v) => positive(v.labelled) * positive(v.predicted)),
    ),
    perInstance: behaviour.instances
      ? tally(
          sum((v) => v.labelled),
          sum((v) => v.predicted),
          sum((v) => Math.min(v.labelled, v.predicted)),
        )
      : null,
    perConversation: tally(
      count((c) => c.labelled),
      count((c) => c.predicted),
      count((c) => c.labelled * c.predicted),
    ),
    conversationFalsePositives: conversationsWhere((c) => c.predicted > 0 && c.labelled === 0),
    conversationFalseNegatives: conversationsWhere((c) => c.labelled > 0 && c.predicted === 0),
    falsePositives: verdicts.filter((v) => v.predicted > 0 && v.labelled === 0),
    falseNegatives: verdicts.filter((v) => v.labelled > 0 && v.predicted === 0),
  };
}

export function compareWithLabels(
  labels: readonly LabelledTurn[],
  conversations: ReadonlyMap<string, LabelledConversation>,
): BehaviourComparison[] {
  return BEHAVIOURS.map((behaviour) => compareBehaviour(labels, conversations, behaviour));
}

/**
 * Checks that every label still points at the words it was given for: a converter change that shifts
 * turn indices would otherwise compare labels with the wrong turns.
 */
export function staleLabels(
  labels: readonly LabelledTurn[],
  conversations: ReadonlyMap<string, LabelledConversation>,
): string[] {
  return labels.flatMap((label) => {
    const turn = conversations.get(label.conversation)?.record.turns[label.turn];
    return turn?.speaker === 'agent' && turn.text === label.text ? [] : [labelKey(label)];
  });
}
