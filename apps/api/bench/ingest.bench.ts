/**
 * `pnpm bench:ingest`: ingest throughput on PostgreSQL and on PGlite, each against a raw COPY of the
 * same turns into an unindexed table of the same database, measured in the same run, and the ingest
 * process's peak memory as the file grows (a quarter of the file, then all of it).
 *   BENCH_CONVERSATIONS (default 100000), BENCH_RUNS (default 3), BENCH_KINDS (default
 *   postgres,pglite), BENCH_DATABASE_URL.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writeDemoFile } from '../src/demo/load.ts';
import { REPO_ROOT } from '../src/env.ts';
import { parseJsonl } from '../src/ingest/jsonl.ts';
import { withPgliteDirectory, withServerDatabase } from './bench-databases.ts';
import { medianOf } from './samples.ts';

const SIZE = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DIR = path.join(REPO_ROOT, '.bench');
const KINDS = (process.env.BENCH_KINDS ?? 'postgres,pglite').split(',') as Kind[];
type Kind = 'postgres' | 'pglite';

async function main() {
  fs.mkdirSync(DIR, { recursive: true });
  const sizes = [Math.round(SIZE / 4), SIZE];
  const files = new Map<number, string>();
  for (const size of sizes) {
    const file = path.join(DIR, `demo-${size}.jsonl`);
    if (!fs.existsSync(file)) {
      process.stderr.write(`generating ${size} conversations → ${file}\n`);
      await writeDemoFile(file, { conversations: size });
    }
    files.set(size, file);
  }
  const bigFile = files.get(SIZE) as string;
  const turnRows = await turnsAsCopyText(bigFile);
  const turnCount = turnRows.count;
  console.log(
    `file: ${SIZE} conversations, ${turnCount} turns, ${(fs.statSync(bigFile).size / 1e6).toFixed(0)} MB`,
  );

  for (const kind of KINDS) {
    const ingestRates: number[] = [];
    const copyRates: number[] = [];
    const peaks = new Map<number, number[]>();
    for (let run = 1; run <= RUNS; run++) {
      for (const size of sizes) {
        const { seconds, peakRss } = await timedIngest(kind, files.get(size) as string);
        peaks.set(size, [...(peaks.get(size) ?? []), peakRss]);
        if (size === SIZE) {
          ingestRates.push(SIZE / seconds);
          console.log(`${kind} run ${run}: ingest ${SIZE} conversations in ${seconds.toFixed(1)} s`);
        }
      }
      const copySeconds = await (kind === 'postgres' ? timedCopy : timedPgliteCopy)(turnRows.text);
      copyRates.push(turnCount / copySeconds);
      console.log(`${kind} run ${run}: raw COPY of ${turnCount} turns in ${copySeconds.toFixed(2)} s`);
    }

    const ingestConversations = medianOf(ingestRates);
    const ingestTurns = ingestConversations * (turnCount / SIZE);
    const copyTurns = medianOf(copyRates);
    const bar = kind === 'postgres' ? 0.25 : 0.5;
    console.log(`\nmedians of ${RUNS} runs (${kind}, same machine, same run):`);
    console.log(`  ingest:   ${fmt(ingestConversations)} conversations/s, ${fmt(ingestTurns)} turns/s`);
    console.log(`  raw COPY: ${fmt(copyTurns)} turns/s into an unindexed table of the same database`);
    console.log(`  ingest / COPY: ${(ingestTurns / copyTurns).toFixed(2)} (target ≥ ${bar})`);
    for (const size of sizes) {
      console.log(
        `  peak RSS while ingesting ${size} conversations: ${fmt(medianOf(peaks.get(size) ?? []) / 1e6)} MB`,
      );
    }
    console.log('');
  }
}

/**
 * One ingest in a process of its own, so that its peak memory (the kernel's max RSS) is the ingest's
 * alone, not this process's, which holds the COPY rows.
 */
async function timedIngest(kind: Kind, file: string): Promise<{ seconds: number; peakRss: number }> {
  const run = (env: Record<string, string>) => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'ingest-once.ts'), file],
      { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`ingest failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop() as string);
    return { seconds: result.seconds, peakRss: result.maxRssKb * 1024 };
  };
  if (kind === 'postgres')
    return withServerDatabase('rapport_bench', (url) => Promise.resolve(run({ DATABASE_URL: url })));
  return withPgliteDirectory('rapport-bench', (dataDir) =>
    Promise.resolve(run({ DATABASE_URL: '', RAPPORT_DATA_DIR: dataDir })),
  );
}

/** The same turns as tab-separated COPY rows, built before timing so only the database is measured. */
async function turnsAsCopyText(file: string): Promise<{ text: string[]; count: number }> {
  const chunks: string[] = [];
  let current = '';
  let count = 0;
  for await (const item of parseJsonl(fs.createReadStream(file, { encoding: 'utf8' }))) {
    if (!('record' in item)) continue;
    for (const [idx, t] of item.record.turns.entries()) {
      current += `${item.record.id}\t${idx}\t${t.speaker}\t${escapeCopy(t.text)}\t${t.startMs}\t${t.endMs ?? '\\N'}\n`;
      count += 1;
    }
    if (current.length > 1 << 20) {
      chunks.push(current);
      current = '';
    }
  }
  chunks.push(current);
  return { text: chunks, count };
}

function escapeCopy(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

async function timedCopy(chunks: string[]): Promise<number> {
  return withServerDatabase('rapport_bench', async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      'CREATE TABLE raw_turns (conversation_id text, idx int, speaker text, text text, start_ms int, end_ms int)',
    );
    const started = performance.now();
    await pipeline(Readable.from(chunks), client.query(copyFrom('COPY raw_turns FROM STDIN')));
    const seconds = (performance.now() - started) / 1000;
    await client.end();
    return seconds;
  });
}

/** PGlite's own COPY of the same rows, read from a blob, into an unindexed table on disk. */
async function timedPgliteCopy(chunks: string[]): Promise<number> {
  return withPgliteDirectory('rapport-bench', async (dataDir) => {
    const pglite = await PGlite.create(dataDir);
    await pglite.query(
      'CREATE TABLE raw_turns (conversation_id text, idx int, speaker text, text text, start_ms int, end_ms int)',
    );
    const blob = new Blob(chunks);
    const started = performance.now();
    await pglite.query("COPY raw_turns FROM '/dev/blob'", [], { blob });
    const seconds = (performance.now() - started) / 1000;
    await pglite.close();
    return seconds;
  });
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
