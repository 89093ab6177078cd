import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { insertSession } from '@rapport/api/coaching/sessions.repository.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { insertDispute } from '@rapport/api/disputes/disputes.repository.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { notify } from '@rapport/api/notifications/notify.ts';
import { DEFAULT_RUBRIC } from '@rapport/api/reviews/default-rubric.ts';
import { type Answers, rubricQuestions } from '@rapport/api/reviews/rubric.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { saveView } from '@rapport/api/views/saved-views.repository.ts';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

/**
 * The role × procedure matrix. Every procedure of the router must have a row here: a new procedure
 * without one fails this test. `allowed` lists who may call it with `input`; everyone else must get
 * FORBIDDEN (or UNAUTHORIZED when not signed in), except `hidden`: callers whose role may call it but
 * whose scope does not hold the record, who get NOT_FOUND, as for an id that does not exist.
 */
type Caller = 'anonymous' | FixtureUserKey;
const EVERYONE: Caller[] = ['anonymous', 'agentA1', 'agentA2', 'supervisorBilling', 'hr', 'admin'];
const SIGNED_IN: Caller[] = ['agentA1', 'agentA2', 'supervisorBilling', 'hr', 'admin'];

const COACHING_SESSION = { focusMetrics: ['thankRate'], note: 'Thanks.', sessionDate: '2026-11-03' };

const INTERRUPTION = {
  metric: 'interruptionsPerConversation',
  turnIndex: 4,
  start: 0,
  end: 26,
  text: 'Let me check that for you.',
} as const;

/** The built-in rubric (id 1) answered all "yes" and 5. */
const REVIEW = {
  rubricId: 1,
  rubricVersion: 1,
  answers: Object.fromEntries(
    rubricQuestions(DEFAULT_RUBRIC).map((q) => [q.id, q.scale === 'yesNo' ? 'yes' : 5]),
  ) as Answers,
};

