import { METRICS, type MetricId } from '@rapport/metrics';
import { ABCD_START, ABCD_TURN_STEP_MS } from './abcd.ts';
import type { DatasetKey, DatasetRun, LabelJudgement, RealDataRun, SentimentSet } from './analyse.ts';
import { falsePositiveFindings } from './false-positives.ts';
import type { Finding } from './finding.ts';
import { flags, value } from './flags.ts';
import type { BehaviourComparison, Tally, TurnVerdict } from './label-comparison.ts';
import type { BehaviourId } from './labelled-turns.ts';
import { SAME_AS_PYTHON, type SignAgreement } from './sentiment-check.ts';
import { distribution } from './stats.ts';
import type { Quote } from './template.ts';

/**
 * What `docs/metrics-on-real-data.md` says, as data: per data set what was converted, the metric
 * distributions, the scorecard check and flagged examples; each false positive found as a finding with
 * its figures and examples; the sentiment and hand-label judgements. Pure, from a `RealDataRun`; the
 * document is rendered from it (`render.ts`) and `pnpm real-data` writes it beside the document as
 * JSON, so a figure can be read by a script and diffed without its prose.
 */
export interface Findings {
  /** The days every scorecard covers (the stored conversations' first and last day, UTC). */
  range: { from: string; to: string };
  datasets: DatasetFindings[];
  /** In the report's order: fixed in the converters, then the engine's, then the proposed ones. */
  findings: Finding[];
  sentiment: SentimentFindings;
  labels: LabelFindings;
}

export interface DatasetFindings {
  key: DatasetKey;
  conversion: {
    items: number;
    rejectedByConverter: number;
    rejectedAtIngest: number;
    stored: number;
    /** Stored conversations scored by the engine, which every distribution and finding reads. */
    scored: number;
    turns: number;
    agents: number;
    /** First and last day of the stored conversations (UTC); null when none was stored. */
    days: { from: string; to: string } | null;
  };
  /** The clock a converter invents for a set that has none (ABCD), which every time metric reads. */
  syntheticClock: { start: string; turnStepSeconds: number } | null;
  rejected: { source: string; error: string }[];
  /** One value per stored conversation, per metric with a value in at least one. */
  distributions: DistributionRow[];
  /** Metrics that are null for every stored conversation. */
  alwaysNull: MetricId[];
  scorecards: ScorecardFindings;
  /** Per metric with flags: how many, and the first few from different conversations. */
  flagged: { metric: MetricId; flags: number; examples: FlaggedExample[] }[];
}

export interface DistributionRow {
  metric: MetricId;
  n: number;
  min: number;
  median: number;
  p90: number;
  max: number;
  /** A time metric over a synthetic clock: a number that means nothing. */
  syntheticTime: boolean;
}

export interface ScorecardFindings {
  agents: number;
  /** The metric ids shown per agent, chosen for what the set can measure. */
  columns: MetricId[];
  /** The agents with the most conversations (ties by id), with their values of `columns`. */
  shown: { agentId: string; conversations: number; values: Partial<Record<MetricId, number | null>> }[];
  /** Agents whose stored scorecard differs from the same facts pooled in memory (should be none). */
  mismatches: string[];
}

export interface FlaggedExample {
  conversation: string;
  turn: number;
  quote: Quote;
  suggestion: string | null;
}

export type { Example, Finding, FindingStatus } from './finding.ts';

export interface SentimentFindings {
  sets: SentimentSetFindings[];
  /** The VADER README's examples: Python's compound, the engine's, and whether they agree. */
  examples: { text: string; vader: number; engine: number; same: boolean }[];
}

export interface Agreement extends SignAgreement {
  /** agree / n; null when no item is clearly rated. */
  share: number | null;
}

export interface SentimentSetFindings
  extends Omit<SentimentSet, 'engine' | 'vader' | 'worst' | 'differences'> {
  barMet: boolean;
  engine: Agreement;
  vader: Agreement;
  differences: { id: string; engine: number; vader: number; text: string }[];
  /** The three items where the engine and the humans disagree most. */
  worst: SentimentSet['worst'];
}

/** Issue 11's bars: the four frequent behaviours by precision and recall, the rarer ones by false flags. */
export type Bar =
  | { kind: 'precision-recall'; precision: number; recall: number }
  | { kind: 'false-flags'; max: number };

const FREQUENT = new Set<BehaviourId>(['negativeLanguage', 'empathy', 'thanks', 'clarifyingQuestion']);
const PRECISION_RECALL_BAR: Bar = { kind: 'precision-recall', precision: 0.9, recall: 0.8 };
const FALSE_FLAGS_BAR: Bar = { kind: 'false-flags', max: 2 };

