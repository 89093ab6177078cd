/**
 * Wide or long metric storage? Issue 13 asked whether facts and rollups should be stored long —
 * one row per (conversation or agent × day, metric) with `num`, `den`, `n` — so that a new metric
 * needs no migration. This measures both layouts on the same million conversations: the long tables
 * are built from the wide ones in SQL, every read is checked to give the same values both ways, and
 * the dashboard's reads are timed on each.
 *
 * Rapport keeps the wide layout (a column pair per metric, added at start by `ensureMetricColumns`, so
 * a new metric needs no migration either way); these figures are the reason, printed by
 * `pnpm bench:metrics`.
 */
import { type MetricId, type PeriodTotals, periodValues } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { FRACTION_METRICS, metricColumns } from '../src/db/metric-columns.ts';
import { agentTotals, bucketTotals, type RollupFilter } from '../src/rollups/rollups.repository.ts';

type Db = Kysely<Database>;

/** Metric ids as stored in the long tables: a small integer keeps the long rows as narrow as can be. */
const METRIC_NUMBER = new Map<MetricId, number>(FRACTION_METRICS.map((id, i) => [id, i]));

/**
 * `agent_day_base` (the per-row columns no metric owns), `agent_day_long` and `conversation_metrics_long`,
 * built once from the wide tables and kept with the benchmark database (rebuilt when the wide rows
 * outnumber them, as after BENCH_REBUILD).
 */
