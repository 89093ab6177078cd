/**
 * `pnpm bench:first-start`: a first start on an empty data directory, as `pnpm start` runs it after
 * its build. For each of `--runs` runs (default 3), the server is started as its own process and this
 * one asks for `/` and `/health/ready` every 100 ms: it prints when `/` first answers 200, when the
 * database is open (`/health/ready` stops saying "opening the embedded database"), and when the demo
 * is loaded (`/health/ready` says ready), in seconds since the process was spawned, so Node's own
 * start and the module loading count. The same runs without the migrated template
 * (db/schema-template.ts) are the baseline, in the same run. Issue 12's targets: `/` within 5 s, the
 * default demo loaded within 20 s. Figures only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSchemaTemplate, SCHEMA_TEMPLATE_FILE } from '../src/db/schema-template.ts';
import { freePort } from './api-server.ts';
import { medianOf } from './samples.ts';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(flags.runs);
const MAIN = path.join(import.meta.dirname, '../src/server/main.ts');
const POLL_MS = 100;

interface Timeline {
  firstPage: number;
  databaseOpen: number;
  demoLoaded: number;
}

async function main() {
  await ensureSchemaTemplate();
  const withTemplate: Timeline[] = [];
  const without: Timeline[] = [];
  for (let run = 1; run <= RUNS; run++) {
    withTemplate.push(await firstStart());
    console.log(`run ${run}, with the template:    ${describe(withTemplate.at(-1) as Timeline)}`);
    without.push(await withoutTemplate(firstStart));
    console.log(`run ${run}, without the template: ${describe(without.at(-1) as Timeline)}`);
  }
  console.log(
    `\nmedians of ${RUNS} runs, seconds since the server process was spawned (targets: / ≤ 5 s, demo ≤ 20 s):`,
  );
  console.log(`  with the template:    ${describe(medians(withTemplate))}`);
  console.log(`  without (initdb):     ${describe(medians(without))}`);
}

async function firstStart(): Promise<Timeline> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-first-start-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const spawned = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      RAPPORT_DATA_DIR: dataDir,
      DATABASE_URL: '',
    },
    stdio: 'ignore',
  });
  const since = () => (performance.now() - spawned) / 1000;
  const timeline: Partial<Timeline> = {};
  try {
    while (timeline.demoLoaded === undefined) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      if (timeline.firstPage === undefined && (await status(`${url}/`)) === 200) timeline.firstPage = since();
      const ready = await readiness(`${url}/health/ready`);
      if (ready && ready !== 'opening the embedded database') timeline.databaseOpen ??= since();
      if (ready === 'ready') timeline.demoLoaded = since();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return timeline as Timeline;
}

/** Runs `work` with the template moved aside, and puts it back whatever happens. */
async function withoutTemplate<T>(work: () => Promise<T>): Promise<T> {
  const aside = `${SCHEMA_TEMPLATE_FILE}.aside`;
  fs.renameSync(SCHEMA_TEMPLATE_FILE, aside);
  try {
    return await work();
  } finally {
    fs.renameSync(aside, SCHEMA_TEMPLATE_FILE);
  }
}

async function status(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** `ready`, the reason it is not, or null when nothing answers yet. */
async function readiness(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    const body = (await response.json()) as { status: string; reason?: string };
    return body.status === 'ready' ? 'ready' : (body.reason ?? body.status);
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

function medians(timelines: Timeline[]): Timeline {
  return {
    firstPage: medianOf(timelines.map((t) => t.firstPage)),
    databaseOpen: medianOf(timelines.map((t) => t.databaseOpen)),
    demoLoaded: medianOf(timelines.map((t) => t.demoLoaded)),
  };
}

function describe(t: Timeline): string {
  return `first page ${t.firstPage.toFixed(1)} s, database open ${t.databaseOpen.toFixed(1)} s, demo loaded ${t.demoLoaded.toFixed(1)} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
