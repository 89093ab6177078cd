import { Readable } from 'node:stream';
import { listAudit } from '@rapport/api/audit/audit.repository.ts';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createSession, userForSession } from '@rapport/api/auth/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { type JobQueue, startJobQueue } from '@rapport/api/jobs/job-queue.ts';
import { appRouter } from '@rapport/api/root.ts';
import { agentScorecard } from '@rapport/api/scorecard/scorecard.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { DEFAULT_LEXICONS, DEFAULT_TARGETS, DEFAULT_WEIGHTS } from '@rapport/metrics';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey, PASSWORD } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

describe.each(DATABASE_KINDS)('admin configuration, teams, users and jobs on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  let jobs: JobQueue;
  const as = (key: FixtureUserKey, withJobs = true) =>
    createCaller(createContextInner({ db: database.db, user: users[key], jobs: withJobs ? jobs : null }));
  const admin = () => as('admin');
  const auditActions = async () => (await listAudit(database.db, 'default')).map((entry) => entry.action);
  const latestAudit = async () => (await listAudit(database.db, 'default', 1))[0];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
    jobs = await startJobQueue(database, { work: true, pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await jobs?.stop();
    await database?.drop();
  });

  test('config.get shows the settings in force with the defaults, lexicons with their seed rules', async () => {
    const config = await admin().admin.config.get();
    expect(config.defaults.targets).toEqual(DEFAULT_TARGETS);
    expect(config.defaults.weights).toEqual(DEFAULT_WEIGHTS);
    expect(config.defaults.responseTargetsMs).toEqual({ voice: 3_000, chat: 60_000, email: 14_400_000 });
    expect(config.defaults.lexicons.empathy.rule).toEqual(DEFAULT_LEXICONS.empathy.rule);
    expect(config.defaults.lexicons.jargon.entries).toEqual(DEFAULT_LEXICONS.jargon.entries);
    expect(Object.keys(config.effective.lexicons).sort()).toEqual(Object.keys(DEFAULT_LEXICONS).sort());
    expect(config.effective.lexicons.jargon).toEqual({
      entries: DEFAULT_LEXICONS.jargon.entries,
      custom: false,
      exceptions: DEFAULT_LEXICONS.jargon.exceptions,
      customExceptions: false,
    });
    expect(config.effective.targets).toEqual(DEFAULT_TARGETS);
    expect(config.overrides).toEqual({ targets: {}, weights: {}, lexicons: {}, exceptions: {} });
  });

  test('config.update refuses bad settings with BAD_REQUEST and a sentence, and saves nothing', async () => {
    const refusal = async (patch: unknown) => {
      const error = await admin()
        .admin.config.update(patch as never)
        .then(
          () => null,
          (e: { code?: string; message: string }) => e,
        );
      expect(error?.code, JSON.stringify(patch)).toBe('BAD_REQUEST');
      // Words, not zod's JSON list of issues.
      expect(error?.message).not.toMatch(/^\s*[[{]/);
      return error?.message;
    };
    expect(await refusal({ weights: { csat: 11 } })).toMatch(/^weights\.csat: .*10/);
    expect(await refusal({ lexicons: { jargon: [{ phrase: '  ' }] } })).toBe(
      'lexicons.jargon.0.phrase: a phrase cannot be empty',
    );
    expect(await refusal({ targets: { talkRatio: { direction: 'higher', value: 0.5 } } })).toContain(
      "talkRatio: a target must be 'lower'",
    );
    expect(await refusal({ weights: { handleTimeMs: 1 } })).toContain('handleTimeMs');
    expect(await refusal({})).toBe('Nothing to change: send at least one setting.');
    expect((await admin().admin.config.get()).overrides).toEqual({
      targets: {},
      weights: {},
      lexicons: {},
      exceptions: {},
    });
  });

  test('targets and weights are read at query time: saved and audited, no job', async () => {
    const result = await admin().admin.config.update({
      weights: { csat: 2 },
      targets: { paraphraseRate: null, thankRate: { direction: 'higher', value: 0.9 } },
    });
    expect(result).toEqual({ changed: ['targets', 'weights'], jobId: null });
    const config = await admin().admin.config.get();
    expect(config.effective.weights.csat).toBe(2);
    expect(config.effective.targets.paraphraseRate).toBeUndefined();
    expect(config.effective.targets.thankRate).toEqual({ direction: 'higher', value: 0.9 });
    expect(config.overrides.targets).toEqual({
      paraphraseRate: null,
      thankRate: { direction: 'higher', value: 0.9 },
    });
    const latest = await latestAudit();
    expect(latest).toMatchObject({ actor: 'admin@example.com', action: 'config.update' });
    expect(latest?.detail).toMatchObject({ changed: ['targets', 'weights'], jobId: null });
  });

  test('a lexicon change needs the job queue: without one it is refused and nothing is saved', async () => {
    await expect(
      as('admin', false).admin.config.update({ lexicons: { jargon: [{ phrase: 'check' }] } }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await admin().admin.config.get()).effective.lexicons.jargon.custom).toBe(false);
  });

  test('a lexicon change queues a recompute job that completes and changes the metric', async () => {
    const before = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    expect(before.metrics.jargonPer100Words).toBe(0);
    const { changed, jobId } = await admin().admin.config.update({
      lexicons: { jargon: [{ phrase: 'check', suggestion: 'look into' }] },
    });
    expect(changed).toEqual(['lexicons']);
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

    const deadline = Date.now() + 60_000;
    let status = await admin().admin.jobs.status({ id: jobId as string });
    while (status?.state !== 'done' && status?.state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await admin().admin.jobs.status({ id: jobId as string });
    }
    expect(status).toMatchObject({
      id: jobId,
      queue: 'recompute',
      state: 'done',
      progress: { done: 3, total: 3 },
      result: { recomputed: 3 },
      error: null,
    });
    // a-1 says "check" once in 31 words (tests/recompute.test.ts).
    const after = await agentScorecard(database.db, 'default', 'a-1', PERIOD);
    expect(after.metrics.jargonPer100Words).toBeCloseTo(100 / 31, 9);
    const config = await admin().admin.config.get();
    expect(config.effective.lexicons.jargon).toEqual({
      entries: [{ phrase: 'check', suggestion: 'look into' }],
      custom: true,
      exceptions: DEFAULT_LEXICONS.jargon.exceptions,
      customExceptions: false,
    });
    const latest = await latestAudit();
    expect(latest).toMatchObject({ action: 'config.update', detail: { changed: ['lexicons'], jobId } });

    expect(await admin().admin.jobs.status({ id: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    await expect(admin().admin.jobs.status({ id: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'id: expected a job id such as the one config.update returned',
    });
  });

  test('teams are listed with their agents, created and renamed, each change audited', async () => {
    expect(await admin().admin.teams.list()).toEqual([
      { id: 'billing', name: 'billing', agents: 1 },
      { id: 'orders', name: 'orders', agents: 1 },
    ]);
    expect(await admin().admin.teams.upsert({ id: 'billing', name: 'Billing desk' })).toEqual({
      id: 'billing',
      name: 'Billing desk',
      created: false,
    });
    expect(await admin().admin.teams.upsert({ id: 'retention', name: 'Retention' })).toMatchObject({
      created: true,
    });
    expect(await admin().admin.teams.list()).toEqual([
      { id: 'billing', name: 'Billing desk', agents: 1 },
      { id: 'orders', name: 'orders', agents: 1 },
      { id: 'retention', name: 'Retention', agents: 0 },
    ]);
    await expect(admin().admin.teams.upsert({ id: ' ', name: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'id: a team needs an id',
    });
    expect((await auditActions()).filter((a) => a === 'team.upsert')).toHaveLength(2);
  });

  test('users: listed without password hashes, created and updated with role checks, removed', async () => {
    const listed = await admin().admin.users.list();
    expect(listed.map((u) => u.email)).toEqual([
      'admin@example.com',
      'hr@example.com',
      'lead.billing@example.com',
      'priya@example.com',
      'tom@example.com',
    ]);
    expect(listed[0]).toEqual({
      id: users.admin.id,
      email: 'admin@example.com',
      role: 'admin',
      teamId: null,
      agentId: null,
      hasPassword: true,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(listed)).not.toContain('argon2');

    await expect(
      admin().admin.users.upsert({ email: 'lead.orders@example.com', role: 'supervisor' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'teamId: a supervisor needs --team T' });
    await expect(admin().admin.users.upsert({ email: 'not an email', role: 'hr' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'email: expected an email address such as priya@example.com',
    });
    await expect(
      admin().admin.users.upsert({ email: 'someone@example.com', role: 'owner' as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const lead = await admin().admin.users.upsert({
      email: 'Lead.Orders@example.com',
      role: 'supervisor',
      teamId: 'orders',
      password: PASSWORD,
    });
    expect(lead).toMatchObject({ email: 'lead.orders@example.com', role: 'supervisor', teamId: 'orders' });
    expect(lead).not.toHaveProperty('password_hash');
    // Same email: an update (here to HR), not a second user.
    const moved = await admin().admin.users.upsert({ email: 'lead.orders@example.com', role: 'hr' });
    expect(moved).toMatchObject({ id: lead.id, role: 'hr', teamId: null, hasPassword: true });

    // Removal ends the session at once; the user is gone from the list and can be added again.
    const { token } = await createSession(database.db, {
      id: lead.id,
      organisationId: users.admin.organisationId,
    });
    expect(await userForSession(database.db, token)).not.toBeNull();
    expect(await admin().admin.users.remove({ id: lead.id })).toEqual({
      id: lead.id,
      email: 'lead.orders@example.com',
    });
    expect(await userForSession(database.db, token)).toBeNull();
    expect((await admin().admin.users.list()).map((u) => u.id)).not.toContain(lead.id);
    await expect(admin().admin.users.remove({ id: lead.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const back = await admin().admin.users.upsert({ email: 'lead.orders@example.com', role: 'hr' });
    expect(back).toMatchObject({ id: lead.id, hasPassword: false });

    // An admin cannot lock themselves out.
    await expect(admin().admin.users.remove({ id: users.admin.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'You cannot remove yourself; ask another admin.',
    });
    await expect(
      admin().admin.users.upsert({ email: 'admin@example.com', role: 'hr' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const actions = await auditActions();
    expect(actions.filter((a) => a === 'user.upsert')).toHaveLength(3);
    expect(actions.filter((a) => a === 'user.remove')).toHaveLength(1);
  });

  test('a supervisor gets FORBIDDEN from every admin procedure', async () => {
    const supervisor = as('supervisorBilling');
    const forbidden = { code: 'FORBIDDEN' };
    await expect(supervisor.admin.config.get()).rejects.toMatchObject(forbidden);
    await expect(supervisor.admin.config.update({ weights: { csat: 1 } })).rejects.toMatchObject(forbidden);
    await expect(supervisor.admin.teams.list()).rejects.toMatchObject(forbidden);
    await expect(supervisor.admin.users.list()).rejects.toMatchObject(forbidden);
    await expect(
      supervisor.admin.users.upsert({ email: 'x@example.com', role: 'admin' }),
    ).rejects.toMatchObject(forbidden);
    await expect(supervisor.admin.users.remove({ id: users.admin.id })).rejects.toMatchObject(forbidden);
    await expect(
      supervisor.admin.jobs.status({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject(forbidden);
  });
});
