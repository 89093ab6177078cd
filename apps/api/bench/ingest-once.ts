/** `pnpm bench:ingest`'s measured step: ingest one file into DATABASE_URL, print seconds and peak RSS. */
import fs from 'node:fs';
import { openDatabase } from '../src/db/open.ts';
import { readEnv } from '../src/env.ts';
import { ingest } from '../src/ingest/ingest.ts';
import { parseJsonl } from '../src/ingest/jsonl.ts';
import { withScoringPool } from '../src/ingest/score.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: ingest-once.ts FILE (with DATABASE_URL set)');
const handle = await openDatabase(readEnv());
const started = performance.now();
// As `rapport ingest` does for a file this large: scored in worker threads while this thread parses.
const summary = await withScoringPool(() =>
  ingest(handle.db, parseJsonl(fs.createReadStream(file, { encoding: 'utf8' }))),
);
const seconds = (performance.now() - started) / 1000;
await handle.close();
if (summary.rejected.length > 0)
  throw new Error(`bench file had rejected lines: ${summary.rejected[0]?.error}`);
console.log(
  JSON.stringify({ seconds, accepted: summary.accepted, maxRssKb: process.resourceUsage().maxRSS }),
);
