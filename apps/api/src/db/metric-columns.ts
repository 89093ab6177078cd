import { METRIC_IDS, type MetricId } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * Storage names of a metric's fraction, `firstResponseMs` → `first_response_ms_num` / `_den`, and in
 * rollups `_n`, the number of conversations behind the sums.
 */
export function metricColumns(id: MetricId): MetricColumns {
  return COLUMNS.get(id) ?? columnsOf(id);
}

interface MetricColumns {
  num: string;
  den: string;
  n: string;
}

function columnsOf(id: MetricId): MetricColumns {
  const base = id.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
  return { num: `${base}_num`, den: `${base}_den`, n: `${base}_n` };
}

// Named once: every rollup row read asks for every metric's columns.
const COLUMNS: ReadonlyMap<MetricId, MetricColumns> = new Map(METRIC_IDS.map((id) => [id, columnsOf(id)]));

/** Metrics stored as fractions (all but the ones aggregated from other columns). */
export const FRACTION_METRICS: readonly MetricId[] = METRIC_IDS.filter(
  (id) => id !== 'responseTimeP90Ms' && id !== 'conversationsPerDay',
);

/**
 * Adds the storage of any registry metric the schema lacks yet: its fraction in the facts, its sums and
 * count in the rollups. A new metric therefore needs no migration of its own; its facts are filled by
 * the re-score that a new DEFINITIONS_VERSION starts (jobs/definitions-upgrade.ts). Only missing
 * columns are altered, so a start with nothing new takes no table lock.
 */
export async function ensureMetricColumns(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name IN ('conversation_metrics', 'agent_day')`.execute(
    db,
  );
  const present = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
  const added: string[] = [];
  for (const id of FRACTION_METRICS) {
    const c = metricColumns(id);
    if (!present.has(`conversation_metrics.${c.num}`)) {
      await sql`ALTER TABLE conversation_metrics ADD COLUMN IF NOT EXISTS ${sql.ref(c.num)} float8, ADD COLUMN IF NOT EXISTS ${sql.ref(c.den)} float8`.execute(
        db,
      );
      added.push(id);
    }
    if (!present.has(`agent_day.${c.num}`)) {
      await sql`ALTER TABLE agent_day ADD COLUMN IF NOT EXISTS ${sql.ref(c.num)} float8,
        ADD COLUMN IF NOT EXISTS ${sql.ref(c.den)} float8,
        ADD COLUMN IF NOT EXISTS ${sql.ref(c.n)} int NOT NULL DEFAULT 0`.execute(db);
    }
  }
  return added;
}
