/**
 * `pnpm --filter @rapport/api bench:retention`: transcript retention by DELETE (what the app does,
 * retention/retention.repository.ts) against dropping monthly partitions of the same rows, on
 * PostgreSQL and on PGlite; beside it what partitioning costs elsewhere: COPY into the partitioned
 * tables (the ingest path) and reading one conversation's turns without and with its month.
 *   BENCH_MONTHS (default 6; the oldest half is removed), BENCH_CONVERSATIONS_PER_MONTH (default 3000),
 *   BENCH_KINDS (default postgres,pglite), BENCH_DATABASE_URL.
 */
import { type Kysely, sql } from 'kysely';
import { connect } from '../src/db/connect.ts';
import { copyRows } from '../src/db/copy.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { applyRetention, setRetentionDays } from '../src/retention/retention.repository.ts';
import { withPgliteDirectory, withServerDatabase } from './bench-databases.ts';
import { medianOf } from './samples.ts';

const MONTHS = Number(process.env.BENCH_MONTHS ?? 6);
const PER_MONTH = Number(process.env.BENCH_CONVERSATIONS_PER_MONTH ?? 3_000);
const KINDS = (process.env.BENCH_KINDS ?? 'postgres,pglite').split(',') as Kind[];
type Kind = 'postgres' | 'pglite';
const TURNS = 8;
const EVIDENCE = 3;
const ORG = 'default';
/** Months 1…MONTHS of 2026; retention is measured on 1 of the month after the last. */
const FIRST_MONTH = 1;
const DROPPED = Math.floor(MONTHS / 2);

const month = (m: number) => `2026-${String(FIRST_MONTH + m).padStart(2, '0')}`;
const monthStart = (m: number) => new Date(Date.UTC(2026, FIRST_MONTH - 1 + m, 1));

interface Rows {
  conversations: (string | boolean)[][];
  turns: (string | number)[][];
  evidence: (string | number)[][];
  startedAt: Map<string, string>;
}

function syntheticRows(): Rows {
  const rows: Rows = { conversations: [], turns: [], evidence: [], startedAt: new Map() };
  for (let m = 0; m < MONTHS; m++) {
    for (let n = 0; n < PER_MONTH; n++) {
      const id = `c-${month(m)}-${n}`;
      const started = new Date(monthStart(m).getTime() + 86_400_000 + n * 600_000).toISOString();
      rows.startedAt.set(id, started);
      rows.conversations.push([
        ORG,
        id,
        'chat',
        started,
        started,
        'a-1',
        'billing',
        `cu-${n}`,
        'Sam Lee',
        'q',
        true,
      ]);
      for (let t = 0; t < TURNS; t++) {
        const speaker = t % 2 === 0 ? 'customer' : 'agent';
        rows.turns.push([
          ORG,
          id,
          t,
          speaker,
          `Turn ${t} of ${id}: my bill is wrong and I would like it fixed today.`,
          t * 20_000,
        ]);
      }
      for (let e = 0; e < EVIDENCE; e++) {
        rows.evidence.push([
          ORG,
          id,
          e,
          'thankRate',
          2 * e + 1,
          0,
          20,
          `Turn ${2 * e + 1} of ${id}`,
          'Thank you',
        ]);
      }
    }
  }
  return rows;
}

const TURN_COLUMNS = ['organisation_id', 'conversation_id', 'idx', 'speaker', 'text', 'start_ms'];
const EVIDENCE_COLUMNS = [
  'organisation_id',
  'conversation_id',
  'idx',
  'metric',
  'turn_index',
  'span_start',
  'span_end',
  'text',
  'suggestion',
];

async function seconds<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

/** The turns and evidence as partitioned tables: by month of the conversation's start, one partition each. */
async function createPartitioned(db: Kysely<Database>) {
  for (const table of ['turns', 'evidence']) {
    const key = table === 'turns' ? 'conversation_id, idx' : 'conversation_id, idx';
    await sql
      .raw(`CREATE TABLE ${table}_by_month (LIKE ${table} INCLUDING DEFAULTS, started_at timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, ${key}, started_at)) PARTITION BY RANGE (started_at)`)
      .execute(db);
    for (let m = 0; m < MONTHS; m++) {
      await sql
        .raw(`CREATE TABLE ${table}_${month(m).replace('-', '_')} PARTITION OF ${table}_by_month
          FOR VALUES FROM ('${monthStart(m).toISOString()}') TO ('${monthStart(m + 1).toISOString()}')`)
        .execute(db);
    }
  }
}

async function lookups(
  db: Kysely<Database>,
  rows: Rows,
  query: (id: string, startedAt: string) => ReturnType<typeof sql>,
) {
  const ids = [...rows.startedAt.keys()].filter(
    (_, i) => i % Math.max(1, Math.floor(rows.startedAt.size / 300)) === 0,
  );
  // One pass to warm the caches and plans, one measured.
  for (const id of ids) await query(id, rows.startedAt.get(id) as string).execute(db);
  const times: number[] = [];
  for (const id of ids) {
    const { seconds: s } = await seconds(() => query(id, rows.startedAt.get(id) as string).execute(db));
    times.push(s * 1000);
  }
  return medianOf(times);
}

