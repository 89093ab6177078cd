import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { insertSession } from '@rapport/api/coaching/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { insertDispute } from '@rapport/api/disputes/disputes.repository.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import type { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { rapport } from '../support/cli.ts';
import {
  count,
  createTestDatabase,
  DATABASE_KINDS,
  type TestDatabase,
  testOnlyOn,
} from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

const CUSTOMER = { id: 'cu-erase-77', name: 'Wilhelmina Quast' };
/** Everything that would identify the customer, searched for in every text column afterwards. */
const TRACES = [CUSTOMER.id, 'Wilhelmina', 'Quast'];

/** Two conversations of the customer: a chat with a-1 (3 turns, 1 event, a survey), an email with a-2 (2 turns). */
const chat = {
  id: 'er-chat',
  channel: 'chat',
  startedAt: '2026-11-05T10:00:00Z',
  endedAt: '2026-11-05T10:15:00Z',
  agent: { id: 'a-1', name: 'Priya Nair', team: 'billing' },
  customer: CUSTOMER,
  turns: [
    { speaker: 'customer', text: 'Hello, this is Wilhelmina Quast, my parcel is late.', startMs: 0 },
    { speaker: 'agent', text: "Thank you, Wilhelmina. I'm sorry about the delay.", startMs: 30_000 },
    { speaker: 'customer', text: 'ok', startMs: 60_000 },
  ],
  events: [{ type: 'resolved', at: '2026-11-05T10:14:00Z' }],
  survey: { csat: 5, comment: 'Wilhelmina here: quick help!', at: '2026-11-05T11:00:00Z' },
};
const email = {
  id: 'er-email',
  channel: 'email',
  startedAt: '2026-11-06T08:00:00Z',
  endedAt: '2026-11-06T09:00:00Z',
  agent: { id: 'a-2', name: 'Tom Berg', team: 'orders' },
  customer: CUSTOMER,
  turns: [
    { speaker: 'customer', text: 'Hi, Quast again about order 77.', startMs: 0 },
    { speaker: 'agent', text: 'Dear Wilhelmina, the order ships today.', startMs: 3_600_000 },
  ],
};

/** Every text, character, json and array column of every table, with the rows that hold a trace. */
async function tracesLeft(database: TestDatabase): Promise<string[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
    ORDER BY table_name, column_name`.execute(database.db);
  expect(columns.length).toBeGreaterThan(30);
  const patterns = TRACES.map((t) => `%${t}%`);
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table_name)}
      WHERE ${sql.ref(column_name)}::text ILIKE ANY(${patterns}::text[])`.execute(database.db);
    if ((rows[0]?.n ?? 0) > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

describe.each(DATABASE_KINDS)('erasing a customer on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));
  const scorecards = async () => ({
    a1: await as('admin').agents.scorecard({ agentId: 'a-1', ...PERIOD }),
    a2: await as('admin').agents.scorecard({ agentId: 'a-2', ...PERIOD }),
    overview: await as('hr').teams.overview(PERIOD),
  });
  let evidenceOfCustomer = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const file = [mixedFile(), JSON.stringify(chat), JSON.stringify(email)].join('\n');
    await ingest(database.db, parseJsonl(Readable.from([file])));
    users = await createFixtureUsers(database);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM evidence WHERE conversation_id IN ('er-chat', 'er-email')`.execute(
      database.db,
    );
    evidenceOfCustomer = rows[0]?.n ?? 0;
    await insertDispute(database.db, 'default', {
      conversationId: 'er-chat',
      agentId: 'a-1',
      flag: { metric: 'thankRate', turnIndex: 1, start: 0, end: 22, text: 'Thank you, Wilhelmina.' },
      comment: 'Wilhelmina Quast thanked me twice.',
      createdBy: users.agentA1.id,
    });
    await insertSession(database.db, 'default', {
      agentId: 'a-1',
      createdBy: users.supervisorBilling.id,
      focusMetrics: ['empathyRate'],
      note: 'Went through the call with Wilhelmina Quast (cu-erase-77); good apology.',
      sessionDate: '2026-11-10',
    });
    await insertSession(database.db, 'default', {
      agentId: 'a-1',
      createdBy: users.supervisorBilling.id,
      focusMetrics: ['thankRate'],
      note: 'Keep thanking customers.',
      sessionDate: '2026-11-11',
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the customer is in the data before', async () => {
    expect(evidenceOfCustomer).toBeGreaterThan(0);
    expect(await tracesLeft(database)).toEqual(
      expect.arrayContaining([
        'conversations.customer_id',
        'conversations.customer_name',
        'customers.name',
        'turns.text',
        'surveys.comment',
        'evidence.text',
        'disputes.text',
        'disputes.comment',
        'coaching_sessions.note',
      ]),
    );
  });

  test('a failure half-way erases nothing: it is one transaction', async () => {
    // A real trigger makes the audit entry, the erasure's last write, fail.
    await sql`CREATE FUNCTION refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused'; END $$`.execute(database.db);
    await sql`CREATE TRIGGER refuse_erasure BEFORE INSERT ON audit_log FOR EACH ROW
      WHEN (NEW.action = 'customer.erase') EXECUTE FUNCTION refuse_erasure()`.execute(database.db);
    const before = await tracesLeft(database);
    const turns = await count(database, 'turns');
    const failed = await as('admin')
      .admin.customers.erase({ customerId: CUSTOMER.id })
      .catch((e: unknown) => e);
    expect((failed as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
    expect(await tracesLeft(database)).toEqual(before);
    expect(await count(database, 'turns')).toBe(turns);
    await sql`DROP TRIGGER refuse_erasure ON audit_log`.execute(database.db);
    await sql`DROP FUNCTION refuse_erasure()`.execute(database.db);
  });

  test('an admin erases them everywhere, audited; scorecards do not change and other customers stay', async () => {
    const before = await scorecards();
    const turns = await count(database, 'turns');
    const receipt = await as('admin').admin.customers.erase({
      customerId: CUSTOMER.id,
      reference: 'ticket-42',
    });
    const hash = createHash('sha256').update('default:cu-erase-77').digest('hex');
    expect(receipt).toEqual({
      customerHash: hash,
      reference: 'ticket-42',
      conversations: 2,
      turns: 3 + 2,
      evidence: evidenceOfCustomer,
      events: 1,
      surveys: 1,
      disputes: 1,
      coachingNotes: 1,
    });
    expect(await tracesLeft(database)).toEqual([]);
    expect(await count(database, 'turns')).toBe(turns - 5);

    const [entry] = await as('admin').audit.list({ limit: 1 });
    expect(entry).toMatchObject({ actor: 'admin@example.com', action: 'customer.erase', detail: receipt });

    expect(await scorecards()).toEqual(before);
    const erased = await as('admin').conversations.byId({ id: 'er-chat' });
    expect(erased).toMatchObject({ customerName: null, survey: null, turns: [], evidence: [], events: [] });
    expect(erased.transcriptRemoved?.reason).toBe('erasure');
    // The dispute keeps its decision and comment, without the customer.
    const { rows } = await sql<{ text: string; comment: string }>`
      SELECT text, comment FROM disputes WHERE conversation_id = 'er-chat'`.execute(database.db);
    expect(rows).toEqual([{ text: '', comment: '[erased] thanked me twice.' }]);
    const notes = await sql<{ note: string }>`SELECT note FROM coaching_sessions ORDER BY id`.execute(
      database.db,
    );
    expect(notes.rows.map((r) => r.note)).toEqual([
      'Went through the call with [erased] ([erased]); good apology.',
      'Keep thanking customers.',
    ]);

    // Sam Lee (cu-9) is another customer: his call is whole.
    const other = await as('admin').conversations.byId({ id: 'hw-voice-1' });
    expect(other.customerName).toBe('Sam Lee');
    expect(other.turns).toHaveLength(7);
    expect(other.transcriptRemoved).toBeNull();
  });

  test('an unknown or empty customer id is refused and nothing is audited', async () => {
    const audited = await count(database, 'audit_log');
    const unknown = await as('admin')
      .admin.customers.erase({ customerId: CUSTOMER.id })
      .catch((e: unknown) => e);
    expect((unknown as TRPCError).code).toBe('NOT_FOUND');
    expect((unknown as TRPCError).message).toBe(
      'No customer with id "cu-erase-77" in this organisation: nothing was erased.',
    );
    const empty = await as('admin')
      .admin.customers.erase({ customerId: '' })
      .catch((e: unknown) => e);
    expect((empty as TRPCError).code).toBe('BAD_REQUEST');
    expect((empty as TRPCError).message).toMatch(/customerId/);
    expect(await count(database, 'audit_log')).toBe(audited);
  });

  testOnlyOn(kind, 'postgres')('pnpm rapport erase-customer <id>, audited as cli', async () => {
    const result = rapport(['erase-customer', 'cu-10', '--reference', 'letter of 1 Dec'], database.env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      conversations: 1,
      turns: 7,
      reference: 'letter of 1 Dec',
    });
    const chatOfAlex = await as('admin').conversations.byId({ id: 'hw-chat-1' });
    expect(chatOfAlex).toMatchObject({ customerName: null, turns: [] });
    const [entry] = await as('admin').audit.list({ limit: 1 });
    expect(entry).toMatchObject({ actor: 'cli', action: 'customer.erase' });
  });
});
