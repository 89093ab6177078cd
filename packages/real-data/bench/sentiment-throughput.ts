import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sentiment } from '@rapport/metrics';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { DATASET_FOLDERS } from '../src/load.ts';
import { parseGroundTruth } from '../src/sentiment-check.ts';

const RUNS = 7;
/** Passes over the 4,200 tweets per run, so that a run is long enough for the CPU clock's resolution. */
const REPEAT = 5;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const TWEETS = path.resolve(repoRoot, '../shared/datasets', DATASET_FOLDERS.vader, 'tweets_GroundTruth.txt');

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * `pnpm bench:metrics` (its first part): the engine's `sentiment` (VADER 3.3.2 with the contact-centre phrases) in texts/s on one core, over
 * the 4,200 rated tweets, beside wink-nlp, the library it replaced, as the engine used it: the same
 * texts, the same run, median of RUNS runs after a warm-up. Wall-clock and CPU-time rates are both
 * printed: on a shared machine the process does not get its core all the time, and the CPU-time rate
 * is what one core does.
 */
function sentimentThroughput(): void {
  const texts = parseGroundTruth(readFileSync(TWEETS, 'utf8')).map((row) => row.text);
  const rate = (score: (text: string) => unknown) => {
    for (let pass = 0; pass < REPEAT; pass++) for (const text of texts) score(text);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      for (let pass = 0; pass < REPEAT; pass++) for (const text of texts) score(text);
      const used = process.cpuUsage(cpuStarted);
      const n = REPEAT * texts.length;
      wall.push(n / ((performance.now() - started) / 1000));
      cpu.push(n / ((used.user + used.system) / 1e6));
    }
    return { wall: medianOf(wall), cpu: medianOf(cpu) };
  };
  const vader = rate(sentiment);
  // loaded after, so that its model (a few MB) is not in the heap while the engine is measured
  const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  const baseline = rate((text) => nlp.readDoc(text).out(nlp.its.sentiment));
  const format = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(
    `sentiment, one core, ${texts.length} tweets × ${REPEAT}, median of ${RUNS} runs (bar 100,000 texts/s):\n` +
      `  VADER 3.3.2 + contact-centre phrases: ${format(vader.cpu)} texts per CPU-second (${format(vader.wall)} texts/s wall clock)\n` +
      `  wink-nlp 2.4.0 (replaced):            ${format(baseline.cpu)} texts per CPU-second (${format(baseline.wall)} texts/s wall clock), ×${(vader.cpu / baseline.cpu).toFixed(1)} slower`,
  );
}

sentimentThroughput();
