import { type ConversationResult, DEFINITIONS_VERSION } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { FRACTION_METRICS, metricColumns } from '../db/metric-columns.ts';
import type { ConversationRecord } from './record.ts';
import { lockConversations, lockRollupDays } from './write-locks.ts';

export interface ScoredConversation {
  record: ConversationRecord;
  result: ConversationResult;
}

/** Rollup rows are keyed by these columns; `''` stands for "no team" / "no queue". */
const NO_TEAM = '';
const NO_QUEUE = '';

const FRACTION_COLUMN_NAMES = FRACTION_METRICS.flatMap((id) => {
  const c = metricColumns(id);
  return [c.num, c.den];
});

/**
 * Stores a batch of validated, scored conversations in one transaction: either all of them are
 * stored with their turns, events, survey, metric facts and rollups, or none is.
 * A conversation whose id is already stored replaces it. Returns how many were replacements.
 */
export async function storeBatch(
  db: Kysely<Database>,
  organisationId: string,
  batch: readonly ScoredConversation[],
): Promise<{ updated: number }> {
  const conversations = lastOfEachId(batch);
  const duplicatesInBatch = batch.length - conversations.length;
  const ids = json(conversations.map((c) => c.record.id));

  return db.transaction().execute(async (trx) => {
    await lockConversations(
      trx,
      organisationId,
      conversations.map((c) => c.record.id),
    );
    await upsertPeople(trx, organisationId, conversations);

    const oldKeys = await sql<RollupKey>`
      SELECT DISTINCT team_id, agent_id, day, channel, queue FROM conversation_metrics
      WHERE organisation_id = ${organisationId}
        AND conversation_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`.execute(trx);
    await deleteChildren(trx, organisationId, ids, CONVERSATION_CHILDREN);
    const replaced = await sql<{ id: string }>`
      DELETE FROM conversations
      WHERE organisation_id = ${organisationId} AND id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))
      RETURNING id`.execute(trx);

    await insertConversations(trx, organisationId, conversations);
    await insertEvidence(trx, organisationId, conversations);
    await insertMetricFacts(trx, organisationId, conversations);
    await refreshRollups(trx, organisationId, oldKeys.rows, conversations);

    return { updated: replaced.rows.length + duplicatesInBatch };
  });
}

/**
 * Rewrites the metric facts, evidence and rollups of stored conversations after a re-score (new
 * lexicons, scripts, targets or an upheld dispute); the conversations themselves stay as they are.
 * `rescore` reads and scores them inside the transaction, once their locks are held, so that a
 * re-import that lands meanwhile is never overwritten with facts of the conversation as it was.
 */
export async function replaceFacts(
  db: Kysely<Database>,
  organisationId: string,
  conversationIds: readonly string[],
  rescore: (trx: Kysely<Database>) => Promise<readonly ScoredConversation[]>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockConversations(trx, organisationId, conversationIds);
    const batch = await rescore(trx);
    const ids = json(batch.map((c) => c.record.id));
    const oldKeys = await sql<RollupKey>`
      SELECT DISTINCT team_id, agent_id, day, channel, queue FROM conversation_metrics
      WHERE organisation_id = ${organisationId}
        AND conversation_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`.execute(trx);
    await deleteChildren(trx, organisationId, ids, ['conversation_metrics', 'evidence']);
    await insertEvidence(trx, organisationId, batch);
    await insertMetricFacts(trx, organisationId, batch);
    await refreshRollups(trx, organisationId, oldKeys.rows, batch);
    return batch.length;
  });
}

interface RollupKey {
  team_id: string;
  agent_id: string;
  day: string;
  channel: string;
  queue: string;
}

/** Tables keyed by (organisation_id, conversation_id, …) that belong to a conversation. */
const CONVERSATION_CHILDREN = ['turns', 'events', 'surveys', 'evidence', 'conversation_metrics'] as const;

async function deleteChildren(
  trx: Kysely<Database>,
  org: string,
  idsJson: string,
  tables: readonly (typeof CONVERSATION_CHILDREN)[number][],
) {
  for (const table of tables) {
    await sql`
      DELETE FROM ${sql.table(table)} WHERE organisation_id = ${org}
        AND conversation_id IN (SELECT jsonb_array_elements_text(${idsJson}::jsonb))`.execute(trx);
  }
}

