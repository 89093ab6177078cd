import { type ConversationResult, DEFINITIONS_VERSION, dayIn } from '@rapport/metrics';
import { type Kysely, sql } from 'kysely';
import { copyRowText, rowText } from '../db/copy.ts';
import type { Database } from '../db/database.ts';
import { FRACTION_METRICS, metricColumns } from '../db/metric-columns.ts';
import { organisationTimeZone } from '../organisations/organisations.repository.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
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
 * A batch's rows in COPY's text format, made before its transaction: building the text of thousands
 * of turns takes a while, and inside the transaction the database would wait for it. The ingest
 * prepares one batch while the one before it is written.
 */
export interface PreparedBatch {
  /** The last of each id: a later duplicate in the same batch wins. */
  conversations: readonly ScoredConversation[];
  duplicatesInBatch: number;
  /** The organisation's time zone that the facts' days were counted in. */
  timeZone: string;
  text: Record<'conversations' | 'turns' | 'events' | 'surveys' | 'evidence' | 'facts', string>;
}

export function prepareBatch(
  organisationId: string,
  timeZone: string,
  batch: readonly ScoredConversation[],
): PreparedBatch {
  const conversations = lastOfEachId(batch);
  return {
    conversations,
    duplicatesInBatch: batch.length - conversations.length,
    timeZone,
    text: {
      ...conversationText(organisationId, conversations),
      evidence: evidenceText(organisationId, conversations),
      facts: factText(organisationId, timeZone, conversations),
    },
  };
}

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
  const timeZone = await organisationTimeZone(db, organisationId);
  return storePrepared(db, organisationId, prepareBatch(organisationId, timeZone, batch));
}

