import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConversationResult, Dismissal, EngineOptions } from '@rapport/metrics';
import type { ConversationRecord } from '../ingest/record.ts';

/** One conversation to score, with the upheld disputes that dismiss some of its flags. */
export interface ScoringTask {
  record: ConversationRecord;
  dismissals: readonly Dismissal[];
}

/**
 * Scores batches in `worker_threads`, off the API's event loop (the engine is synchronous: a batch
 * of a thousand conversations holds a thread for a while). Each batch goes to the worker with the
 * fewest batches waiting, so concurrent ingests, uploads and recomputes share every core; the caller
 * awaits its batch before reading the next, which keeps memory flat.
 */
export interface ScoringPool {
  readonly size: number;
  score(tasks: readonly ScoringTask[], engine: EngineOptions): Promise<ConversationResult[]>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (results: ConversationResult[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Cores − 1 (the event loop keeps one), at least 1. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function startScoringPool(size = defaultPoolSize()): ScoringPool {
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = Array.from({ length: size }, () => startSlot());

  function startSlot(): Slot {
    // The workers run TypeScript as the app does, through tsx (scoring-worker.mjs registers it).
    const worker = new Worker(new URL('./scoring-worker.mjs', import.meta.url));
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (message: { id: number; results?: string; error?: string }) => {
      const waiting = slot.pending.get(message.id);
      if (!waiting) return;
      slot.pending.delete(message.id);
      if (message.results !== undefined) waiting.resolve(JSON.parse(message.results) as ConversationResult[]);
      else waiting.reject(new Error(message.error ?? 'the scoring worker failed'));
    });
    const failAll = (error: Error) => {
      for (const waiting of slot.pending.values()) waiting.reject(error);
      slot.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      failAll(new Error(`a scoring worker stopped (exit code ${code})`));
      // A worker that died (not one the pool closed) is replaced, so the pool keeps its size.
      if (!closed) slots[slots.indexOf(slot)] = startSlot();
    });
    return slot;
  }

  return {
    size,
    score(tasks, engine) {
      if (closed) return Promise.reject(new Error('the scoring pool is closed'));
      if (tasks.length === 0) return Promise.resolve([]);
      const slot = slots.reduce((least, s) => (s.pending.size < least.pending.size ? s : least));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, tasks, engine });
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