const ACCESS: Record<string, { allowed: Caller[]; input?: unknown; mutates?: boolean; hidden?: Caller[] }> = {
  'health.check': { allowed: EVERYONE },
  'auth.me': { allowed: EVERYONE },
  'auth.demoAccounts': { allowed: EVERYONE },
  'auth.login': { allowed: EVERYONE, input: { email: 'x@example.com', password: 'x' }, mutates: true },
  'auth.logout': { allowed: EVERYONE, mutates: true },
  'teams.overview': { allowed: ['supervisorBilling', 'hr', 'admin'], input: PERIOD },
  'agents.list': { allowed: SIGNED_IN },
  // a-1 is in billing: themselves, their supervisor, HR and admins; never agent a-2.
  'agents.scorecard': {
    allowed: ['agentA1', 'supervisorBilling', 'hr', 'admin'],
    input: { agentId: 'a-1', ...PERIOD },
    hidden: ['agentA2'],
  },
  'agents.trend': {
    allowed: ['agentA1', 'supervisorBilling', 'hr', 'admin'],
    input: { agentId: 'a-1', metricId: 'responseTimeMs', ...PERIOD },
    hidden: ['agentA2'],
  },
  'agents.opportunities': {
    allowed: ['agentA1', 'supervisorBilling', 'hr', 'admin'],
    input: { agentId: 'a-1', ...PERIOD },
    hidden: ['agentA2'],
  },
  // Coaching: the agent's supervisor and admins write sessions, only the agent acknowledges; HR lists
  // sessions (without notes) and reads their impact. Session 1 is a-1's, created in beforeAll.
  'coaching.create': {
    allowed: ['supervisorBilling', 'admin'],
    input: { agentId: 'a-1', ...COACHING_SESSION },
    mutates: true,
  },
  'coaching.create#other-team': {
    allowed: ['admin'],
    input: { agentId: 'a-2', ...COACHING_SESSION },
    mutates: true,
    hidden: ['supervisorBilling'],
  },
  'coaching.list': { allowed: SIGNED_IN },
  'coaching.list#other-agent': {
    allowed: ['agentA1', 'supervisorBilling', 'hr', 'admin'],
    input: { agentId: 'a-1' },
    hidden: ['agentA2'],
  },
  'coaching.acknowledge': { allowed: ['agentA1'], input: { id: 1 }, mutates: true, hidden: ['agentA2'] },
  'coaching.impact': {
    allowed: ['agentA1', 'supervisorBilling', 'hr', 'admin'],
    input: { id: 1 },
    hidden: ['agentA2'],
  },
  // Transcripts: not for HR.
  'conversations.byId': {
    allowed: ['agentA1', 'supervisorBilling', 'admin'],
    input: { id: 'hw-voice-1' },
    hidden: ['agentA2'],
  },
  'conversations.search': { allowed: ['agentA1', 'agentA2', 'supervisorBilling', 'admin'], input: PERIOD },
  'conversations.search#other-agent': {
    allowed: ['agentA1', 'supervisorBilling', 'admin'],
    input: { agentId: 'a-1', ...PERIOD },
    hidden: ['agentA2'],
  },
  // Disputes: only the agent whose conversation it is opens one; the agent's supervisor or an admin
  // decides; HR has no part (disputes quote transcripts). Disputes 1 (a-1) and 2 (a-2) exist.
  'disputes.create': {
    allowed: ['agentA1'],
    input: { conversationId: 'hw-voice-1', evidence: INTERRUPTION, comment: 'The audio was delayed.' },
    mutates: true,
    hidden: ['agentA2'],
  },
  'disputes.list': { allowed: ['agentA1', 'agentA2', 'supervisorBilling', 'admin'] },
  'disputes.list#other-agent': {
    allowed: ['agentA1', 'supervisorBilling', 'admin'],
    input: { agentId: 'a-1' },
    hidden: ['agentA2'],
  },
  'disputes.decide': {
    allowed: ['supervisorBilling', 'admin'],
    input: { id: 1, decision: 'reject' },
    mutates: true,
  },
  'disputes.decide#other-team': {
    allowed: ['admin'],
    input: { id: 2, decision: 'reject' },
    mutates: true,
    hidden: ['supervisorBilling'],
  },
  // A supervisor asking for another team is refused, not silently given their own.
  'teams.overview#other-team': {
    allowed: ['hr', 'admin'],
    input: { ...PERIOD, teamId: 'orders' },
  },
  // HR review packets: never agents, not even their own; supervisors only their own team.
  'exports.prepare': {
    allowed: ['supervisorBilling', 'hr', 'admin'],
    input: { kind: 'agents.csv', ...PERIOD },
  },
  'exports.prepare#own-agent': {
    allowed: ['supervisorBilling', 'hr', 'admin'],
    input: { kind: 'review.pdf', agentId: 'a-1', ...PERIOD },
  },
  'exports.prepare#other-team': {
    allowed: ['hr', 'admin'],
    input: { kind: 'conversations.csv', teamId: 'orders', ...PERIOD },
  },
  'exports.prepare#other-agent': {
    allowed: ['hr', 'admin'],
    input: { kind: 'review.pdf', agentId: 'a-2', ...PERIOD },
    hidden: ['supervisorBilling'],
  },
  // Reviews: the agent's supervisor and admins review; rubrics and settings are the admin's; agents
  // read, acknowledge and appeal their own; HR reads the numbers (list), never a review's words
  // (byId). Reviews 1 (a-1, hw-voice-1) and 2 (a-2, hw-email-1) exist, each with an open appeal.
  'reviews.rubrics.list': { allowed: ['supervisorBilling', 'admin'] },
  'reviews.rubrics.byId': { allowed: ['supervisorBilling', 'admin'], input: { id: 1 } },
  'reviews.rubrics.create': { allowed: ['admin'], input: { definition: DEFAULT_RUBRIC }, mutates: true },
  'reviews.rubrics.update': {
    allowed: ['admin'],
    input: { id: 1, definition: DEFAULT_RUBRIC },
    mutates: true,
  },
  'reviews.settings.get': { allowed: ['admin'] },
  'reviews.settings.update': { allowed: ['admin'], input: { showReviewerToAgents: true }, mutates: true },
  'reviews.prepare': { allowed: ['supervisorBilling', 'admin'], input: { conversationId: 'hw-voice-1' } },
  'reviews.prepare#other-team': {
    allowed: ['admin'],
    input: { conversationId: 'hw-email-1' },
    hidden: ['supervisorBilling'],
  },
  'reviews.create': {
    allowed: ['supervisorBilling', 'admin'],
    input: { conversationId: 'hw-voice-1', ...REVIEW },
    mutates: true,
  },
  'reviews.create#other-team': {
    allowed: ['admin'],
    input: { conversationId: 'hw-email-1', ...REVIEW },
    mutates: true,
    hidden: ['supervisorBilling'],
  },
  'reviews.list': { allowed: SIGNED_IN },
  'reviews.list#other-agent': {
    allowed: ['agentA1', 'supervisorBilling', 'hr', 'admin'],
    input: { agentId: 'a-1' },
    hidden: ['agentA2'],
  },
  'reviews.engineAgreement': { allowed: ['supervisorBilling', 'hr', 'admin'] },
  'reviews.byId': {
    allowed: ['agentA1', 'supervisorBilling', 'admin'],
    input: { id: 1 },
    hidden: ['agentA2'],
  },
  'reviews.acknowledge': { allowed: ['agentA1'], input: { id: 1 }, mutates: true, hidden: ['agentA2'] },
  'reviews.appeal': {
    allowed: ['agentA1'],
    input: { id: 1, comment: 'Wrong.' },
    mutates: true,
    hidden: ['agentA2'],
  },
  'reviews.decideAppeal': {
    allowed: ['supervisorBilling', 'admin'],
    input: { id: 1, decision: 'reject' },
    mutates: true,
  },
  'reviews.decideAppeal#other-team': {
    allowed: ['admin'],
    input: { id: 2, decision: 'reject' },
    mutates: true,
    hidden: ['supervisorBilling'],
  },
  // Assignment plans: for the supervisor's own team, or any for admins. (User 3 is the billing
  // supervisor: fixture users are created in order.)
  'reviews.assignments.create': {
    allowed: ['supervisorBilling', 'admin'],
    input: { teamId: 'billing', ...PERIOD, rubricId: 1, perAgent: 1, reviewerIds: [3] },
    mutates: true,
  },
  'reviews.assignments.create#other-team': {
    allowed: ['admin'],
    input: { teamId: 'orders', ...PERIOD, rubricId: 1, perAgent: 1, reviewerIds: [3] },
    mutates: true,
  },
  'reviews.assignments.list': { allowed: ['supervisorBilling', 'admin'] },
  'reviews.assignments.reviewers': { allowed: ['supervisorBilling', 'admin'], input: { teamId: 'billing' } },
  'reviews.assignments.reviewers#other-team': { allowed: ['admin'], input: { teamId: 'orders' } },
  'reviews.assignments.queue': { allowed: ['supervisorBilling', 'admin'] },
  // Calibration: session 1 (hw-voice-1) has the billing supervisor (user 3) and the admin (user 5).
  'reviews.calibrations.create': {
    allowed: ['supervisorBilling', 'admin'],
    input: { conversationId: 'hw-voice-1', rubricId: 1, reviewerIds: [3, 5], benchmarkReviewerId: 3 },
    mutates: true,
  },
  'reviews.calibrations.create#other-team': {
    allowed: ['admin'],
    input: { conversationId: 'hw-email-1', rubricId: 1, reviewerIds: [3, 5], benchmarkReviewerId: 3 },
    mutates: true,
    hidden: ['supervisorBilling'],
  },
  'reviews.calibrations.list': { allowed: ['supervisorBilling', 'admin'] },
  'reviews.calibrations.byId': { allowed: ['supervisorBilling', 'admin'], input: { id: 1 } },
  'reviews.calibrations.answer': {
    allowed: ['supervisorBilling', 'admin'],
    input: { id: 1, answers: REVIEW.answers },
    mutates: true,
  },
  'audit.list': { allowed: ['admin'] },
  // Configuration, teams, users and jobs: admins only. Weights alone queue no recompute.
  'admin.config.get': { allowed: ['admin'] },
  'admin.config.update': { allowed: ['admin'], input: { weights: { csat: 1 } }, mutates: true },
  'admin.teams.list': { allowed: ['admin'] },
  'admin.teams.upsert': { allowed: ['admin'], input: { id: 'billing', name: 'Billing' }, mutates: true },
  'admin.users.list': { allowed: ['admin'] },
  'admin.users.upsert': {
    allowed: ['admin'],
    input: { email: 'new.hire@example.com', role: 'hr' },
    mutates: true,
  },
  'admin.users.remove': { allowed: ['admin'], input: { id: 999_999 }, mutates: true },
  'admin.jobs.status': { allowed: ['admin'], input: { id: '00000000-0000-4000-8000-000000000000' } },
  'admin.jobs.unfinished': { allowed: ['admin'] },
  // Retention and erasure: admins only. A hundred years of retention removes nothing here.
  'admin.retention.get': { allowed: ['admin'] },
  'admin.retention.update': { allowed: ['admin'], input: { days: 36_500 }, mutates: true },
  'admin.retention.run': { allowed: ['admin'], mutates: true },
  'admin.customers.erase': { allowed: ['admin'], input: { customerId: 'cu-nobody' }, mutates: true },
  'uploads.status': { allowed: ['admin'], input: { id: 999_999 } },
  // Notifications: everyone reads, counts and marks their own; notification 1 is a-1's. Preferences take
  // only the caller's role's kinds (BAD_REQUEST otherwise, never another user's); webhooks are admins'.
  'notifications.list': { allowed: SIGNED_IN },
  'notifications.unreadCount': { allowed: SIGNED_IN },
  'notifications.markRead': {
    allowed: ['agentA1'],
    input: { ids: [1] },
    mutates: true,
    hidden: ['agentA2', 'supervisorBilling', 'hr', 'admin'],
  },
  'notifications.markRead#all': { allowed: SIGNED_IN, input: { all: true }, mutates: true },
  'notifications.preferences': { allowed: SIGNED_IN },
  'notifications.setPreferences': {
    allowed: SIGNED_IN,
    input: { preferences: [{ kind: 'coaching.acknowledge', inApp: true, email: false }] },
    mutates: true,
  },
  'notifications.webhook.get': { allowed: ['admin'] },
  'notifications.webhook.set': {
    allowed: ['admin'],
    input: { url: 'https://hooks.example.com/rapport', secret: 'sixteen or more chars', enabled: false },
    mutates: true,
  },
  // Saved views: overview views for whoever may open an overview, search views for whoever may search
  // and keep views (supervisors and admins; not HR, who reads no transcripts; agents keep no views).
  // View 1 is the billing supervisor's overview, shared; view 2 an admin's own overview; view 3 the
  // billing supervisor's search, shared; view 4 an admin's search of a-2 (orders), shared. All made in
  // beforeAll.
  'views.list': { allowed: ['supervisorBilling', 'hr', 'admin'], input: { kind: 'overview' } },
  'views.list#search': { allowed: ['supervisorBilling', 'admin'], input: { kind: 'search' } },
  'views.byId': { allowed: ['supervisorBilling', 'hr', 'admin'], input: { kind: 'overview', id: 1 } },
  'views.byId#private': {
    allowed: ['admin'],
    input: { kind: 'overview', id: 2 },
    hidden: ['supervisorBilling', 'hr'],
  },
  'views.byId#search': { allowed: ['supervisorBilling', 'admin'], input: { kind: 'search', id: 3 } },
  // Shared, but of an agent the supervisor does not coach: hidden from them as the search hides it.
  'views.byId#search-other-agent': {
    allowed: ['admin'],
    input: { kind: 'search', id: 4 },
    hidden: ['supervisorBilling'],
  },
  'views.save': {
    allowed: ['supervisorBilling', 'hr', 'admin'],
    input: { kind: 'overview', name: 'Access check', state: { compare: true } },
    mutates: true,
  },
  // A supervisor saves views of their own team only.
  'views.save#other-team': {
    allowed: ['hr', 'admin'],
    input: { kind: 'overview', name: 'Orders team', state: { teamId: 'orders' } },
    mutates: true,
  },
  'views.save#search': {
    allowed: ['supervisorBilling', 'admin'],
    input: { kind: 'search', name: 'Access check', state: { metric: 'thankRate', sort: 'value' } },
    mutates: true,
  },
  'views.save#search-other-team': {
    allowed: ['admin'],
    input: { kind: 'search', name: 'Orders search', state: { teamId: 'orders' } },
    mutates: true,
  },
  'views.save#search-other-agent': {
    allowed: ['admin'],
    input: { kind: 'search', name: 'Tom’s search', state: { agentId: 'a-2' } },
    mutates: true,
    hidden: ['supervisorBilling'],
  },
  'views.remove': { allowed: ['supervisorBilling', 'hr', 'admin'], input: { id: 999_999 }, mutates: true },
};

