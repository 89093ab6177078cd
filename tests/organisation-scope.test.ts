import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { userForSession } from '@rapport/api/auth/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { scoredConversation } from '@rapport/api/conversations/scored-conversation.ts';
import { eraseCustomer } from '@rapport/api/erasure/customer-erasure.ts';
import { systemActor } from '@rapport/api/exports/export-access.ts';
import { exportToFile } from '@rapport/api/exports/export-file.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { outdatedFacts } from '@rapport/api/jobs/definitions-upgrade.ts';
import { createJob } from '@rapport/api/jobs/jobs.repository.ts';
import { failStrandedJobs, failStrandedUploads, keepAlive } from '@rapport/api/jobs/liveness.ts';
import { runRecomputeJob } from '@rapport/api/jobs/recompute.job.ts';
import { runUploadJob } from '@rapport/api/jobs/upload.job.ts';
import { log } from '@rapport/api/observability/log.ts';
import {
  applyRetention,
  organisationsWithRetention,
  setRetentionDays,
} from '@rapport/api/retention/retention.repository.ts';
import type { Answers } from '@rapport/api/reviews/rubric.ts';
import { appRouter } from '@rapport/api/root.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { deleteOrphanedUploadParts, storeUploadParts } from '@rapport/api/uploads/upload-parts.repository.ts';
import {
  createUpload,
  finishUpload,
  recordReceived,
  recordStored,
  uploadStatus,
} from '@rapport/api/uploads/uploads.repository.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from './fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.ts';
import { tableUses, unscopedTables } from './support/organisation-scope.ts';
import { createFixtureUsers, type FixtureUserKey, PASSWORD } from './support/users.ts';

/**
 * Citus-ready keys (docs/scaling.md): every table is distributed by `organisation_id`, so its primary
 * key starts with it, or it is a reference table, copied whole to every node, for one of these reasons.
 */
const REFERENCE_TABLES: Record<string, string> = {
  organisations: 'one row per organisation; every distributed table belongs to one of its rows',
  users:
    'sign-in finds a user by email before the organisation is known; small and rarely written, and the ' +
    'coaching, dispute, upload, job and audit rows of every organisation point at it',
  sessions: 'a request finds its session by the token hash alone, before the organisation is known',
  login_limits: 'sign-in limits count attempts per email and address, before any organisation is known',
};

/** Kysely's own bookkeeping. */
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Statements that work across every organisation on purpose; on Citus each runs on every shard.
 * All are maintenance, none answers a request.
 */
const ALL_ORGANISATIONS: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^UPDATE uploads SET status = 'failed'/,
    reason: 'the sweeper ends uploads of a dead process, whatever the organisation (jobs/liveness.ts)',
  },
  {
    pattern: /^UPDATE jobs SET state = 'failed'/,
    reason: 'the sweeper ends jobs of a dead process, whatever the organisation (jobs/liveness.ts)',
  },
  {
    pattern: /FROM conversation_metrics m\s+JOIN conversations c .* WHERE m\.definitions </s,
    reason: 'start-up finds every organisation with facts of older definitions (jobs/definitions-upgrade.ts)',
  },
  {
    pattern:
      /^delete from "upload_parts" where exists \(select "uploads"\."id" from "uploads" where "uploads"\."organisation_id" = "upload_parts"\."organisation_id"/,
    reason:
      'the sweeper removes the stored parts of uploads that ended without their worker, in every organisation',
  },
  {
    pattern:
      /^select "organisation_id" from "organisation_config" where "transcript_retention_days" is not null/,
    reason: '`rapport retention run` finds the organisations that set a retention',
  },
];

async function keyedTables(database: TestDatabase): Promise<{ table: string; firstKey: string | null }[]> {
  const { rows } = await sql<{ table: string; first_key: string | null }>`
    SELECT c.relname AS table, a.attname AS first_key
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
    ORDER BY c.relname`.execute(database.db);
  return rows
    .filter((r) => !MIGRATION_TABLES.includes(r.table))
    .map((r) => ({ table: r.table, firstKey: r.first_key }));
}

