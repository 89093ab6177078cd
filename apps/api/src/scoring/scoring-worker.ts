import { parentPort } from 'node:worker_threads';
import type { EngineOptions } from '@rapport/metrics';
import { scoreConversation } from '../ingest/score.ts';
import type { ScoringTask } from './scoring-pool.ts';

/**
 * A scoring worker: batches in, results out. Options arrive as copies, so equal configurations are
 * kept as one object: the engine compiles its lexicon matchers once per configuration object.
 */
const configurations = new Map<string, EngineOptions>();
const MAX_CONFIGURATIONS = 32;

function sameOptions(engine: EngineOptions): EngineOptions {
  const key = JSON.stringify(engine);
  let kept = configurations.get(key);
  if (!kept) {
    if (configurations.size >= MAX_CONFIGURATIONS) configurations.clear();
    kept = engine;
    configurations.set(key, kept);
  }
  return kept;
}

parentPort?.on(
  'message',
  ({ id, tasks, engine }: { id: number; tasks: ScoringTask[]; engine: EngineOptions }) => {
    try {
      const options = sameOptions(engine);
      const results = tasks.map((t) => scoreConversation(t.record, options, t.dismissals));
      // As one JSON string: results are thousands of small objects, which a structured clone copies
      // one by one at about twice the cost of JSON's stringify and parse (numbers and strings only).
      parentPort?.postMessage({ id, results: JSON.stringify(results) });
    } catch (error) {
      parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  },
);
