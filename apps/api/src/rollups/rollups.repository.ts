import {
  type Bucket,
  type DayRange,
  EARLIEST_DAY,
  type Fraction,
  latestDay,
  type MetricId,
  type PeriodTotals,
} from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { FRACTION_METRICS, metricColumns } from '../db/metric-columns.ts';

export interface RollupFilter extends DayRange {
  organisationId: string;
  agentId?: string | undefined;
  teamId?: string | undefined;
  channel?: string | undefined;
  queue?: string | undefined;
}

export interface AgentTotals {
  agentId: string;
  agentName: string | null;
  teamId: string | null;
  totals: PeriodTotals;
}

const fractionSums = sql.raw(
  FRACTION_METRICS.map((id) => {
    const c = metricColumns(id);
    return `sum(d.${c.num})::float8 AS ${c.num}, sum(d.${c.den})::float8 AS ${c.den}, sum(d.${c.n})::int AS ${c.n}`;
  }).join(', '),
);

/**
 * Every response gap of the group as one JSON array: JSON.parse (native) reads it several times faster
 * than the drivers' parsers of PostgreSQL's array text, and an overview reads tens of thousands.
 */
const responseGaps = sql.raw(
  "array_to_json(coalesce(array_cat_agg(d.response_gaps), '{}'))::text AS response_gaps",
);

function where(filter: RollupFilter) {
  return sql`d.organisation_id = ${filter.organisationId}
    AND d.day BETWEEN ${filter.from}::date AND ${filter.to}::date
    ${filter.agentId ? sql`AND d.agent_id = ${filter.agentId}` : sql``}
    ${filter.teamId ? sql`AND d.team_id = ${filter.teamId}` : sql``}
    ${filter.channel ? sql`AND d.channel = ${filter.channel}` : sql``}
    ${filter.queue ? sql`AND d.queue = ${filter.queue}` : sql``}`;
}

/** Per-agent period totals, read from the agent × day rollup only. */
export async function agentTotals(db: Kysely<Database>, filter: RollupFilter): Promise<AgentTotals[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT d.agent_id, a.name AS agent_name, a.team_id AS agent_team,
      sum(d.conversations)::int AS conversations, count(DISTINCT d.day)::int AS active_days,
      ${responseGaps}, ${fractionSums}
    FROM agent_day d
    JOIN agents a ON a.organisation_id = d.organisation_id AND a.id = d.agent_id
    WHERE ${where(filter)}
    GROUP BY d.agent_id, a.name, a.team_id
    ORDER BY d.agent_id`.execute(db);
  return result.rows.map((row) => ({
    agentId: row.agent_id as string,
    agentName: (row.agent_name as string | null) ?? null,
    teamId: (row.agent_team as string | null) ?? null,
    totals: toTotals(row),
  }));
}

export interface AgentBucketPoint {
  /** First day of the bucket, 'YYYY-MM-DD'. */
  bucket: string;
  agentId: string;
  /** With `byChannel`, the channel of these totals; otherwise null. */
  channel: string | null;
  totals: PeriodTotals;
}

/**
 * Per-agent totals per day or week (weeks start on Monday), and per channel with `byChannel`: the
 * members behind a team line.
 */
export async function agentBucketTotals(
  db: Kysely<Database>,
  filter: RollupFilter,
  bucket: Bucket,
  byChannel = false,
): Promise<AgentBucketPoint[]> {
  const key =
    bucket === 'week'
      ? sql`to_char(date_trunc('week', d.day), 'YYYY-MM-DD')`
      : sql`to_char(d.day, 'YYYY-MM-DD')`;
  const channel = byChannel ? sql`d.channel` : sql`NULL::text`;
  const result = await sql<Record<string, unknown>>`
    SELECT ${key} AS bucket, d.agent_id, ${channel} AS channel,
      sum(d.conversations)::int AS conversations, count(DISTINCT d.day)::int AS active_days,
      ${responseGaps}, ${fractionSums}
    FROM agent_day d
    WHERE ${where(filter)}
    GROUP BY 1, d.agent_id, 3
    ORDER BY 1, d.agent_id, 3`.execute(db);
  return result.rows.map((row) => ({
    bucket: row.bucket as string,
    agentId: row.agent_id as string,
    channel: (row.channel as string | null) ?? null,
    totals: toTotals(row),
  }));
}

export interface WeeklyPoint {
  /** Monday of the ISO week, 'YYYY-MM-DD'. */
  week: string;
  agentId: string;
  totals: PeriodTotals;
}

/** Per-agent weekly totals for trend charts (weeks start on Monday). */
export async function weeklyTotals(db: Kysely<Database>, filter: RollupFilter): Promise<WeeklyPoint[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT to_char(date_trunc('week', d.day), 'YYYY-MM-DD') AS week, d.agent_id,
      sum(d.conversations)::int AS conversations, count(DISTINCT d.day)::int AS active_days,
      ${responseGaps}, ${fractionSums}
    FROM agent_day d
    WHERE ${where(filter)}
    GROUP BY 1, d.agent_id
    ORDER BY 1, d.agent_id`.execute(db);
  return result.rows.map((row) => ({
    week: row.week as string,
    agentId: row.agent_id as string,
    totals: toTotals(row),
  }));
}

