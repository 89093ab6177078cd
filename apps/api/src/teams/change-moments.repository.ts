import type { FractionMoments, MetricId } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { FRACTION_METRICS, metricColumns } from '../db/metric-columns.ts';
import type { RollupFilter } from '../rollups/rollups.repository.ts';

export interface AgentChannelMoments {
  agentId: string;
  channel: string;
  /** true: the later period (the one shown); false: the period it is compared with. */
  later: boolean;
  moments: Partial<Record<MetricId, FractionMoments>>;
}

/**
 * The sums a change test needs (period-change.ts): per agent, channel and period, for every metric
 * stored as a fraction, n, Σnum, Σden, Σnum², Σden² and Σnum·den over the conversations where it
 * applied. Read from the per-conversation facts, not the rollups: squares of per-conversation values
 * are exactly what summing into agent × day rows loses. Only the two compared periods are scanned, on
 * the facts' (organisation, team, agent, day) index.
 */
export async function changeMoments(
  db: Kysely<Database>,
  filter: RollupFilter,
  earlier: { from: string; to: string },
): Promise<AgentChannelMoments[]> {
  const sums = sql.raw(
    FRACTION_METRICS.map((id) => {
      const { num, den } = metricColumns(id);
      const n = `m.${num}`;
      const d = `m.${den}`;
      return [
        `count(${d})::int AS ${num}_n`,
        `coalesce(sum(${n}), 0)::float8 AS ${num}_s`,
        `coalesce(sum(${d}), 0)::float8 AS ${den}_s`,
        `coalesce(sum(${n} * ${n}), 0)::float8 AS ${num}_sq`,
        `coalesce(sum(${d} * ${d}), 0)::float8 AS ${den}_sq`,
        `coalesce(sum(${n} * ${d}), 0)::float8 AS ${num}_x`,
      ].join(', ');
    }).join(', '),
  );
  const result = await sql<Record<string, unknown>>`
    SELECT m.agent_id, m.channel, m.day >= ${filter.from}::date AS later, ${sums}
    FROM conversation_metrics m
    WHERE m.organisation_id = ${filter.organisationId}
      AND (m.day BETWEEN ${earlier.from}::date AND ${earlier.to}::date
        OR m.day BETWEEN ${filter.from}::date AND ${filter.to}::date)
      ${filter.teamId ? sql`AND m.team_id = ${filter.teamId}` : sql``}
      ${filter.channel ? sql`AND m.channel = ${filter.channel}` : sql``}
      ${filter.queue ? sql`AND m.queue = ${filter.queue}` : sql``}
    GROUP BY 1, 2, 3`.execute(db);
  return result.rows.map((row) => {
    const moments: Partial<Record<MetricId, FractionMoments>> = {};
    for (const id of FRACTION_METRICS) {
      const { num, den } = metricColumns(id);
      moments[id] = {
        n: Number(row[`${num}_n`]),
        num: Number(row[`${num}_s`]),
        den: Number(row[`${den}_s`]),
        numSq: Number(row[`${num}_sq`]),
        denSq: Number(row[`${den}_sq`]),
        numDen: Number(row[`${num}_x`]),
      };
    }
    return {
      agentId: row.agent_id as string,
      channel: row.channel as string,
      later: row.later === true || row.later === 't',
      moments,
    };
  });
}
