import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '@rapport/api/db/connect.ts';
import { migrateToLatest } from '@rapport/api/db/migrate.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import type { ParsedItem } from '@rapport/api/ingest/jsonl.ts';
import type { ConversationRecord } from '@rapport/api/ingest/record.ts';
import { agentScorecard, type Scorecard } from '@rapport/api/scorecard/scorecard.ts';
import {
  addFractions,
  type ConversationResult,
  computeConversation,
  type Fraction,
  type MetricId,
  type MetricValues,
  type PeriodTotals,
  periodValues,
} from '@rapport/metrics';
import type { Converted } from './converted.ts';
import {
  type BehaviourComparison,
  compareWithLabels,
  type LabelledConversation,
  staleLabels,
} from './label-comparison.ts';
import { type LabelledTurn, loadLabelledTurns } from './labelled-turns.ts';
import { DATASET_FOLDERS, loadAbcd, loadHarperValley, loadIbmTwitter } from './load.ts';
import { withUrlsAsOneWord } from './probes.ts';
import {
  engineSentiment,
  parseGroundTruth,
  parseReadmeExamples,
  parseVaderScores,
  type RatedText,
  REFERENCE_SETS,
  SAME_AS_PYTHON,
  type SignAgreement,
  signAgreement,
} from './sentiment-check.ts';
import { pearson } from './stats.ts';

/**
 * The whole run behind `docs/metrics-on-real-data.md`: convert the three data sets, ingest them into
 * a fresh embedded database, score every conversation with the engine, read every agent's scorecard,
 * run the probes of the false positives and judge the sentiment function. I/O lives here; the
 * document is rendered from the result by `findings.ts` and `render.ts`.
 */
export type DatasetKey = 'harperValley' | 'ibmTwitter' | 'abcd';

export interface Scored {
  record: ConversationRecord;
  result: ConversationResult;
}

export interface DatasetRun {
  key: DatasetKey;
  converted: Converted[];
  accepted: number;
  /** Conversion and ingest rejections, by source item. */
  rejected: { source: string; error: string }[];
  scored: Scored[];
  scorecards: Scorecard[];
  /** Agents whose stored scorecard differs from the same facts pooled in memory (should be none). */
  scorecardMismatches: string[];
}

/** What the traps and the proposed engine fixes change, measured on the data. */
export interface Probes {
  harperValley: {
    nonSpeechSegments: number;
    segments: number;
    withNoise: Scored[];
    withChannelStartMs: Scored[];
  };
  ibmTwitter: {
    withUrlsAsOneWord: Scored[];
    withHandleAsName: Scored[];
    replyPrefixes: number;
    entities: Record<string, number>;
  };
}

export interface SentimentSet {
  name: string;
  n: number;
  engineR: number | null;
  vaderR: number | null;
  /** The r the engine must reach on this set. */
  bar: number;
  /** Items whose engine score equals the Python VADER compound (within its rounding), of those with one. */
  sameAsPython: { n: number; same: number };
  /** The items whose engine score differs from Python's (where a contact-centre phrase applies). */
  differences: { id: string; engine: number; vader: number; text: string }[];
  engine: SignAgreement;
  vader: SignAgreement;
  /** Items where the engine and the humans disagree most, for the reader to see why. */
  worst: { id: string; human: number; engine: number; vader: number | null; text: string }[];
}

export interface SentimentJudgement {
  sets: SentimentSet[];
  examples: { text: string; vader: number; engine: number }[];
}

/** The engine against the hand-labelled agent turns (`fixtures/labelled-turns.json`). */
export interface LabelJudgement {
  labelled: LabelledTurn[];
  turns: number;
  conversations: number;
  behaviours: BehaviourComparison[];
}

export interface RealDataRun {
  datasets: DatasetRun[];
  range: { from: string; to: string };
  probes: Probes;
  sentiment: SentimentJudgement;
  labels: LabelJudgement;
}

export type Progress = (message: string) => void;

const ORGANISATION = 'default';
/**
 * Small batches: a batch that the database refuses is retried record by record, and a few IBM threads
 * are refused (see the report), so big batches would turn into hundreds of one-record transactions.
 */
const INGEST_BATCH = 20;