export interface LabelFindings {
  turns: number;
  conversations: number;
  behaviours: BehaviourFindings[];
}

export interface BehaviourFindings {
  id: BehaviourId;
  metric: MetricId;
  counts: 'flag' | 'credit';
  /** Compared on the agent's first three statements only, as the metric reads them. */
  opening: boolean;
  turns: number;
  perTurn: Tally;
  perConversation: Tally;
  perInstance: Tally | null;
  bar: Bar;
  meetsBar: boolean;
  falsePositives: TurnVerdictFindings[];
  falseNegatives: TurnVerdictFindings[];
  conversationFalsePositives: ConversationVerdict[];
  conversationFalseNegatives: ConversationVerdict[];
}

export interface TurnVerdictFindings {
  dataset: DatasetKey;
  conversation: string;
  turn: number;
  text: string;
  /** The evidence texts that predicted the behaviour (empty for a miss). */
  evidence: string[];
  /** The labelled phrases of the behaviour (empty for a false positive). */
  phrases: string[];
  note: string | null;
}

/** A conversation the metric value gets wrong: its labelled phrases and its labelled agent turns. */
export interface ConversationVerdict {
  dataset: DatasetKey | null;
  conversation: string;
  phrases: string[];
  turns: { turn: number; text: string }[];
}

const AGENT_COLUMNS: Record<DatasetKey, MetricId[]> = {
  harperValley: [
    'responseTimeMs',
    'interruptionsPerConversation',
    'talkRatio',
    'clarifyingQuestionRate',
    'thankRate',
    'avgSentenceWords',
    'personalizationRate',
    'csat',
  ],
  ibmTwitter: [
    'responseTimeMs',
    'responseWithinTargetRate',
    'clarifyingQuestionRate',
    'empathyRate',
    'thankRate',
    'negativeLanguagePer100Words',
    'avgSentenceWords',
    'customerSentimentShift',
  ],
  abcd: [
    'clarifyingQuestionRate',
    'empathyRate',
    'thankRate',
    'personalizationRate',
    'negativeLanguagePer100Words',
    'overpromiseRate',
    'avgSentenceWords',
    'customerSentimentShift',
  ],
};

/** Metrics that only measure time: artefacts of the synthetic clock for ABCD. */
const TIME_METRICS = new Set<MetricId>([
  'firstResponseMs',
  'responseTimeMs',
  'responseTimeP90Ms',
  'responseWithinTargetRate',
  'handleTimeMs',
]);

const SHOWN_AGENTS = 10;
const EXAMPLES_PER_METRIC = 3;
const WORST_SHOWN = 3;

export function findings(run: RealDataRun): Findings {
  return {
    range: run.range,
    datasets: run.datasets.map(datasetFindings),
    findings: falsePositiveFindings(run),
    sentiment: sentimentFindings(run.sentiment),
    labels: labelFindings(run.labels),
  };
}

function datasetFindings(d: DatasetRun): DatasetFindings {
  const records = d.scored.map((s) => s.record);
  const days = records.map((r) => r.startedAt.slice(0, 10)).sort();
  const rejectedByConverter = d.converted.filter((c) => !c.result.ok).length;
  const distributions: DistributionRow[] = [];
  const alwaysNull: MetricId[] = [];
  for (const { id } of METRICS) {
    // A day count exists only per agent and period, never per conversation.
    if (id === 'conversationsPerDay') continue;
    const dist = distribution(d.scored.flatMap((s) => value(s, id) ?? []));
    if (dist)
      distributions.push({ metric: id, ...dist, syntheticTime: d.key === 'abcd' && TIME_METRICS.has(id) });
    else alwaysNull.push(id);
  }
  return {
    key: d.key,
    conversion: {
      items: d.converted.length,
      rejectedByConverter,
      rejectedAtIngest: d.rejected.length - rejectedByConverter,
      stored: d.accepted,
      scored: d.scored.length,
      turns: records.reduce((n, r) => n + r.turns.length, 0),
      agents: new Set(records.map((r) => r.agent.id)).size,
      days: days.length ? { from: days[0] as string, to: days.at(-1) as string } : null,
    },
    syntheticClock:
      d.key === 'abcd' ? { start: ABCD_START, turnStepSeconds: ABCD_TURN_STEP_MS / 1000 } : null,
    rejected: d.rejected,
    distributions,
    alwaysNull,
    scorecards: scorecardFindings(d),
    flagged: flaggedExamples(d),
  };
}