describe('the SQL reader', () => {
  const tables = new Set(['conversations', 'agents', 'turns', 'agent_day', 'jobs']);
  test.each([
    { sql: 'select "id" from "conversations" where "organisation_id" = $1 and "id" = $2', unscoped: [] },
    { sql: 'select "id" from "conversations" where "id" = $1', unscoped: ['conversations'] },
    {
      sql: 'select * from "conversations" as "c" left join "agents" as "a" on "a"."organisation_id" = "c"."organisation_id" and "a"."id" = "c"."agent_id" where "c"."organisation_id" = $1',
      unscoped: [],
    },
    {
      sql: 'select * from "conversations" as "c" left join "agents" as "a" on "a"."id" = "c"."agent_id" where "c"."organisation_id" = $1',
      unscoped: ['agents'],
    },
    { sql: 'DELETE FROM agent_day d USING (SELECT 1) k WHERE d.organisation_id = $1', unscoped: [] },
    { sql: 'update "jobs" set "done" = $1 where "id" = $2', unscoped: ['jobs'] },
    { sql: 'insert into "jobs" ("id", "organisation_id", "queue") values ($1, $2, $3)', unscoped: [] },
    { sql: 'insert into "jobs" ("id", "queue") values ($1, $2)', unscoped: ['jobs'] },
    { sql: 'COPY "turns" ("organisation_id", "conversation_id", "idx") FROM STDIN', unscoped: [] },
    { sql: 'delete from "turns" where "organisation_id" = $1 and "conversation_id" in ($2)', unscoped: [] },
    {
      sql: 'select * from "turns" where "organisation_id" = $1 and exists (select 1 from "agents" where "id" = $2)',
      unscoped: ['agents'],
    },
    { sql: "SELECT 1 FROM conversations WHERE organisation_id = 'default'", unscoped: [] },
    { sql: 'select * from "users" where "id" = $1', unscoped: [] },
  ])('$sql → $unscoped', ({ sql: text, unscoped }) => {
    expect(unscopedTables(text, tables)).toEqual(unscoped);
  });

  test('aliases and column lists', () => {
    expect(
      tableUses(
        'FROM conversation_metrics m JOIN conversations c ON true',
        new Set(['conversations', 'conversation_metrics']),
      ),
    ).toEqual([
      { table: 'conversation_metrics', ref: 'm', writesOrganisation: false },
      { table: 'conversations', ref: 'c', writesOrganisation: false },
    ]);
  });
});

describe.each(DATABASE_KINDS)('every table is keyed by organisation on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('organisation_id leads every primary key, except the reference tables', async () => {
    const tables = await keyedTables(database);
    expect(tables.length).toBeGreaterThan(15);
    const offenders = tables.filter(
      (t) => !(t.table in REFERENCE_TABLES) && t.firstKey !== 'organisation_id',
    );
    expect(offenders).toEqual([]);
    // The list names only tables that exist, so that it cannot hide a new one by a stale name.
    expect(Object.keys(REFERENCE_TABLES).filter((t) => !tables.some((row) => row.table === t))).toEqual([]);
  });
});

