/**
 * `pnpm bench:metrics`: the metric engine's and its sentiment's throughput on one core (sentiment beside
 * wink-nlp, the library it replaced), and dashboard read latency at
 * 1,000,000 conversations — from the agent × day rollup vs. a plain SQL query over the raw turns,
 * measured in the same run on the same PostgreSQL database; then the same reads from a long copy of
 * the facts and rollups (a row per metric, bench/facts-layout.ts) beside the wide tables Rapport keeps.
 *
 * The million is built once and kept (database `rapport_bench_metrics`; BENCH_REBUILD=1 rebuilds):
 * BENCH_BASE demo conversations go through the real ingest pipeline, then are replicated
 * ×(1,000,000 / BENCH_BASE) in SQL as further teams and agents (ids suffixed `~k`), turns included.
 * BENCH_IN_PROCESS_ONLY=1 stops after the in-process figures, without a database.
 */
import { availableParallelism } from 'node:os';
import { DEMO_SCRIPT_LINES } from '@rapport/demo/phrases.ts';
import { addDays, computeConversation, DEFAULT_ENGINE_OPTIONS, periodValues } from '@rapport/metrics';
import { sql } from 'kysely';
import pg from 'pg';
import { connect } from '../src/db/connect.ts';
import { FRACTION_METRICS, metricColumns } from '../src/db/metric-columns.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { demoRecords } from '../src/demo/records.ts';
import { ingest } from '../src/ingest/ingest.ts';
import type { ConversationRecord } from '../src/ingest/record.ts';
import {
  agentTotals,
  bucketTotals,
  latestDataDay,
  type RollupFilter,
} from '../src/rollups/rollups.repository.ts';
import { type ScoringTask, startScoringPool } from '../src/scoring/scoring-pool.ts';
import {
  agentTotalsLong,
  checkSameValues,
  drillDownLong,
  drillDownWide,
  ensureLongTables,
  tableBytes,
  weeklyTotalsLong,
} from './facts-layout.ts';
import { medianOf } from './samples.ts';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET = Number(process.env.BENCH_TOTAL ?? 1_000_000);
const BASE = Number(process.env.BENCH_BASE ?? 20_000);
const RUNS = 5;
const DB_NAME = 'rapport_bench_metrics';