function lastOfEachId(batch: readonly ScoredConversation[]): ScoredConversation[] {
  return [...new Map(batch.map((c) => [c.record.id, c])).values()];
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

async function upsertPeople(trx: Kysely<Database>, org: string, batch: readonly ScoredConversation[]) {
  const teams = new Set<string>();
  const agents = new Map<string, { id: string; name: string | null; team_id: string | null }>();
  const customers = new Map<string, { id: string; name: string | null }>();
  for (const { record } of batch) {
    if (record.agent.team) teams.add(record.agent.team);
    agents.set(record.agent.id, {
      id: record.agent.id,
      name: record.agent.name ?? null,
      team_id: record.agent.team ?? null,
    });
    const customerId = record.customer?.id;
    if (customerId) customers.set(customerId, { id: customerId, name: record.customer?.name ?? null });
  }
  // Sorted, so that concurrent batches take the people's row locks in one order.
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (teams.size > 0) {
    await sql`
      INSERT INTO teams (organisation_id, id, name)
      SELECT ${org}, t, t FROM jsonb_array_elements_text(${json([...teams].sort())}::jsonb) AS t
      ON CONFLICT DO NOTHING`.execute(trx);
  }
  await sql`
    INSERT INTO agents (organisation_id, id, name, team_id)
    SELECT ${org}, a.id, a.name, a.team_id
    FROM jsonb_to_recordset(${json([...agents.values()].sort(byId))}::jsonb) AS a(id text, name text, team_id text)
    ON CONFLICT (organisation_id, id) DO UPDATE
      SET name = coalesce(excluded.name, agents.name), team_id = coalesce(excluded.team_id, agents.team_id)`.execute(
    trx,
  );
  if (customers.size > 0) {
    await sql`
      INSERT INTO customers (organisation_id, id, name)
      SELECT ${org}, c.id, c.name
      FROM jsonb_to_recordset(${json([...customers.values()].sort(byId))}::jsonb) AS c(id text, name text)
      ON CONFLICT (organisation_id, id) DO UPDATE SET name = coalesce(excluded.name, customers.name)`.execute(
      trx,
    );
  }
}

async function insertConversations(trx: Kysely<Database>, org: string, batch: readonly ScoredConversation[]) {
  const conversations = batch.map(({ record: r }) => ({
    id: r.id,
    channel: r.channel,
    started_at: r.startedAt,
    ended_at: r.endedAt,
    agent_id: r.agent.id,
    team_id: r.agent.team ?? null,
    customer_id: r.customer?.id ?? null,
    customer_name: r.customer?.name ?? null,
    queue: r.queue ?? null,
    events_given: r.events !== undefined,
  }));
  await sql`
    INSERT INTO conversations
      (organisation_id, id, channel, started_at, ended_at, agent_id, team_id, customer_id, customer_name, queue,
        events_given)
    SELECT ${org}, c.* FROM jsonb_to_recordset(${json(conversations)}::jsonb) AS c(
      id text, channel text, started_at timestamptz, ended_at timestamptz, agent_id text, team_id text,
      customer_id text, customer_name text, queue text, events_given boolean)`.execute(trx);

  const turns = batch.flatMap(({ record: r }) =>
    r.turns.map((t, idx) => ({ c: r.id, i: idx, s: t.speaker, t: t.text, a: t.startMs, b: t.endMs ?? null })),
  );
  await sql`
    INSERT INTO turns (organisation_id, conversation_id, idx, speaker, text, start_ms, end_ms)
    SELECT ${org}, t.c, t.i, t.s, t.t, t.a, t.b
    FROM jsonb_to_recordset(${json(turns)}::jsonb) AS t(c text, i int, s text, t text, a bigint, b bigint)`.execute(
    trx,
  );

  const events = batch.flatMap(({ record: r }) =>
    (r.events ?? []).map((e, idx) => ({ c: r.id, i: idx, type: e.type, at: e.at, data: e })),
  );
  if (events.length > 0) {
    await sql`
      INSERT INTO events (organisation_id, conversation_id, idx, type, at, data)
      SELECT ${org}, e.c, e.i, e.type, e.at, e.data
      FROM jsonb_to_recordset(${json(events)}::jsonb) AS e(c text, i int, type text, at timestamptz, data jsonb)`.execute(
      trx,
    );
  }

  const surveys = batch.flatMap(({ record: r }) =>
    r.survey
      ? [{ c: r.id, csat: r.survey.csat ?? null, comment: r.survey.comment ?? null, at: r.survey.at ?? null }]
      : [],
  );
  if (surveys.length > 0) {
    await sql`
      INSERT INTO surveys (organisation_id, conversation_id, csat, comment, at)
      SELECT ${org}, s.c, s.csat, s.comment, s.at
      FROM jsonb_to_recordset(${json(surveys)}::jsonb) AS s(c text, csat real, comment text, at timestamptz)`.execute(
      trx,
    );
  }
}

async function insertEvidence(trx: Kysely<Database>, org: string, batch: readonly ScoredConversation[]) {
  const evidence = batch.flatMap(({ record, result }) =>
    result.evidence.map((e, idx) => ({
      c: record.id,
      i: idx,
      m: e.metric,
      ti: e.turnIndex,
      a: e.start,
      b: e.end,
      t: e.text,
      s: e.suggestion ?? null,
      k: e.kind,
    })),
  );
  if (evidence.length > 0) {
    await sql`
      INSERT INTO evidence
        (organisation_id, conversation_id, idx, metric, turn_index, span_start, span_end, text, suggestion, kind)
      SELECT ${org}, e.c, e.i, e.m, e.ti, e.a, e.b, e.t, e.s, e.k
      FROM jsonb_to_recordset(${json(evidence)}::jsonb)
        AS e(c text, i int, m text, ti int, a int, b int, t text, s text, k text)`.execute(trx);
  }
}

async function insertMetricFacts(trx: Kysely<Database>, org: string, batch: readonly ScoredConversation[]) {
  const facts = batch.map(({ record: r, result }) => {
    const row: Record<string, unknown> = {
      conversation_id: r.id,
      agent_id: r.agent.id,
      team_id: r.agent.team ?? NO_TEAM,
      channel: r.channel,
      queue: r.queue ?? NO_QUEUE,
      started_at: r.startedAt,
      response_gaps: result.responseGapsMs.map(Math.round),
    };
    for (const id of FRACTION_METRICS) {
      const fraction = result.metrics[id];
      const c = metricColumns(id);
      row[c.num] = fraction?.num ?? null;
      row[c.den] = fraction?.den ?? null;
    }
    return row;
  });
  const fractionDefs = FRACTION_COLUMN_NAMES.map((c) => `${c} float8`).join(', ');
  const fractionList = FRACTION_COLUMN_NAMES.join(', ');
  await sql`
    INSERT INTO conversation_metrics (organisation_id, conversation_id, agent_id, team_id, channel, queue, day,
      response_gaps, definitions, ${sql.raw(fractionList)})
    SELECT ${org}, f.conversation_id, f.agent_id, f.team_id, f.channel, f.queue,
      (f.started_at AT TIME ZONE o.time_zone)::date, f.response_gaps, ${DEFINITIONS_VERSION}, ${sql.raw(fractionList)}
    FROM jsonb_to_recordset(${json(facts)}::jsonb) AS f(conversation_id text, agent_id text, team_id text,
      channel text, queue text, started_at timestamptz, response_gaps float8[], ${sql.raw(fractionDefs)})
    JOIN organisations o ON o.id = ${org}`.execute(trx);
}

/**
 * Recomputes the rollup rows a batch touched (old rows of replaced conversations and new rows) from
 * the per-conversation facts: exact under replacement, and only as much work as the batch is wide.
 */
async function refreshRollups(
  trx: Kysely<Database>,
  org: string,
  oldKeys: readonly RollupKey[],
  batch: readonly ScoredConversation[],
) {
  const newKeys = await sql<RollupKey>`
    SELECT DISTINCT team_id, agent_id, day, channel, queue FROM conversation_metrics
    WHERE organisation_id = ${org}
      AND conversation_id IN (SELECT jsonb_array_elements_text(${json(batch.map((c) => c.record.id))}::jsonb))`.execute(
    trx,
  );
  await lockRollupDays(trx, org, [...oldKeys, ...newKeys.rows]);
  const keys = json([...oldKeys, ...newKeys.rows]);
  const keyTable = sql`(SELECT DISTINCT * FROM jsonb_to_recordset(${keys}::jsonb)
    AS k(team_id text, agent_id text, day date, channel text, queue text))`;
  await sql`
    DELETE FROM agent_day d USING ${keyTable} k
    WHERE d.organisation_id = ${org} AND d.team_id = k.team_id AND d.agent_id = k.agent_id
      AND d.day = k.day AND d.channel = k.channel AND d.queue = k.queue`.execute(trx);
  const sums = FRACTION_COLUMN_NAMES.map((c) => `sum(m.${c}) AS ${c}`).join(', ');
  const countColumns = FRACTION_METRICS.map((id) => metricColumns(id).n);
  const counts = FRACTION_METRICS.map((id) => `count(m.${metricColumns(id).den})`).join(', ');
  await sql`
    INSERT INTO agent_day (organisation_id, team_id, agent_id, day, channel, queue, conversations, response_gaps,
      ${sql.raw(FRACTION_COLUMN_NAMES.join(', '))}, ${sql.raw(countColumns.join(', '))})
    SELECT ${org}, m.team_id, m.agent_id, m.day, m.channel, m.queue, count(*),
      array_cat_agg(m.response_gaps), ${sql.raw(sums)}, ${sql.raw(counts)}
    FROM conversation_metrics m JOIN ${keyTable} k
      ON m.team_id = k.team_id AND m.agent_id = k.agent_id AND m.day = k.day AND m.channel = k.channel
        AND m.queue = k.queue
    WHERE m.organisation_id = ${org}
    GROUP BY m.team_id, m.agent_id, m.day, m.channel, m.queue`.execute(trx);
}