async function bench(kind: Kind, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>) {
  const handle = await open();
  const { db } = handle;
  try {
    await migrateToLatest(db);
    const rows = syntheticRows();
    await sql`INSERT INTO agents (organisation_id, id, name, team_id) VALUES (${ORG}, 'a-1', 'Priya Nair', 'billing')`.execute(
      db,
    );
    const conversationColumns = [
      'organisation_id',
      'id',
      'channel',
      'started_at',
      'ended_at',
      'agent_id',
      'team_id',
      'customer_id',
      'customer_name',
      'queue',
      'events_given',
    ];
    await db
      .transaction()
      .execute((trx) => copyRows(trx, 'conversations', conversationColumns, rows.conversations));
    const plainCopy = await seconds(() =>
      db.transaction().execute(async (trx) => {
        await copyRows(trx, 'turns', TURN_COLUMNS, rows.turns);
        await copyRows(trx, 'evidence', EVIDENCE_COLUMNS, rows.evidence);
      }),
    );
    await createPartitioned(db);
    const partitionedCopy = await seconds(() =>
      db.transaction().execute(async (trx) => {
        const withMonth = <T extends unknown[]>(r: T) => [...r, rows.startedAt.get(r[1] as string) as string];
        await copyRows(
          trx,
          'turns_by_month' as 'turns',
          [...TURN_COLUMNS, 'started_at'],
          rows.turns.map(withMonth) as never,
        );
        await copyRows(
          trx,
          'evidence_by_month' as 'evidence',
          [...EVIDENCE_COLUMNS, 'started_at'],
          rows.evidence.map(withMonth) as never,
        );
      }),
    );
    await sql`ANALYZE`.execute(db);

    const plainRead = await lookups(
      db,
      rows,
      (id) =>
        sql`SELECT idx, text FROM turns WHERE organisation_id = ${ORG} AND conversation_id = ${id} ORDER BY idx`,
    );
    const partitionedRead = await lookups(
      db,
      rows,
      (id) =>
        sql`SELECT idx, text FROM turns_by_month WHERE organisation_id = ${ORG} AND conversation_id = ${id} ORDER BY idx`,
    );
    const prunedRead = await lookups(
      db,
      rows,
      (id, startedAt) =>
        sql`SELECT idx, text FROM turns_by_month WHERE organisation_id = ${ORG} AND conversation_id = ${id}
        AND started_at = ${startedAt}::timestamptz ORDER BY idx`,
    );

    // Cutoff at the start of the first kept month: the oldest DROPPED months go.
    const now = monthStart(MONTHS);
    const days = Math.round((now.getTime() - monthStart(DROPPED).getTime()) / 86_400_000);
    await setRetentionDays(db, ORG, days);
    const deleted = await seconds(() => applyRetention(db, ORG, now));
    const dropped = await seconds(() =>
      db.transaction().execute(async (trx) => {
        for (let m = 0; m < DROPPED; m++) {
          const suffix = month(m).replace('-', '_');
          await sql.raw(`DROP TABLE turns_${suffix}, evidence_${suffix}`).execute(trx);
        }
      }),
    );
    const removedRows = deleted.result.turns + deleted.result.evidence;
    const totalRows = rows.turns.length + rows.evidence.length;
    const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} rows/s`;
    console.log(
      `\n${kind}: ${MONTHS} months × ${PER_MONTH} conversations, ${rows.turns.length} turns + ${rows.evidence.length} evidence rows`,
    );
    console.log(
      `  retention of ${DROPPED} months (${deleted.result.conversations} conversations, ${removedRows} rows):`,
    );
    console.log(
      `    DELETE in batches (the app)       ${(deleted.seconds * 1000).toFixed(0).padStart(7)} ms  ${rate(removedRows, deleted.seconds)}`,
    );
    console.log(
      `    DROP of ${DROPPED} monthly partitions      ${(dropped.seconds * 1000).toFixed(0).padStart(7)} ms`,
    );
    console.log(`  ingest: COPY of all ${totalRows} turn and evidence rows`);
    console.log(
      `    into the tables as they are      ${(plainCopy.seconds * 1000).toFixed(0).padStart(7)} ms  ${rate(totalRows, plainCopy.seconds)}`,
    );
    console.log(
      `    into monthly partitions          ${(partitionedCopy.seconds * 1000).toFixed(0).padStart(7)} ms  ${rate(totalRows, partitionedCopy.seconds)}`,
    );
    console.log(`  one conversation's turns (median of ${Math.min(300, rows.startedAt.size)} reads):`);
    console.log(`    tables as they are               ${plainRead.toFixed(3).padStart(7)} ms`);
    console.log(
      `    partitioned, by conversation id  ${partitionedRead.toFixed(3).padStart(7)} ms  (every partition probed)`,
    );
    console.log(
      `    partitioned, with started_at     ${prunedRead.toFixed(3).padStart(7)} ms  (one partition)`,
    );
  } finally {
    await handle.close();
  }
}

async function main() {
  for (const kind of KINDS) {
    if (kind === 'postgres') {
      await withServerDatabase('rapport_bench_retention', (url) =>
        bench(kind, () => connect({ databaseUrl: url, dataDir: '' })),
      );
    } else {
      await withPgliteDirectory('rapport-bench-retention', (dataDir) =>
        bench(kind, () => connect({ dataDir })),
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