async function main() {
  await engineThroughput();
  if (process.env.BENCH_IN_PROCESS_ONLY) return;
  const url = await ensureDatabase();
  const handle = await connect({ databaseUrl: url, dataDir: '' });
  const db = handle.db;
  await migrateToLatest(db); // a kept database gets the indexes added since it was built
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM conversations`.execute(db);
  const to = (await latestDataDay(db, 'default')) as string;
  console.log(`\ndatabase: ${rows[0]?.n.toLocaleString('en-US')} conversations; latest day ${to}`);

  const team = 'billing~7';
  const agent = (
    await sql<{ id: string }>`SELECT id FROM agents WHERE team_id = ${team} ORDER BY id LIMIT 1`.execute(db)
  ).rows[0]?.id as string;
  const overview = { organisationId: 'default', from: addDays(to, -29), to, teamId: team };
  const trend = { organisationId: 'default', from: addDays(to, -89), to, agentId: agent };

  const rollupOverview = await timed(async () =>
    (await agentTotals(db, overview)).map((a) => periodValues(a.totals)),
  );
  const rawOverview = await timed(() => rawTeamOverview(db, overview));
  const rollupTrend = await timed(async () =>
    (await bucketTotals(db, trend, 'week')).map((w) => periodValues(w.totals)),
  );
  const rawTrend = await timed(() => rawAgentTrend(db, trend));

  console.log(`\nmedians of ${RUNS} runs, PostgreSQL, same database and run:`);
  console.log(
    `  30-day team overview (${team}): rollup ${ms(rollupOverview)}, raw turns ${ms(rawOverview)} (×${(rawOverview / rollupOverview).toFixed(0)})`,
  );
  console.log(
    `  90-day weekly agent trend (${agent}): rollup ${ms(rollupTrend)}, raw turns ${ms(rawTrend)} (×${(rawTrend / rollupTrend).toFixed(0)})`,
  );
  await factsLayout(db, overview, trend);
  await handle.close();
}

/** Runs of the engine over the demo set; the median is reported. */
const ENGINE_RUNS = 5;
/** Issue 12's bar for the engine on one core. */
const ENGINE_BAR = 150_000;

/**
 * Every metric over 20,000 demo conversations on this one thread, after a warm-up run: with the
 * default options, and with a script library (scriptReliance compares every agent sentence with it),
 * the demo's and one of 200 lines, runs interleaved so that each figure sees the same machine.
 * Wall-clock and CPU-time rates are both printed, as for sentiment: on a shared machine the process
 * does not get its core all the time, and the CPU-time rate is what one core does.
 */
async function engineThroughput() {
  const conversations = [...demoRecords({ conversations: 20_000 })];
  const turns = conversations.reduce((n, c) => n + c.turns.length, 0);
  const longLibrary = Array.from({ length: 20 }, (_, k) =>
    DEMO_SCRIPT_LINES.map((line) => `${line} (${k + 1})`),
  ).flat();
  const configurations = [
    { label: 'default options', engine: DEFAULT_ENGINE_OPTIONS },
    {
      label: `the demo's script library (${DEMO_SCRIPT_LINES.length} lines)`,
      engine: { ...DEFAULT_ENGINE_OPTIONS, scripts: DEMO_SCRIPT_LINES },
    },
    {
      label: `a script library of ${longLibrary.length} lines`,
      engine: { ...DEFAULT_ENGINE_OPTIONS, scripts: longLibrary },
    },
  ];
  const wall = configurations.map((): number[] => []);
  const cpu = configurations.map((): number[] => []);
  for (const { engine } of configurations) for (const c of conversations) computeConversation(c, engine);
  for (let run = 0; run < ENGINE_RUNS; run++) {
    configurations.forEach(({ engine }, i) => {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      for (const c of conversations) computeConversation(c, engine);
      const used = process.cpuUsage(cpuStarted);
      wall[i]?.push(turns / ((performance.now() - started) / 1000));
      cpu[i]?.push(turns / ((used.user + used.system) / 1e6));
    });
  }
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(
    `engine, one core, ${conversations.length} demo conversations (${n(turns)} turns), median of ${ENGINE_RUNS} runs (bar ${n(ENGINE_BAR)} turns/s):`,
  );
  configurations.forEach(({ label }, i) => {
    const perCpuSecond = medianOf(cpu[i] ?? []);
    console.log(
      `  ${label}: ${n(perCpuSecond)} turns per CPU-second (${n(medianOf(wall[i] ?? []))} turns/s wall clock; ${n((perCpuSecond * conversations.length) / turns)} conversations per CPU-second)`,
    );
  });
  await poolThroughput(conversations, turns, medianOf(wall[0] ?? []));
}

/**
 * The same conversations through the server's scoring pool (cores − 1 worker threads), in batches of
 * 500 with every batch in flight at once: wall-clock turns/s against one core's, measured just before.
 */
async function poolThroughput(conversations: ConversationRecord[], turns: number, oneCoreWall: number) {
  const pool = startScoringPool();
  const batches: ScoringTask[][] = [];
  for (let i = 0; i < conversations.length; i += 500) {
    batches.push(conversations.slice(i, i + 500).map((record) => ({ record, dismissals: [] })));
  }
  const scoreAll = () => Promise.all(batches.map((batch) => pool.score(batch, DEFAULT_ENGINE_OPTIONS)));
  await scoreAll(); // the workers' start and warm-up
  const wall: number[] = [];
  for (let run = 0; run < ENGINE_RUNS; run++) {
    const started = performance.now();
    await scoreAll();
    wall.push(turns / ((performance.now() - started) / 1000));
  }
  await pool.close();
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(
    `engine, scoring pool of ${pool.size} worker thread${pool.size === 1 ? '' : 's'} (${availableParallelism()} cores), batches of 500, median of ${ENGINE_RUNS} runs:`,
  );
  console.log(
    `  ${n(medianOf(wall))} turns/s wall clock, ${(medianOf(wall) / oneCoreWall).toFixed(2)} × one core in the same run (records cross threads by structured clone, results as JSON)`,
  );
}

