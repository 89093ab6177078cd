import type { EngineOptions } from '@rapport/metrics';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { analyzeAfterGrowth } from '../db/planner-statistics.ts';
import { ingestedConversations, ingestedTurns, rejectedRecords } from '../observability/metrics.ts';
import { loadEngineOptions } from '../organisations/config.repository.ts';
import { organisationTimeZone } from '../organisations/organisations.repository.ts';
import { yieldToEventLoop } from './event-loop.ts';
import type { ParsedItem } from './jsonl.ts';
import type { ConversationRecord } from './record.ts';
import { scoreBatch } from './score.ts';
import {
  type PreparedBatch,
  prepareBatch,
  type ScoredConversation,
  storeBatch,
  storePrepared,
} from './store.ts';
import { printable } from './text-safety.ts';

export interface Rejection {
  line: number;
  error: string;
}

/** The CLI's and the upload endpoint's summary (DESIGN.md). `accepted` counts every stored record. */
export interface IngestSummary {
  accepted: number;
  updated: number;
  rejected: Rejection[];
}

export interface IngestOptions {
  organisationId?: string;
  /** Conversations written per transaction; memory stays flat at about this many records. */
  batchSize?: number;
  /** Defaults to the organisation's configuration (response targets, lexicons, scripts). */
  engine?: EngineOptions;
  onProgress?: (progress: { accepted: number; rejected: number }) => void;
}

/**
 * Scores and stores a stream of parsed records batch by batch. A record is either stored whole or
 * rejected with its line; when a batch fails in the database, its records are retried one by one so
 * that only the culprit is rejected.
 */
export async function ingest(
  db: Kysely<Database>,
  items: AsyncIterable<ParsedItem> | Iterable<ParsedItem>,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const organisationId = options.organisationId ?? 'default';
  const batchSize = options.batchSize ?? 500;
  const engine = options.engine ?? (await loadEngineOptions(db, organisationId));
  const summary: IngestSummary = { accepted: 0, updated: 0, rejected: [] };
  let batch: { line: number; record: ConversationRecord }[] = [];

  // Read once: each batch's transaction checks it again (storePrepared).
  const timeZone = await organisationTimeZone(db, organisationId);
  const store = async (pending: (ScoredConversation & { line: number })[], prepared: PreparedBatch) => {
    try {
      const { updated } = await storePrepared(db, organisationId, prepared);
      summary.accepted += pending.length;
      summary.updated += updated;
      countStored(pending);
    } catch {
      await storeOneByOne(db, organisationId, pending, summary);
    }
    options.onProgress?.({ accepted: summary.accepted, rejected: summary.rejected.length });
  };
  // Three stages overlap: while one batch is written, the next is scored (in the scoring pool's
  // workers when there is one) and its rows' COPY text prepared, and the one after is parsed. Batches
  // are stored strictly in order, so a later duplicate id still wins, and at most two batches wait
  // behind the parser: memory stays flat.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const unscored = batch;
    batch = [];
    const scored = scoreBatch(db, organisationId, unscored, engine);
    const previous = writing;
    writing = (async () => {
      const pending = await scored;
      const prepared = prepareBatch(organisationId, timeZone, pending);
      await previous;
      await yieldToEventLoop();
      await store(pending, prepared);
    })();
    // A failure is raised where `writing` is awaited: at the next batch or at the end.
    writing.catch(() => undefined);
    await previous;
  };

  for await (const item of items) {
    if ('error' in item) {
      summary.rejected.push({ line: item.line, error: printable(item.error) });
      continue;
    }
    batch.push({ line: item.line, record: item.record });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await writing;
  await analyzeAfterGrowth(db, organisationId, summary.accepted);
  rejectedRecords.inc(summary.rejected.length);
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

async function storeOneByOne(
  db: Kysely<Database>,
  organisationId: string,
  batch: readonly (ScoredConversation & { line: number })[],
  summary: IngestSummary,
) {
  for (const item of batch) {
    try {
      const { updated } = await storeBatch(db, organisationId, [item]);
      summary.accepted += 1;
      summary.updated += updated;
      countStored([item]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      summary.rejected.push({ line: item.line, error: printable(`could not be stored: ${reason}`) });
    }
  }
}

/** The ingest rates of `/metrics`: conversations and turns stored, whichever path stored them. */
function countStored(stored: readonly ScoredConversation[]) {
  ingestedConversations.inc(stored.length);
  ingestedTurns.inc(stored.reduce((turns, item) => turns + item.record.turns.length, 0));
}