/** `storeBatch` for a batch already prepared. */
export async function storePrepared(
  db: Kysely<Database>,
  organisationId: string,
  prepared: PreparedBatch,
): Promise<{ updated: number }> {
  const { conversations, text } = prepared;
  return db.transaction().execute(async (trx) => {
    const ids = conversations.map((c) => c.record.id);
    await lockConversations(trx, organisationId, ids);
    await upsertPeople(trx, organisationId, conversations);

    // Only the ids already stored have old rows to replace: usually none, so nothing else is searched.
    const stored = await sql<{ id: string }>`
      SELECT id FROM conversations WHERE organisation_id = ${organisationId} AND id = ANY(${ids}::text[])`.execute(
      trx,
    );
    const replacedIds = stored.rows.map((r) => r.id);
    const oldKeys = await rollupKeysOf(trx, organisationId, replacedIds);
    await deleteChildren(trx, organisationId, replacedIds, CONVERSATION_CHILDREN);
    if (replacedIds.length > 0) {
      await sql`DELETE FROM conversations WHERE organisation_id = ${organisationId} AND id = ANY(${replacedIds}::text[])`.execute(
        trx,
      );
    }

    for (const [table, columns] of CONVERSATION_COPIES) await copyRowText(trx, table, columns, text[table]);
    await copyRowText(trx, 'evidence', EVIDENCE_COLUMNS, text.evidence);
    // The facts count in the time zone the organisation has now: a change since the batch was
    // prepared (its recompute may already have run) is honoured here.
    const timeZone = await organisationTimeZone(trx, organisationId);
    await copyRowText(
      trx,
      'conversation_metrics',
      FACT_COLUMNS,
      timeZone === prepared.timeZone ? text.facts : factText(organisationId, timeZone, conversations),
    );
    await refreshRollups(trx, organisationId, oldKeys, conversations);
    await bumpDataVersion(trx, organisationId);

    return { updated: replacedIds.length + prepared.duplicatesInBatch };
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
    const ids = batch.map((c) => c.record.id);
    const oldKeys = await rollupKeysOf(trx, organisationId, ids);
    await deleteChildren(trx, organisationId, ids, ['conversation_metrics', 'evidence']);
    await insertEvidence(trx, organisationId, batch);
    await insertMetricFacts(trx, organisationId, batch);
    await refreshRollups(trx, organisationId, oldKeys, batch);
    await bumpDataVersion(trx, organisationId);
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

/** The rollup rows that these conversations' stored facts feed. */
async function rollupKeysOf(
  trx: Kysely<Database>,
  org: string,
  ids: readonly string[],
): Promise<RollupKey[]> {
  if (ids.length === 0) return [];
  const keys = await sql<RollupKey>`
    SELECT DISTINCT team_id, agent_id, day, channel, queue FROM conversation_metrics
    WHERE organisation_id = ${org} AND conversation_id = ANY(${ids}::text[])`.execute(trx);
  return keys.rows;
}

async function deleteChildren(
  trx: Kysely<Database>,
  org: string,
  ids: readonly string[],
  tables: readonly (typeof CONVERSATION_CHILDREN)[number][],
) {
  if (ids.length === 0) return;
  for (const table of tables) {
    await sql`
      DELETE FROM ${sql.table(table)} WHERE organisation_id = ${org} AND conversation_id = ANY(${ids}::text[])`.execute(
      trx,
    );
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

const CONVERSATION_COPIES = [
  [
    'conversations',
    [
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
    ],
  ],
  ['turns', ['organisation_id', 'conversation_id', 'idx', 'speaker', 'text', 'start_ms', 'end_ms']],
  ['events', ['organisation_id', 'conversation_id', 'idx', 'type', 'at', 'data']],
  ['surveys', ['organisation_id', 'conversation_id', 'csat', 'comment', 'at']],
] as const;

/** The conversations' own rows, with their turns, events and surveys. */
function conversationText(
  org: string,
  batch: readonly ScoredConversation[],
): Record<(typeof CONVERSATION_COPIES)[number][0], string> {
  return {
    conversations: rowText(
      batch.map(({ record: r }) => [
        org,
        r.id,
        r.channel,
        r.startedAt,
        r.endedAt,
        r.agent.id,
        r.agent.team,
        r.customer?.id,
        r.customer?.name,
        r.queue,
        r.events !== undefined,
      ]),
    ),
    turns: rowText(
      batch.flatMap(({ record: r }) =>
        r.turns.map((t, idx) => [org, r.id, idx, t.speaker, t.text, t.startMs, t.endMs]),
      ),
    ),
    events: rowText(
      batch.flatMap(({ record: r }) =>
        (r.events ?? []).map((e, idx) => [org, r.id, idx, e.type, e.at, JSON.stringify(e)]),
      ),
    ),
    surveys: rowText(
      batch.flatMap(({ record: r }) =>
        r.survey ? [[org, r.id, r.survey.csat, r.survey.comment, r.survey.at]] : [],
      ),
    ),
  };
}

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
  'kind',
];

function evidenceText(org: string, batch: readonly ScoredConversation[]): string {
  return rowText(
    batch.flatMap(({ record, result }) =>
      result.evidence.map((e, idx) => [
        org,
        record.id,
        idx,
        e.metric,
        e.turnIndex,
        e.start,
        e.end,
        e.text,
        e.suggestion,
        e.kind,
      ]),
    ),
  );
}

async function insertEvidence(trx: Kysely<Database>, org: string, batch: readonly ScoredConversation[]) {
  await copyRowText(trx, 'evidence', EVIDENCE_COLUMNS, evidenceText(org, batch));
}

const FACT_COLUMNS = [
  'organisation_id',
  'conversation_id',
  'agent_id',
  'team_id',
  'channel',
  'queue',
  'day',
  'response_gaps',
  'definitions',
  ...FRACTION_COLUMN_NAMES,
];

/** The day a conversation counts for is its start's date in the organisation's time zone. */
function factText(org: string, timeZone: string, batch: readonly ScoredConversation[]): string {
  return rowText(
    batch.map(({ record: r, result }) => [
      org,
      r.id,
      r.agent.id,
      r.agent.team ?? NO_TEAM,
      r.channel,
      r.queue ?? NO_QUEUE,
      dayIn(timeZone, new Date(r.startedAt)),
      result.responseGapsMs.map(Math.round),
      DEFINITIONS_VERSION,
      ...FRACTION_METRICS.flatMap((id) => {
        const fraction = result.metrics[id];
        return [fraction?.num, fraction?.den];
      }),
    ]),
  );
}

async function insertMetricFacts(trx: Kysely<Database>, org: string, batch: readonly ScoredConversation[]) {
  const timeZone = await organisationTimeZone(trx, org);
  await copyRowText(trx, 'conversation_metrics', FACT_COLUMNS, factText(org, timeZone, batch));
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
  const newKeys = await rollupKeysOf(
    trx,
    org,
    batch.map((c) => c.record.id),
  );
  await lockRollupDays(trx, org, [...oldKeys, ...newKeys]);
  const keys = json([...oldKeys, ...newKeys]);
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