/** The million: real ingest of the base set, then SQL replication as further teams and agents. */
async function ensureDatabase(): Promise<string> {
  const url = new URL(SERVER_URL);
  url.pathname = `/${DB_NAME}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const exists =
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount === 1;
  if (exists && !process.env.BENCH_REBUILD) {
    await admin.end();
    return url.toString();
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();

  const handle = await connect({ databaseUrl: url.toString(), dataDir: '' });
  const db = handle.db;
  await migrateToLatest(db);
  let line = 0;
  const started = performance.now();
  const items = (function* () {
    for (const record of demoRecords({ conversations: BASE })) yield { line: ++line, record };
  })();
  await ingest(db, items, {
    onProgress: ({ accepted }) => process.stderr.write(`\ringest ${accepted}/${BASE}`),
  });
  process.stderr.write(
    `\ningested ${BASE} in ${((performance.now() - started) / 1000).toFixed(0)} s; replicating…\n`,
  );

  const copies = Math.ceil(TARGET / BASE) - 1;
  const fractions = FRACTION_METRICS.flatMap((id) => [metricColumns(id).num, metricColumns(id).den]).join(
    ', ',
  );
  const suffix = (col: string) => `${col} || '~' || k`;
  const rollupColumns = [
    'organisation_id, team_id, agent_id, day, channel, queue, conversations, response_gaps',
    ...FRACTION_METRICS.flatMap((id) => Object.values(metricColumns(id))),
  ].join(', ');
  const statements = [
    `INSERT INTO teams SELECT organisation_id, ${suffix('id')}, ${suffix('name')} FROM teams, generate_series(1, ${copies}) k`,
    `INSERT INTO agents SELECT organisation_id, ${suffix('id')}, name, ${suffix('team_id')} FROM agents, generate_series(1, ${copies}) k`,
    `INSERT INTO conversations SELECT organisation_id, ${suffix('id')}, channel, started_at, ended_at, ${suffix('agent_id')}, ${suffix('team_id')}, customer_id, customer_name, queue, ingested_at FROM conversations c, generate_series(1, ${copies}) k WHERE c.id NOT LIKE '%~%'`,
    `INSERT INTO turns SELECT organisation_id, ${suffix('conversation_id')}, idx, speaker, text, start_ms, end_ms FROM turns t, generate_series(1, ${copies}) k WHERE t.conversation_id NOT LIKE '%~%'`,
    `INSERT INTO conversation_metrics (organisation_id, conversation_id, agent_id, team_id, channel, queue, day, response_gaps, ${fractions}) SELECT organisation_id, ${suffix('conversation_id')}, ${suffix('agent_id')}, ${suffix('team_id')}, channel, queue, day, response_gaps, ${fractions} FROM conversation_metrics m, generate_series(1, ${copies}) k WHERE m.conversation_id NOT LIKE '%~%'`,
    `INSERT INTO agent_day (${rollupColumns}) SELECT ${rollupColumns.replace('team_id', suffix('team_id')).replace('agent_id', suffix('agent_id'))} FROM agent_day d, generate_series(1, ${copies}) k WHERE d.agent_id NOT LIKE '%~%'`,
    'ANALYZE',
  ];
  for (const statement of statements) {
    const t = performance.now();
    await sql.raw(statement).execute(db);
    process.stderr.write(`  ${statement.slice(0, 40)}… ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  }
  await handle.close();
  return url.toString();
}

/**
 * Wide (a column pair per metric) against long (a row per metric) storage of the same facts and
 * rollups, read by the same three dashboard queries: the figures behind keeping the wide layout.
 */