const createCaller = createCallerFactory(appRouter);

describe('every procedure checks the caller’s role and scope', () => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
    await insertSession(database.db, 'default', {
      agentId: 'a-1',
      createdBy: users.supervisorBilling.id,
      focusMetrics: ['csat'],
      note: 'Session 1.',
      sessionDate: '2026-11-03',
    });
    await saveView(database.db, 'default', users.supervisorBilling.id, {
      kind: 'overview',
      name: 'Billing, shared',
      shared: true,
      state: {},
    });
    await saveView(database.db, 'default', users.admin.id, {
      kind: 'overview',
      name: 'Admin, private',
      shared: false,
      state: {},
    });
    await saveView(database.db, 'default', users.supervisorBilling.id, {
      kind: 'search',
      name: 'Billing search, shared',
      shared: true,
      state: { text: 'sorry' },
    });
    await saveView(database.db, 'default', users.admin.id, {
      kind: 'search',
      name: 'Tom, shared',
      shared: true,
      state: { agentId: 'a-2' },
    });
    await insertDispute(database.db, 'default', {
      conversationId: 'hw-voice-1',
      agentId: 'a-1',
      flag: { metric: 'thankRate', turnIndex: 6, start: 0, end: 30, text: "You're welcome, anything else?" },
      comment: 'Dispute 1.',
      createdBy: users.agentA1.id,
    });
    await insertDispute(database.db, 'default', {
      conversationId: 'hw-email-1',
      agentId: 'a-2',
      flag: { metric: 'thankRate', turnIndex: 2, start: 0, end: 25, text: 'Sorry, I will fix it now.' },
      comment: 'Dispute 2.',
      createdBy: users.agentA2.id,
    });
    await notify(database.db, 'default', {
      kind: 'coaching.acknowledge',
      sessionId: 1,
      agentId: 'a-1',
      sessionDate: '2026-11-03',
      focusMetrics: ['csat'],
    });
    // After the coaching notification above, so that it keeps id 1: appeals notify supervisors.
    const admin = createCaller(createContextInner({ db: database.db, user: users.admin }));
    await admin.reviews.create({ conversationId: 'hw-voice-1', ...REVIEW });
    await admin.reviews.create({ conversationId: 'hw-email-1', ...REVIEW });
    const agent = (key: 'agentA1' | 'agentA2') =>
      createCaller(createContextInner({ db: database.db, user: users[key] }));
    await agent('agentA1').reviews.appeal({ id: 1, comment: 'Appeal 1.' });
    await agent('agentA2').reviews.appeal({ id: 2, comment: 'Appeal 2.' });
    await admin.reviews.calibrations.create({
      conversationId: 'hw-voice-1',
      rubricId: 1,
      reviewerIds: [users.supervisorBilling.id, users.admin.id],
      benchmarkReviewerId: users.supervisorBilling.id,
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the matrix covers every procedure of the router', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const covered = [...new Set(Object.keys(ACCESS).map((k) => k.split('#')[0]))].sort();
    expect(covered).toEqual(procedures);
  });

  const cases = Object.entries(ACCESS).flatMap(([key, rule]) =>
    EVERYONE.map((caller) => ({ key, caller, allowed: rule.allowed.includes(caller), rule })),
  );

  test.each(cases)('$key as $caller: allowed=$allowed', async ({ key, caller, allowed, rule }) => {
    const path = key.split('#')[0] as string;
    const user = caller === 'anonymous' ? null : users[caller];
    const api = createCaller(createContextInner({ db: database.db, user }));
    // Paths may be nested (admin.users.list): walk the caller one name at a time.
    const procedure = path
      .split('.')
      .reduce<unknown>((node, name) => (node as Record<string, unknown> | undefined)?.[name], api) as
      | ((input: unknown) => Promise<unknown>)
      | undefined;
    if (!procedure) throw new Error(`${path} is not on the router`);
    const call = () => procedure(rule.input);
    const outcome = await call().then(
      () => 'ok',
      (error: unknown) => (error instanceof TRPCError ? error.code : 'THREW'),
    );
    if (allowed) {
      // An allowed mutation may still fail on its merits (a wrong password), never with FORBIDDEN.
      if (rule.mutates) expect(outcome).not.toBe('FORBIDDEN');
      else expect(outcome).toBe('ok');
    } else {
      const refusal = rule.hidden?.includes(caller) ? 'NOT_FOUND' : 'FORBIDDEN';
      expect(outcome).toBe(caller === 'anonymous' ? 'UNAUTHORIZED' : refusal);
    }
  });
});