export async function ensureLongTables(db: Db, log: (line: string) => void): Promise<void> {
  const { rows } = await sql<{ wide: number; long: number | null }>`
    SELECT (SELECT count(*) FROM agent_day)::int AS wide,
      (SELECT count(*) FROM agent_day_base)::int AS long`
    .execute(db)
    .catch(() => sql<{ wide: number; long: null }>`SELECT 0 AS wide, NULL AS long`.execute(db));
  if (rows[0] && rows[0].long !== null && rows[0].long === rows[0].wide) return;

  const values = (
    num: (id: MetricId) => string,
    den: (id: MetricId) => string,
    n?: (id: MetricId) => string,
  ) =>
    FRACTION_METRICS.map(
      (id) => `(${METRIC_NUMBER.get(id)}, ${num(id)}, ${den(id)}${n ? `, ${n(id)}` : ''})`,
    ).join(', ');
  const col = (kind: 'num' | 'den' | 'n') => (id: MetricId) => `w.${metricColumns(id)[kind]}`;
  const statements = [
    'DROP TABLE IF EXISTS agent_day_base, agent_day_long, conversation_metrics_long',
    `CREATE TABLE agent_day_base AS SELECT organisation_id, team_id, agent_id, day, channel, queue,
       conversations, response_gaps FROM agent_day`,
    'ALTER TABLE agent_day_base ADD PRIMARY KEY (organisation_id, team_id, agent_id, day, channel, queue)',
    'CREATE INDEX ON agent_day_base (organisation_id, day)',
    'CREATE INDEX ON agent_day_base (organisation_id, agent_id, day)',
    // A metric that did not apply on a row is absent (as NULL is in the wide table), so that the long
    // table holds only what the wide one holds.
    `CREATE TABLE agent_day_long AS
       SELECT w.organisation_id, w.team_id, w.agent_id, w.day, w.channel, w.queue, m.metric::smallint AS metric,
         m.num, m.den, m.n
       FROM agent_day w, LATERAL (VALUES ${values(col('num'), col('den'), col('n'))}) AS m(metric, num, den, n)
       WHERE m.den IS NOT NULL`,
    'ALTER TABLE agent_day_long ADD PRIMARY KEY (organisation_id, team_id, agent_id, day, channel, queue, metric)',
    'CREATE INDEX ON agent_day_long (organisation_id, day)',
    'CREATE INDEX ON agent_day_long (organisation_id, agent_id, day)',
    `CREATE TABLE conversation_metrics_long AS
       SELECT w.organisation_id, w.conversation_id, m.metric::smallint AS metric, m.num, m.den
       FROM conversation_metrics w, LATERAL (VALUES ${values(col('num'), col('den'))}) AS m(metric, num, den)
       WHERE m.den IS NOT NULL`,
    'ALTER TABLE conversation_metrics_long ADD PRIMARY KEY (organisation_id, conversation_id, metric)',
    'ANALYZE agent_day_base, agent_day_long, conversation_metrics_long',
  ];
  for (const statement of statements) {
    const started = performance.now();
    await sql.raw(statement).execute(db);
    log(
      `  ${statement.replace(/\s+/g, ' ').slice(0, 48)}… ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
}

function where(filter: RollupFilter, table: string) {
  const t = sql.raw(table);
  return sql`${t}.organisation_id = ${filter.organisationId}
    AND ${t}.day BETWEEN ${filter.from}::date AND ${filter.to}::date
    ${filter.agentId ? sql`AND ${t}.agent_id = ${filter.agentId}` : sql``}
    ${filter.teamId ? sql`AND ${t}.team_id = ${filter.teamId}` : sql``}`;
}

/** `agentTotals` read from the long layout: the base columns and the metric rows, grouped apart. */
export async function agentTotalsLong(db: Db, filter: RollupFilter) {
  return totalsLong(db, filter, sql`b.agent_id`, sql`l.agent_id`);
}

/** `bucketTotals(…, 'week')` read from the long layout. */
export async function weeklyTotalsLong(db: Db, filter: RollupFilter) {
  return totalsLong(
    db,
    filter,
    sql`to_char(date_trunc('week', b.day), 'YYYY-MM-DD')`,
    sql`to_char(date_trunc('week', l.day), 'YYYY-MM-DD')`,
  );
}

async function totalsLong(
  db: Db,
  filter: RollupFilter,
  baseKey: ReturnType<typeof sql>,
  longKey: ReturnType<typeof sql>,
): Promise<{ key: string; totals: PeriodTotals }[]> {
  const [base, metrics] = await Promise.all([
    sql<{ key: string; conversations: number; active_days: number; response_gaps: number[] }>`
      SELECT ${baseKey} AS key, sum(b.conversations)::int AS conversations,
        count(DISTINCT b.day)::int AS active_days, coalesce(array_cat_agg(b.response_gaps), '{}') AS response_gaps
      FROM agent_day_base b WHERE ${where(filter, 'b')} GROUP BY 1 ORDER BY 1`.execute(db),
    sql<{ key: string; metric: number; num: number; den: number; n: number }>`
      SELECT ${longKey} AS key, l.metric, sum(l.num)::float8 AS num, sum(l.den)::float8 AS den, sum(l.n)::int AS n
      FROM agent_day_long l WHERE ${where(filter, 'l')} GROUP BY 1, 2`.execute(db),
  ]);
  const byKey = new Map<string, PeriodTotals>();
  for (const row of base.rows) {
    byKey.set(row.key, {
      conversations: row.conversations,
      activeDays: row.active_days,
      responseGapsMs: row.response_gaps.map(Number),
      sums: {},
      counts: Object.fromEntries(FRACTION_METRICS.map((id) => [id, 0])),
    });
  }
  for (const row of metrics.rows) {
    const totals = byKey.get(row.key);
    const id = FRACTION_METRICS[row.metric];
    if (!totals || !id || !totals.counts) continue;
    totals.sums[id] = { num: row.num, den: row.den };
    totals.counts[id] = row.n;
  }
  return [...byKey].map(([key, totals]) => ({ key, totals }));
}

/** One metric's per-conversation values for an agent's period (the drill-down), either layout. */
export async function drillDownWide(db: Db, filter: RollupFilter, metric: MetricId) {
  const c = metricColumns(metric);
  return sql<{ conversation_id: string; value: number }>`
    SELECT m.conversation_id, m.${sql.ref(c.num)} / m.${sql.ref(c.den)} AS value FROM conversation_metrics m
    WHERE ${where(filter, 'm')} AND m.${sql.ref(c.den)} > 0 ORDER BY value DESC, m.conversation_id`.execute(
    db,
  );
}

export async function drillDownLong(db: Db, filter: RollupFilter, metric: MetricId) {
  return sql<{ conversation_id: string; value: number }>`
    SELECT m.conversation_id, l.num / l.den AS value FROM conversation_metrics m
    JOIN conversation_metrics_long l ON l.organisation_id = m.organisation_id
      AND l.conversation_id = m.conversation_id AND l.metric = ${METRIC_NUMBER.get(metric)}
    WHERE ${where(filter, 'm')} AND l.den > 0 ORDER BY value DESC, m.conversation_id`.execute(db);
}

/** The same period values both ways, or an error naming the first difference. */
export async function checkSameValues(db: Db, overview: RollupFilter, trend: RollupFilter): Promise<void> {
  const wideAgents = await agentTotals(db, overview);
  const longAgents = new Map((await agentTotalsLong(db, overview)).map((a) => [a.key, a.totals]));
  const wideWeeks = await bucketTotals(db, trend, 'week');
  const longWeeks = new Map((await weeklyTotalsLong(db, trend)).map((w) => [w.key, w.totals]));
  const pairs = [
    ...wideAgents.map((a) => [a.agentId, a.totals, longAgents.get(a.agentId)] as const),
    ...wideWeeks.map((w) => [w.bucket, w.totals, longWeeks.get(w.bucket)] as const),
  ];
  if (longAgents.size !== wideAgents.length || longWeeks.size !== wideWeeks.length) {
    throw new Error('the long layout returns other rows than the wide one');
  }
  for (const [key, wide, long] of pairs) {
    if (!long) throw new Error(`the long layout lacks ${key}`);
    const a = periodValues(wide);
    const b = periodValues(long);
    for (const id of Object.keys(a) as MetricId[]) {
      const x = a[id];
      const y = b[id];
      const same =
        x === y || (x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)));
      if (!same) throw new Error(`${key} ${id}: wide ${x}, long ${y}`);
    }
  }
}

/** Heap, index and TOAST bytes of each table. */
export async function tableBytes(db: Db, tables: string[]): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string; bytes: string }>`
    SELECT relname AS name, pg_total_relation_size(oid)::text AS bytes FROM pg_class
    WHERE relname = ANY(${tables}::text[]) AND relkind = 'r'`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.bytes)]));
}