function scorecardFindings(d: DatasetRun): ScorecardFindings {
  const columns = AGENT_COLUMNS[d.key];
  const cards = [...d.scorecards].sort(
    (a, b) => b.conversations - a.conversations || a.agentId.localeCompare(b.agentId),
  );
  return {
    agents: cards.length,
    columns,
    shown: cards.slice(0, SHOWN_AGENTS).map((card) => ({
      agentId: card.agentId,
      conversations: card.conversations,
      values: Object.fromEntries(columns.map((c) => [c, card.metrics[c] ?? null])),
    })),
    mismatches: d.scorecardMismatches,
  };
}

/** Up to three flags per metric, from different conversations, in data order. */
function flaggedExamples(d: DatasetRun): DatasetFindings['flagged'] {
  const all = flags(d.scored);
  return METRICS.flatMap(({ id }) => {
    const ofMetric = all.filter((f) => f.evidence.metric === id);
    if (ofMetric.length === 0) return [];
    const seen = new Set<string>();
    const picked = ofMetric.filter((f) => {
      if (seen.has(f.scored.record.id) || seen.size >= EXAMPLES_PER_METRIC) return false;
      seen.add(f.scored.record.id);
      return true;
    });
    return [
      {
        metric: id,
        flags: ofMetric.length,
        examples: picked.map((f) => ({
          conversation: f.scored.record.id,
          turn: f.evidence.turnIndex,
          quote: { text: f.turnText, start: f.evidence.start, end: f.evidence.end },
          suggestion: f.evidence.suggestion ?? null,
        })),
      },
    ];
  });
}

function agreement(a: SignAgreement): Agreement {
  return { ...a, share: a.n === 0 ? null : a.agree / a.n };
}

function sentimentFindings(sentiment: RealDataRun['sentiment']): SentimentFindings {
  return {
    sets: sentiment.sets.map((s) => ({
      ...s,
      barMet: s.engineR !== null && s.engineR >= s.bar,
      engine: agreement(s.engine),
      vader: agreement(s.vader),
      worst: s.worst.slice(0, WORST_SHOWN),
    })),
    examples: sentiment.examples.map((e) => ({
      ...e,
      same: Math.abs(e.engine - e.vader) <= SAME_AS_PYTHON,
    })),
  };
}

export function meetsBar(comparison: Pick<BehaviourComparison, 'perTurn'>, bar: Bar): boolean {
  const { precision, recall, fp } = comparison.perTurn;
  if (bar.kind === 'false-flags') return fp <= bar.max;
  return precision !== null && precision >= bar.precision && recall !== null && recall >= bar.recall;
}

function labelFindings(labels: LabelJudgement): LabelFindings {
  const verdict = (c: BehaviourComparison, v: TurnVerdict): TurnVerdictFindings => ({
    dataset: v.label.dataset,
    conversation: v.label.conversation,
    turn: v.label.turn,
    text: v.label.text,
    evidence: v.evidence,
    phrases: v.label.phrases[c.behaviour.id] ?? [],
    note: v.label.note ?? null,
  });
  const conversation = (c: BehaviourComparison, id: string): ConversationVerdict => {
    const turns = labels.labelled.filter((l) => l.conversation === id);
    return {
      dataset: turns[0]?.dataset ?? null,
      conversation: id,
      phrases: turns.flatMap((l) => l.phrases[c.behaviour.id] ?? []),
      turns: turns.map((l) => ({ turn: l.turn, text: l.text })),
    };
  };
  return {
    turns: labels.turns,
    conversations: labels.conversations,
    behaviours: labels.behaviours.map((c) => {
      const bar = FREQUENT.has(c.behaviour.id) ? PRECISION_RECALL_BAR : FALSE_FLAGS_BAR;
      return {
        id: c.behaviour.id,
        metric: c.behaviour.metric,
        counts: c.behaviour.counts,
        opening: 'opening' in c.behaviour && c.behaviour.opening,
        turns: c.turns,
        perTurn: c.perTurn,
        perConversation: c.perConversation,
        perInstance: c.perInstance,
        bar,
        meetsBar: meetsBar(c, bar),
        falsePositives: c.falsePositives.map((v) => verdict(c, v)),
        falseNegatives: c.falseNegatives.map((v) => verdict(c, v)),
        conversationFalsePositives: c.conversationFalsePositives.map((id) => conversation(c, id)),
        conversationFalseNegatives: c.conversationFalseNegatives.map((id) => conversation(c, id)),
      };
    }),
  };
}