async function factsLayout(
  db: Parameters<typeof agentTotals>[0],
  overview: RollupFilter,
  trend: RollupFilter,
) {
  await ensureLongTables(db, (line) => process.stderr.write(`${line}\n`));
  await checkSameValues(db, overview, trend);
  const drill = { ...overview, agentId: trend.agentId };
  const reads = [
    ['30-day team overview', () => agentTotals(db, overview), () => agentTotalsLong(db, overview)],
    ['90-day weekly agent trend', () => bucketTotals(db, trend, 'week'), () => weeklyTotalsLong(db, trend)],
    [
      "30-day drill-down, one agent's response times",
      () => drillDownWide(db, drill, 'responseTimeMs'),
      () => drillDownLong(db, drill, 'responseTimeMs'),
    ],
  ] as const;
  console.log(
    `\nwide vs long metric storage, medians of ${RUNS} runs, same database and run (same values both ways, checked):`,
  );
  for (const [name, wide, long] of reads) {
    const w = await timed(wide);
    const l = await timed(long);
    console.log(`  ${name}: wide ${ms(w)}, long ${ms(l)} (long ×${(l / w).toFixed(1)})`);
  }
  const bytes = await tableBytes(db, [
    'agent_day',
    'agent_day_base',
    'agent_day_long',
    'conversation_metrics',
    'conversation_metrics_long',
  ]);
  const mb = (name: string) => `${Math.round((bytes[name] ?? 0) / 2 ** 20).toLocaleString('en-US')} MB`;
  console.log(
    `  size: rollups wide ${mb('agent_day')}, long ${mb('agent_day_base')} + ${mb('agent_day_long')}; facts wide ${mb('conversation_metrics')}, long ${mb('conversation_metrics_long')} (+ the wide table's keys)`,
  );
  // What a new metric costs the wide layout: a nullable column is a catalogue change, not a rewrite.
  const added = await timed(() =>
    db
      .transaction()
      .execute(async (tx) => {
        await sql`ALTER TABLE conversation_metrics ADD COLUMN bench_new_num float8, ADD COLUMN bench_new_den float8`.execute(
          tx,
        );
        await sql`ALTER TABLE agent_day ADD COLUMN bench_new_num float8, ADD COLUMN bench_new_den float8, ADD COLUMN bench_new_n int NOT NULL DEFAULT 0`.execute(
          tx,
        );
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      }),
  );
  console.log(
    `  a new metric in the wide layout (ensureMetricColumns' ALTER TABLEs, rolled back): ${ms(added)}`,
  );
}

class RolledBack extends Error {}

/**
 * The baseline a dashboard without rollups runs: per agent of a team over 30 days, response gaps
 * from the turns with window functions (an agent turn after a customer turn; backchannels not
 * excluded), plus conversations and handle time.
 */
async function rawTeamOverview(
  db: Parameters<typeof agentTotals>[0],
  f: { from: string; to: string; teamId: string },
) {
  return sql`
    WITH scoped AS (
      SELECT c.id, c.agent_id, c.started_at, c.ended_at FROM conversations c
      WHERE c.organisation_id = 'default' AND c.team_id = ${f.teamId}
        AND c.started_at >= ${f.from}::date AND c.started_at < ${f.to}::date + 1
    ), ordered AS (
      SELECT s.agent_id, t.conversation_id, t.speaker, t.start_ms,
        lag(t.speaker) OVER w AS prev_speaker, lag(coalesce(t.end_ms, t.start_ms)) OVER w AS prev_end
      FROM scoped s JOIN turns t ON t.organisation_id = 'default' AND t.conversation_id = s.id
      WHERE t.speaker <> 'system'
      WINDOW w AS (PARTITION BY t.conversation_id ORDER BY t.start_ms, t.idx)
    ), gaps AS (
      SELECT agent_id, greatest(0, start_ms - prev_end) AS gap FROM ordered
      WHERE speaker = 'agent' AND prev_speaker = 'customer'
    )
    SELECT s.agent_id, count(*) AS conversations, avg(extract(epoch FROM s.ended_at - s.started_at) * 1000) AS handle_ms,
      (SELECT avg(gap) FROM gaps g WHERE g.agent_id = s.agent_id) AS response_ms,
      (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY gap) FROM gaps g WHERE g.agent_id = s.agent_id) AS p90_ms
    FROM scoped s GROUP BY s.agent_id`.execute(db);
}

async function rawAgentTrend(
  db: Parameters<typeof agentTotals>[0],
  f: { from: string; to: string; agentId: string },
) {
  return sql`
    WITH ordered AS (
      SELECT date_trunc('week', c.started_at) AS week, t.speaker, t.start_ms,
        lag(t.speaker) OVER w AS prev_speaker, lag(coalesce(t.end_ms, t.start_ms)) OVER w AS prev_end
      FROM conversations c JOIN turns t ON t.organisation_id = c.organisation_id AND t.conversation_id = c.id
      WHERE c.organisation_id = 'default' AND c.agent_id = ${f.agentId}
        AND c.started_at >= ${f.from}::date AND c.started_at < ${f.to}::date + 1 AND t.speaker <> 'system'
      WINDOW w AS (PARTITION BY t.conversation_id ORDER BY t.start_ms, t.idx)
    )
    SELECT week, avg(greatest(0, start_ms - prev_end)) AS response_ms FROM ordered
    WHERE speaker = 'agent' AND prev_speaker = 'customer' GROUP BY week ORDER BY week`.execute(db);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm the cache: the figures are for data in memory, as PERFORMANCE.md measures
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return medianOf(times);
}

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