function toTotals(row: Record<string, unknown>): PeriodTotals {
  const sums: Partial<Record<MetricId, Fraction>> = {};
  const counts: Partial<Record<MetricId, number>> = {};
  for (const id of FRACTION_METRICS) {
    const c = metricColumns(id);
    const num = row[c.num];
    const den = row[c.den];
    if (typeof num === 'number' && typeof den === 'number') sums[id] = { num, den };
    counts[id] = Number(row[c.n] ?? 0);
  }
  return {
    conversations: Number(row.conversations),
    activeDays: Number(row.active_days),
    responseGapsMs: JSON.parse(row.response_gaps as string) as number[],
    sums,
    counts,
  };
}

/**
 * The organisation's latest conversation day, to default periods to "the last 30 days of data". Days
 * past the accepted range (a record dated 9999-12-31 stored before ingest checked dates) are passed
 * over, so that one bad record cannot move every default period to an absurd date.
 */
/** Queues with data in the filter's period (and team), for the queue filter. */
export async function queuesWithData(db: Kysely<Database>, filter: RollupFilter): Promise<string[]> {
  const { rows } = await sql<{ queue: string }>`
    SELECT DISTINCT queue FROM agent_day
    WHERE organisation_id = ${filter.organisationId} AND queue <> ''
      AND day BETWEEN ${filter.from}::date AND ${filter.to}::date
      ${filter.teamId ? sql`AND team_id = ${filter.teamId}` : sql``}
    ORDER BY queue`.execute(db);
  return rows.map((r) => r.queue);
}

export async function latestDataDay(
  db: Kysely<Database>,
  organisationId: string,
  notAfter: string = latestDay(new Date()),
): Promise<string | null> {
  const result = await sql<{ day: string | null }>`
    SELECT max(day)::text AS day FROM agent_day
    WHERE organisation_id = ${organisationId} AND day BETWEEN ${EARLIEST_DAY}::date AND ${notAfter}::date`.execute(
    db,
  );
  return result.rows[0]?.day ?? null;
}

/** Totals pooled over every agent the filter selects, per day or per week (weeks start on Monday). */
export async function bucketTotals(
  db: Kysely<Database>,
  filter: RollupFilter,
  bucket: Bucket,
): Promise<{ bucket: string; totals: PeriodTotals }[]> {
  const key =
    bucket === 'week'
      ? sql`to_char(date_trunc('week', d.day), 'YYYY-MM-DD')`
      : sql`to_char(d.day, 'YYYY-MM-DD')`;
  const result = await sql<Record<string, unknown>>`
    SELECT ${key} AS bucket,
      sum(d.conversations)::int AS conversations, count(DISTINCT d.day)::int AS active_days,
      ${responseGaps}, ${fractionSums}
    FROM agent_day d
    WHERE ${where(filter)}
    GROUP BY 1
    ORDER BY 1`.execute(db);
  return result.rows.map((row) => ({ bucket: row.bucket as string, totals: toTotals(row) }));
}

/**
 * Per-agent period totals for each channel apart: time metrics (milliseconds) are never pooled across
 * channels, since one mean cannot hold voice seconds and email hours.
 */
export async function agentChannelTotals(
  db: Kysely<Database>,
  filter: RollupFilter,
): Promise<(AgentTotals & { channel: string })[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT d.agent_id, d.channel, a.name AS agent_name, a.team_id AS agent_team,
      sum(d.conversations)::int AS conversations, count(DISTINCT d.day)::int AS active_days,
      ${responseGaps}, ${fractionSums}
    FROM agent_day d
    JOIN agents a ON a.organisation_id = d.organisation_id AND a.id = d.agent_id
    WHERE ${where(filter)}
    GROUP BY d.agent_id, d.channel, a.name, a.team_id
    ORDER BY d.agent_id, d.channel`.execute(db);
  return result.rows.map((row) => ({
    agentId: row.agent_id as string,
    channel: row.channel as string,
    agentName: (row.agent_name as string | null) ?? null,
    teamId: (row.agent_team as string | null) ?? null,
    totals: toTotals(row),
  }));
}

/** Per-agent weekly totals for each channel apart (weeks start on Monday). */
export async function weeklyChannelTotals(
  db: Kysely<Database>,
  filter: RollupFilter,
): Promise<(WeeklyPoint & { channel: string })[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT to_char(date_trunc('week', d.day), 'YYYY-MM-DD') AS week, d.agent_id, d.channel,
      sum(d.conversations)::int AS conversations, count(DISTINCT d.day)::int AS active_days,
      ${responseGaps}, ${fractionSums}
    FROM agent_day d
    WHERE ${where(filter)}
    GROUP BY 1, d.agent_id, d.channel
    ORDER BY 1, d.agent_id, d.channel`.execute(db);
  return result.rows.map((row) => ({
    week: row.week as string,
    agentId: row.agent_id as string,
    channel: row.channel as string,
    totals: toTotals(row),
  }));
}