describe('every query the app sends names its organisation', () => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const statements: string[] = [];
  let capturing = false;
  const as = (key: FixtureUserKey) =>
    createCallerFactory(appRouter)(createContextInner({ db: database.db, user: users[key] }));

  beforeAll(async () => {
    database = await createTestDatabase('postgres', {
      queryLog: (event) => {
        if (capturing) statements.push(event.query.sql.trim());
      },
    });
    capturing = true;
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
    await runFlows();
    capturing = false;
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** A representative run of the app: every router's reads and writes, ingest, jobs, uploads, exports, retention, erasure. */
  async function runFlows() {
    let token: string | null = null;
    const session = {
      address: '10.0.0.7',
      token: null,
      setToken: (t: string | null) => {
        token = t;
      },
    };
    const anonymous = createCallerFactory(appRouter)(createContextInner({ db: database.db, session }));
    await anonymous.auth.login({ email: 'priya@example.com', password: PASSWORD });
    await anonymous.auth
      .login({ email: 'priya@example.com', password: 'wrong password here' })
      .catch(() => {});
    await userForSession(database.db, token as unknown as string);
    await anonymous.health.check();
    await anonymous.auth.demoAccounts();

    const supervisor = as('supervisorBilling');
    const admin = as('admin');
    await as('agentA1').agents.list();
    await supervisor.agents.list();
    await supervisor.agents.scorecard({ agentId: 'a-1', ...PERIOD });
    await supervisor.agents.trend({ agentId: 'a-1', metricId: 'responseTimeMs', ...PERIOD });
    await supervisor.agents.opportunities({ agentId: 'a-1', ...PERIOD });
    await as('hr').agents.opportunities({ agentId: 'a-1', ...PERIOD });
    await supervisor.teams.overview(PERIOD);
    await as('hr').teams.overview(PERIOD);
    await supervisor.teams.overview({ ...PERIOD, compare: true });
    const view = await supervisor.views.save({
      kind: 'overview',
      name: 'Scope check',
      shared: true,
      state: { compare: true },
    });
    await as('hr').views.list({ kind: 'overview' });
    await as('hr').views.byId({ kind: 'overview', id: view.id });
    await supervisor.views.save({ kind: 'overview', id: view.id, name: 'Scope check', state: {} });
    await supervisor.views.remove({ id: view.id });
    // A shared search of one agent: opening it checks the agent against the supervisor's team.
    const search = await admin.views.save({
      kind: 'search',
      name: 'Scope check',
      shared: true,
      state: { agentId: 'a-1', text: 'bill' },
    });
    await supervisor.views.list({ kind: 'search' });
    await supervisor.views.byId({ kind: 'search', id: search.id });
    await admin.views.remove({ id: search.id });
    await supervisor.conversations.byId({ id: 'hw-voice-1' });
    await supervisor.conversations.search({
      ...PERIOD,
      text: 'bill',
      metric: 'interruptionsPerConversation',
    });
    await as('agentA1').conversations.search(PERIOD);

    const coaching = await supervisor.coaching.create({
      agentId: 'a-1',
      focusMetrics: ['thankRate'],
      note: 'Thank the customer.',
      sessionDate: '2026-11-03',
    });
    await as('agentA1').coaching.list();
    await as('agentA1').coaching.acknowledge({ id: coaching.id });
    await supervisor.coaching.impact({ id: coaching.id });

    const dispute = await as('agentA1').disputes.create({
      conversationId: 'hw-voice-1',
      evidence: {
        metric: 'interruptionsPerConversation',
        turnIndex: 4,
        start: 0,
        end: 26,
        text: 'Let me check that for you.',
      },
      comment: 'The audio was delayed.',
    });
    await supervisor.disputes.list();
    await supervisor.disputes.decide({ id: dispute.id, decision: 'uphold' });

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-scope-'));
    for (const kind of ['agents.csv', 'conversations.csv', 'review.pdf'] as const) {
      await supervisor.exports.prepare({ kind, ...PERIOD });
      await exportToFile(database.db, systemActor('default'), { kind, ...PERIOD }, path.join(out, kind));
    }
    await scoredConversation(database.db, 'default', 'hw-chat-1');
    await agentScorecard(database.db, 'default', 'a-2', PERIOD);

    await admin.admin.config.get();
    await admin.admin.config.update({ weights: { csat: 2 } });
    await admin.admin.teams.list();
    await admin.admin.teams.upsert({ id: 'billing', name: 'Billing desk' });
    await admin.admin.users.list();
    const hire = await admin.admin.users.upsert({ email: 'new.hire@example.com', role: 'hr' });
    await admin.admin.users.remove({ id: hire.id });
    await admin.audit.list();

    const jobId = '00000000-0000-4000-8000-000000000001';
    await createJob(database.db, {
      id: jobId,
      organisationId: 'default',
      queue: 'recompute',
      createdBy: null,
    });
    await runRecomputeJob(database.db, jobId, { organisationId: 'default' }, undefined, 600);
    await admin.admin.jobs.status({ id: jobId });
    await admin.admin.jobs.unfinished();

    const uploadId = await createUpload(database.db, users.admin, {
      fileName: 'x.jsonl',
      format: 'jsonl',
      bytesTotal: 10,
    });
    const upload = { organisationId: 'default', id: uploadId };
    const stopHeartbeat = keepAlive(database.db, 'uploads', upload, 600);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await stopHeartbeat();
    await recordReceived(database.db, upload, 10, 10);
    await recordStored(database.db, upload, { accepted: 1, rejected: 0 });
    await finishUpload(database.db, upload, {
      status: 'done',
      summary: { accepted: 1, updated: 0, rejected: [] },
    });
    await uploadStatus(database.db, 'default', uploadId);
    // Web and worker apart: the web process stores the file in parts, a worker ingests it.
    const handedOff = await createUpload(database.db, users.admin, {
      fileName: 'one.jsonl',
      format: 'jsonl',
      bytesTotal: null,
    });
    const file = path.join(out, 'one.jsonl');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(file, mixedFile());
    await storeUploadParts(database.db, 'default', handedOff, file);
    await runUploadJob(
      database.db,
      {
        organisationId: 'default',
        upload: { id: handedOff, fileName: 'one.jsonl', format: 'jsonl' },
        user: { id: users.admin.id, email: users.admin.email },
        requestId: null,
      },
      log,
      600,
    );
    await deleteOrphanedUploadParts(database.db);
    fs.rmSync(out, { recursive: true, force: true });
    await as('admin').uploads.status({ id: uploadId });
    await failStrandedUploads(database.db, 60_000);
    await failStrandedJobs(database.db, 60_000);
    await outdatedFacts(database.db);

    // Human review: rubrics and versions, a review with its appeal, settings, a plan, a calibration.
    const [rubric] = await supervisor.reviews.rubrics.list();
    const rubricId = rubric?.id ?? 0;
    const builtIn = await admin.reviews.rubrics.byId({ id: rubricId });
    await admin.reviews.rubrics.update({ id: rubricId, definition: builtIn.definition });
    await admin.reviews.rubrics.create({ definition: builtIn.definition });
    const form = await supervisor.reviews.prepare({ conversationId: 'hw-voice-1' });
    const answers = Object.fromEntries(
      form.rubric.definition.sections.flatMap((s) =>
        s.questions.map((q) => [q.id, q.scale === 'yesNo' ? 'yes' : 5]),
      ),
    ) as Answers;
    const review = await supervisor.reviews.create({
      conversationId: 'hw-voice-1',
      rubricId,
      rubricVersion: form.rubric.version,
      answers,
      turnComments: [{ turn: 1, text: 'Good.' }],
    });
    await as('agentA1').reviews.list();
    await as('agentA1').reviews.byId({ id: review.id });
    await as('agentA1').reviews.acknowledge({ id: review.id });
    await as('agentA1').reviews.appeal({ id: review.id, comment: 'Wrong.' });
    await supervisor.reviews.decideAppeal({ id: review.id, decision: 'reject' });
    await as('hr').reviews.list();
    await supervisor.reviews.engineAgreement(PERIOD);
    await admin.reviews.settings.update({ showReviewerToAgents: false });
    await admin.reviews.settings.get();
    await supervisor.reviews.assignments.create({
      teamId: 'billing',
      ...PERIOD,
      rubricId,
      perAgent: 2,
      reviewerIds: [users.supervisorBilling.id],
    });
    await supervisor.reviews.assignments.list();
    await supervisor.reviews.assignments.reviewers({ teamId: 'billing' });
    await supervisor.reviews.assignments.queue();
    const calibration = await supervisor.reviews.calibrations.create({
      conversationId: 'hw-chat-1',
      rubricId,
      reviewerIds: [users.supervisorBilling.id, users.admin.id],
      benchmarkReviewerId: users.supervisorBilling.id,
    });
    await supervisor.reviews.calibrations.answer({ id: calibration.id, answers });
    await admin.reviews.calibrations.answer({ id: calibration.id, answers });
    await supervisor.reviews.calibrations.byId({ id: calibration.id });
    await supervisor.reviews.calibrations.list();

    await admin.admin.retention.update({ days: 30 });
    await admin.admin.retention.get();
    await setRetentionDays(database.db, 'default', 1);
    await organisationsWithRetention(database.db);
    await applyRetention(database.db, 'default', new Date('2026-11-03T09:30:00Z'));
    await eraseCustomer(database.db, systemActor('default'), 'cu-10', null);
    await admin.admin.customers.erase({ customerId: 'cu-nobody' }).catch(() => {});
    await supervisor.conversations.byId({ id: 'hw-chat-1' });
    await anonymous.auth.logout();
  }

  test('the run reached the tables it should', async () => {
    const keyed = await keyedTables(database);
    const distributed = new Set(keyed.filter((t) => t.firstKey === 'organisation_id').map((t) => t.table));
    const reached = new Set(statements.flatMap((s) => tableUses(s, distributed).map((u) => u.table)));
    expect([...distributed].filter((t) => !reached.has(t)).sort()).toEqual([]);
    expect(statements.length).toBeGreaterThan(200);
  });

  test('no statement reads or writes an organisation-keyed table without its organisation_id', async () => {
    const keyed = await keyedTables(database);
    const distributed = new Set(keyed.filter((t) => t.firstKey === 'organisation_id').map((t) => t.table));
    const unscoped = [...new Set(statements)]
      .filter((s) => !ALL_ORGANISATIONS.some((a) => a.pattern.test(s)))
      .map((s) => ({ sql: s.replace(/\s+/g, ' ').slice(0, 300), tables: unscopedTables(s, distributed) }))
      .filter((s) => s.tables.length > 0);
    expect(unscoped).toEqual([]);
    // Each exception is still needed: a pattern that matches nothing is a stale excuse.
    expect(
      ALL_ORGANISATIONS.filter((a) => !statements.some((s) => a.pattern.test(s))).map((a) => a.reason),
    ).toEqual([]);
  });
});