export async function analyse(datasetsDir: string, progress: Progress = () => {}): Promise<RealDataRun> {
  const folder = (key: keyof typeof DATASET_FOLDERS) => path.join(datasetsDir, DATASET_FOLDERS[key]);
  const converted: Record<DatasetKey, Converted[]> = {
    harperValley: loadHarperValley(folder('harperValley')),
    ibmTwitter: loadIbmTwitter(folder('ibmTwitter')),
    abcd: loadAbcd(folder('abcd')),
  };
  for (const [key, items] of Object.entries(converted)) {
    const failed = items.filter((c) => !c.result.ok).length;
    progress(`converted ${key}: ${items.length - failed} of ${items.length} items`);
  }

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rapport-real-data-'));
  const handle = await connect({ dataDir });
  try {
    await migrateToLatest(handle.db);
    progress(`embedded database ready in ${dataDir}`);
    const runs: DatasetRun[] = [];
    for (const key of ['harperValley', 'ibmTwitter', 'abcd'] as const) {
      const items = converted[key];
      const parsed: ParsedItem[] = items.map((c, i) =>
        c.result.ok ? { line: i + 1, record: c.result.record } : { line: i + 1, error: c.result.error },
      );
      const summary = await ingest(handle.db, parsed, {
        organisationId: ORGANISATION,
        batchSize: INGEST_BATCH,
      });
      progress(`ingested ${key}: ${summary.accepted} accepted, ${summary.rejected.length} rejected`);
      const rejectedLines = new Set(summary.rejected.map((r) => r.line));
      const scored = items.flatMap((c, i) =>
        c.result.ok && !rejectedLines.has(i + 1)
          ? [{ record: c.result.record, result: computeConversation(c.result.record) }]
          : [],
      );
      runs.push({
        key,
        converted: items,
        accepted: summary.accepted,
        rejected: summary.rejected.map((r) => ({
          source: items[r.line - 1]?.source ?? `#${r.line}`,
          error: r.error,
        })),
        scored,
        scorecards: [],
        scorecardMismatches: [],
      });
    }

    const range = dayRange(runs.flatMap((r) => r.scored.map((s) => s.record.startedAt)));
    for (const run of runs) {
      const agents = [...new Set(run.scored.map((s) => s.record.agent.id))].sort();
      for (const agentId of agents) {
        const card = await agentScorecard(handle.db, ORGANISATION, agentId, range);
        run.scorecards.push(card);
        const pooled = pooledValues(run.scored.filter((s) => s.record.agent.id === agentId));
        if (!sameValues(card.metrics, pooled)) run.scorecardMismatches.push(agentId);
      }
      progress(`scorecards ${run.key}: ${agents.length} agents from ${range.from} to ${range.to}`);
    }

    const probes = runProbes(datasetsDir, runs);
    progress('probes of the false positives done');
    const sentiment = judgeSentiment(folder('vader'));
    for (const set of sentiment.sets) {
      progress(
        `sentiment on ${set.n} ${set.name}: Pearson r ${set.engineR?.toFixed(3) ?? 'no data'} (bar ${set.bar}; Python VADER 3.3.2 ${set.vaderR?.toFixed(3) ?? 'no data'}), ${set.sameAsPython.same} of ${set.sameAsPython.n} scores equal to Python's`,
      );
    }
    const labels = judgeLabels(converted);
    progress(`engine compared with ${labels.turns} hand-labelled agent turns`);
    return { datasets: runs, range, probes, sentiment, labels };
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function dayRange(instants: readonly string[]): { from: string; to: string } {
  const days = instants.map((at) => new Date(at).toISOString().slice(0, 10)).sort();
  return { from: days[0] ?? '1970-01-01', to: days.at(-1) ?? '1970-01-01' };
}

/** The same facts pooled in memory as the rollups pool them (METRICS.md: Σ num / Σ den, pooled p90). */
export function pooledValues(scored: readonly Scored[]): MetricValues {
  const sums: Partial<Record<MetricId, Fraction>> = {};
  const totals: PeriodTotals = { conversations: scored.length, activeDays: 0, sums, responseGapsMs: [] };
  const days = new Set<string>();
  for (const { record, result } of scored) {
    addFractions(sums, result.metrics);
    totals.responseGapsMs.push(...result.responseGapsMs);
    days.add(new Date(record.startedAt).toISOString().slice(0, 10));
  }
  totals.activeDays = days.size;
  return periodValues(totals);
}

function sameValues(a: MetricValues, b: MetricValues): boolean {
  return (Object.keys(b) as MetricId[]).every((id) => {
    const x = a[id];
    const y = b[id];
    if (x === null || y === null) return x === y;
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
  });
}

function score(records: readonly ConversationRecord[]): Scored[] {
  return records.map((record) => ({ record, result: computeConversation(record) }));
}

function records(items: readonly Converted[]): ConversationRecord[] {
  return items.flatMap((c) => (c.result.ok ? [c.result.record] : []));
}

function runProbes(datasetsDir: string, runs: readonly DatasetRun[]): Probes {
  const hvFolder = path.join(datasetsDir, DATASET_FOLDERS.harperValley);
  const withNoise = records(loadHarperValley(hvFolder, { keepNonSpeech: true }));
  const kept = runs.find((r) => r.key === 'harperValley')?.scored ?? [];
  const segments = withNoise.reduce((n, r) => n + r.turns.length, 0);
  const nonSpeech = segments - kept.reduce((n, s) => n + s.record.turns.length, 0);

  const ibmFolder = path.join(datasetsDir, DATASET_FOLDERS.ibmTwitter);
  const storedIbm = new Set(runs.find((r) => r.key === 'ibmTwitter')?.scored.map((s) => s.record.id));
  const ibm = records(loadIbmTwitter(ibmFolder)).filter((r) => storedIbm.has(r.id));
  const naive = records(loadIbmTwitter(ibmFolder, { keepReplyPrefix: true, handleAsName: true })).filter(
    (r) => storedIbm.has(r.id),
  );
  const raw = JSON.parse(readFileSync(path.join(ibmFolder, 'test.json'), 'utf8'));
  const tweets: string[] = Array.isArray(raw)
    ? raw.flatMap((c) => [
        ...(Array.isArray(c?.dialogContent)
          ? c.dialogContent.map((m: { message?: unknown }) => m?.message)
          : []),
        c?.agentURL?.url_utterance,
      ])
    : [];
  const texts = tweets.filter((t): t is string => typeof t === 'string');
  const entities: Record<string, number> = {};
  for (const text of texts) {
    for (const [entity] of text.matchAll(/&(?:amp|lt|gt);/g)) entities[entity] = (entities[entity] ?? 0) + 1;
  }
  return {
    harperValley: {
      nonSpeechSegments: nonSpeech,
      segments,
      withNoise: score(withNoise),
      withChannelStartMs: score(records(loadHarperValley(hvFolder, { timeFrom: 'start_ms' }))),
    },
    ibmTwitter: {
      withUrlsAsOneWord: score(ibm.map(withUrlsAsOneWord)),
      withHandleAsName: score(naive),
      replyPrefixes: texts.filter((t) => /^\s*@\w+/.test(t)).length,
      entities,
    },
  };
}

/**
 * Scores every labelled conversation as converted (whether or not the database accepted it: the labels
 * judge the engine, not the ingest) and compares its evidence with the labels.
 */
function judgeLabels(converted: Record<DatasetKey, Converted[]>): LabelJudgement {
  const labels = loadLabelledTurns();
  const wanted = new Set(labels.map((l) => l.conversation));
  const conversations = new Map<string, LabelledConversation>();
  for (const record of Object.values(converted).flatMap(records)) {
    if (wanted.has(record.id)) conversations.set(record.id, { record, result: computeConversation(record) });
  }
  const stale = staleLabels(labels, conversations);
  if (stale.length > 0) {
    throw new Error(`labels that no longer match their turn's text: ${stale.slice(0, 5).join(', ')}`);
  }
  return {
    labelled: labels,
    turns: labels.length,
    conversations: conversations.size,
    behaviours: compareWithLabels(labels, conversations),
  };
}

function judgeSentiment(folder: string): SentimentJudgement {
  const read = (name: string) => readFileSync(path.join(folder, name), 'utf8');
  const sets = REFERENCE_SETS.map(({ name, truth, python, bar }) =>
    judgeSet(name, bar, parseGroundTruth(read(truth)), parseVaderScores(read(python))),
  );
  const examples = parseReadmeExamples(JSON.parse(read('readme_examples.json'))).map((e) => ({
    ...e,
    engine: engineSentiment(e.text),
  }));
  return { sets, examples };
}

function judgeSet(
  name: string,
  bar: number,
  rows: readonly RatedText[],
  python: ReadonlyMap<string, number>,
): SentimentSet {
  const humans = rows.map((r) => r.human);
  const engine = rows.map((r) => engineSentiment(r.text));
  const withVader = rows.flatMap((r, i) => {
    const v = python.get(r.id);
    return v === undefined ? [] : [{ human: r.human, vader: v, i }];
  });
  const worst = rows
    .map((r, i) => ({ ...r, engine: engine[i] ?? 0, vader: python.get(r.id) ?? null }))
    .filter((r) => Math.abs(r.human) >= 2 && r.engine !== 0 && Math.sign(r.engine) !== Math.sign(r.human))
    .sort((a, b) => Math.abs(b.human - 4 * b.engine) - Math.abs(a.human - 4 * a.engine))
    .slice(0, 5)
    .map(({ id, human, engine: e, vader, text }) => ({ id, human, engine: e, vader, text }));
  const differences = withVader
    .filter((x) => !(Math.abs((engine[x.i] ?? 0) - x.vader) <= SAME_AS_PYTHON))
    .map((x) => ({
      id: rows[x.i]?.id ?? '',
      engine: engine[x.i] ?? 0,
      vader: x.vader,
      text: rows[x.i]?.text ?? '',
    }));
  return {
    name,
    n: rows.length,
    bar,
    sameAsPython: { n: withVader.length, same: withVader.length - differences.length },
    differences,
    engineR: pearson(engine, humans),
    vaderR: pearson(
      withVader.map((x) => x.vader),
      withVader.map((x) => x.human),
    ),
    engine: signAgreement(humans, engine),
    vader: signAgreement(
      withVader.map((x) => x.human),
      withVader.map((x) => x.vader),
    ),
    worst,
  };
}
