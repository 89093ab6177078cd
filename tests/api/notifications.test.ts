import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { type JobQueue, startJobQueue } from '@rapport/api/jobs/job-queue.ts';
import { runWeeklyDigest } from '@rapport/api/notifications/digest.job.ts';
import { type Mailer, smtpMailer } from '@rapport/api/notifications/mailer.ts';
import { SIGNATURE_HEADER, verifySignature } from '@rapport/api/notifications/webhook-signature.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { type MailCatcher, startMailCatcher } from '../support/mail.ts';
import { createFixtureUsers, FIXTURE_USERS, type FixtureUserKey } from '../support/users.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const createCaller = createCallerFactory(appRouter);

/** hw-voice-1's interruption (a-1, billing) and hw-email-1's missing thanks (a-2, orders). */
const INTERRUPTION = {
  metric: 'interruptionsPerConversation',
  turnIndex: 4,
  start: 0,
  end: 26,
  text: 'Let me check that for you.',
} as const;
const A2_NO_THANKS = {
  metric: 'thankRate',
  turnIndex: 2,
  start: 0,
  end: 25,
  text: 'Sorry, I will fix it now.',
} as const;
const SESSION = {
  agentId: 'a-1',
  focusMetrics: ['thankRate', 'empathyRate'] as ('thankRate' | 'empathyRate')[],
  note: 'Thank the customer before you close.',
  sessionDate: '2026-11-03',
};
const SECRET = 'a webhook secret of some length';
const PRIYA = FIXTURE_USERS.agentA1.email;
const LEAD = FIXTURE_USERS.supervisorBilling.email;

async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(DATABASE_KINDS)('notifications on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  let mail: MailCatcher;
  let mailer: Mailer;
  let receiver: WebhookReceiver;
  let queue: JobQueue;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));
  const unread = async (key: FixtureUserKey) => (await as(key).notifications.unreadCount()).unread;
  const mailsTo = (to: string, subject: string) =>
    mail.messages.filter((m) => m.to === to && m.subject === subject);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
    mail = await startMailCatcher();
    receiver = await startWebhookReceiver();
    mailer = smtpMailer(mail.url, 'Rapport <rapport@example.com>');
    // Retries 1 s apart at first (production: 30 s), doubling with jitter: 1–2 s, then 2–4 s.
    queue = await startJobQueue(database, {
      work: true,
      pollingIntervalSeconds: 0.5,
      notifications: {
        mailer,
        publicUrl: 'https://rapport.example.com',
        relayIntervalMs: 200,
        retryDelaySeconds: 1,
        retryLimit: 4,
        digestCron: null,
      },
    });
  });
  afterAll(async () => {
    await queue?.stop();
    mailer?.close();
    await mail?.stop();
    await receiver?.stop();
    await database?.drop();
  });

  test('a coaching session waits on the agent’s badge, by email too, until it is acknowledged', async () => {
    const session = await as('supervisorBilling').coaching.create(SESSION);
    expect(await unread('agentA1')).toBe(1);
    for (const other of ['agentA2', 'supervisorBilling', 'hr', 'admin'] as const) {
      expect(await unread(other)).toBe(0);
    }
    const body =
      'Your coaching session of 2026-11-03 on thanks the customer and shows empathy is waiting for you to read and acknowledge it.';
    const [item] = await as('agentA1').notifications.list();
    expect(item).toMatchObject({
      kind: 'coaching.acknowledge',
      title: 'Coaching session to acknowledge',
      body,
      link: '/coaching',
      readAt: null,
    });
    const email = await mail.waitFor(PRIYA, 'Rapport: Coaching session to acknowledge');
    expect(email.from).toBe('rapport@example.com');
    expect(email.text.trim()).toBe(`${body}\n\nhttps://rapport.example.com/coaching`);

    await as('agentA1').coaching.acknowledge({ id: session.id });
    expect(await unread('agentA1')).toBe(0);
    expect((await as('agentA1').notifications.list())[0]?.readAt).not.toBeNull();
  });

  test('a dispute waits on its supervisor’s badge (an admin’s where the team has none) until decided', async () => {
    const dispute = await as('agentA1').disputes.create({
      conversationId: 'hw-voice-1',
      evidence: INTERRUPTION,
      comment: 'The audio was delayed.',
    });
    expect(await unread('supervisorBilling')).toBe(1);
    expect(await unread('admin')).toBe(0);
    expect((await as('supervisorBilling').notifications.list())[0]).toMatchObject({
      kind: 'dispute.decide',
      title: 'Dispute to decide',
      body: 'Priya Nair disputes a flag on interruptions in conversation hw-voice-1.',
      link: '/disputes',
    });
    const email = await mail.waitFor(LEAD, 'Rapport: Dispute to decide');
    expect(email.text).toContain('Priya Nair disputes a flag on interruptions in conversation hw-voice-1.');

    // Orders has no supervisor: the admins decide, and are told.
    await as('agentA2').disputes.create({
      conversationId: 'hw-email-1',
      evidence: A2_NO_THANKS,
      comment: 'I thanked them earlier.',
    });
    expect(await unread('admin')).toBe(1);
    expect(await unread('supervisorBilling')).toBe(1);
    expect((await as('admin').notifications.list())[0]?.body).toBe(
      'Tom Berg disputes a flag on thanks the customer in conversation hw-email-1.',
    );

    await as('supervisorBilling').disputes.decide({ id: dispute.id, decision: 'reject' });
    expect(await unread('supervisorBilling')).toBe(0);
    expect(await unread('agentA1')).toBe(1);
    expect((await as('agentA1').notifications.list())[0]).toMatchObject({
      kind: 'dispute.decided',
      title: 'Dispute rejected',
      body: 'Your dispute of a flag on interruptions in conversation hw-voice-1 was rejected.',
      link: '/conversations/hw-voice-1',
    });
    await mail.waitFor(PRIYA, 'Rapport: Dispute rejected');
  });

  test('people mark only their own notifications read, and a wrong id changes nothing', async () => {
    const [own] = await as('agentA1').notifications.list({ unreadOnly: true });
    if (!own) throw new Error('a-1 has an unread notification (the decision)');
    await expect(as('agentA2').notifications.markRead({ ids: [own.id] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `No notification ${own.id}.`,
    });
    await expect(as('agentA1').notifications.markRead({ ids: [own.id, 999_999] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No notification 999999.',
    });
    expect(await unread('agentA1')).toBe(1);
    expect(await as('agentA1').notifications.markRead({ ids: [own.id] })).toEqual({ marked: 1 });
    expect(await as('agentA1').notifications.markRead({ ids: [own.id] })).toEqual({ marked: 0 });
    expect(await as('admin').notifications.markRead({ all: true })).toEqual({ marked: 1 });
    expect(await unread('admin')).toBe(0);
    await expect(as('agentA1').notifications.markRead({ ids: [] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  test('each person chooses which kinds reach them in the app and by email', async () => {
    expect(await as('agentA1').notifications.preferences()).toEqual([
      { kind: 'coaching.acknowledge', label: 'Coaching sessions to acknowledge', inApp: true, email: true },
      { kind: 'dispute.decided', label: 'Decisions on my disputes', inApp: true, email: true },
      { kind: 'review.appeal.decided', label: 'Decisions on my appeals', inApp: true, email: true },
    ]);
    expect(await as('hr').notifications.preferences()).toEqual([]);

    // Email only: no badge, one more email.
    await as('agentA1').notifications.setPreferences({
      preferences: [{ kind: 'coaching.acknowledge', inApp: false, email: true }],
    });
    await as('supervisorBilling').coaching.create({ ...SESSION, sessionDate: '2026-11-04' });
    expect(await unread('agentA1')).toBe(0);
    await eventually(
      () => mailsTo(PRIYA, 'Rapport: Coaching session to acknowledge').length,
      (n) => n === 2,
    );

    // In the app only: a badge, and no email is even queued.
    await as('agentA1').notifications.setPreferences({
      preferences: [{ kind: 'coaching.acknowledge', inApp: true, email: false }],
    });
    const third = await as('supervisorBilling').coaching.create({ ...SESSION, sessionDate: '2026-11-05' });
    expect(await unread('agentA1')).toBe(1);
    const { rows } = await sql<{ channel: string }>`
      SELECT d.channel FROM notification_deliveries d JOIN notification_events e
        ON e.organisation_id = d.organisation_id AND e.id = d.event_id
      WHERE e.subject_key = ${`coaching:${third.id}`}`.execute(database.db);
    expect(rows).toEqual([]);
    expect((await as('agentA1').notifications.preferences())[0]).toMatchObject({ inApp: true, email: false });

    await expect(
      as('supervisorBilling').notifications.setPreferences({
        preferences: [{ kind: 'coaching.acknowledge', inApp: false, email: false }],
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '"coaching.acknowledge" is not a notification a user with the supervisor role gets.',
    });
    await expect(
      as('agentA1').notifications.setPreferences({
        preferences: [
          { kind: 'dispute.decided', inApp: false, email: false },
          { kind: 'dispute.decided', inApp: true, email: true },
        ],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Each kind once.') });
    expect((await as('agentA1').notifications.preferences())[1]).toMatchObject({ inApp: true, email: true });
  });

  test('a webhook receiver that fails gets the event again later, and exactly once after it recovers', async () => {
    await expect(
      as('admin').notifications.webhook.set({ url: receiver.url, enabled: true }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      as('admin').notifications.webhook.set({ url: 'ftp://example.com/x', secret: SECRET, enabled: true }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const saved = await as('admin').notifications.webhook.set({
      url: receiver.url,
      secret: SECRET,
      enabled: true,
    });
    expect(saved).toMatchObject({ url: receiver.url, enabled: true, secretSet: true, recent: [] });
    expect(JSON.stringify(saved)).not.toContain(SECRET);

    receiver.failNext(2);
    const session = await as('supervisorBilling').coaching.create({ ...SESSION, sessionDate: '2026-11-06' });
    await eventually(
      () => receiver.calls.map((c) => c.status),
      (statuses) => statuses.includes(200),
    );
    // The success ended the pg-boss job (no retry is pending) and the outbox row (the relay, every
    // 0.2 s, queues only pending rows): nothing can send the event again.
    const jobStates = async () =>
      (
        await sql<{ state: string }>`
          SELECT j.state::text AS state FROM pgboss.job j JOIN notification_deliveries d ON d.id = j.id
          WHERE d.channel = 'webhook'`.execute(database.db)
      ).rows.map((r) => r.state);
    await eventually(jobStates, (states) => states.join() === 'completed');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.calls.map((c) => c.status)).toEqual([500, 500, 200]);
    const [first, second, third] = receiver.calls;
    if (!first || !second || !third) throw new Error('three calls');
    // Back-off: the first retry comes 1–2 s after the failure, the second 2–4 s after the next one.
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
    expect(third.at - second.at).toBeGreaterThanOrEqual(1_900);
    const payloads = receiver.calls.map((c) => JSON.parse(c.body));
    expect(new Set(payloads.map((p) => p.id)).size).toBe(1);
    expect(payloads[0]).toMatchObject({
      kind: 'coaching.acknowledge',
      organisationId: 'default',
      subject: `coaching:${session.id}`,
      title: 'Coaching session to acknowledge',
      link: 'https://rapport.example.com/coaching',
      data: { kind: 'coaching.acknowledge', sessionId: session.id, agentId: 'a-1' },
    });
    for (const call of receiver.calls) {
      expect(call.headers['content-type']).toBe('application/json');
      expect(call.headers['x-rapport-event']).toBe('coaching.acknowledge');
      expect(call.headers['x-rapport-delivery']).toBe(payloads[0].id);
      expect(verifySignature(SECRET, call.body, call.headers[SIGNATURE_HEADER] as string)).toBe(true);
      expect(
        verifySignature('another secret entirely', call.body, call.headers[SIGNATURE_HEADER] as string),
      ).toBe(false);
    }
    const view = await as('admin').notifications.webhook.get();
    expect(view.recent).toHaveLength(1);
    expect(view.recent[0]).toMatchObject({
      eventId: payloads[0].id,
      kind: 'coaching.acknowledge',
      state: 'sent',
      attempts: 3,
      lastError: null,
    });
    const { rows } = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE action = 'webhook.set'`.execute(database.db);
    expect(rows).toHaveLength(1);
  });

  test('each supervisor gets a weekly digest of their team, once a week', async () => {
    // Monday 9 November, 06:00 UTC: the digest covers 2–8 November against 26 October – 1 November.
    expect(await runWeeklyDigest(database.db, new Date('2026-11-09T06:00:00Z'))).toEqual({ sent: 1 });
    const title = 'Weekly digest: billing, 2026-11-02 to 2026-11-08';
    // a-1's two conversations are all in the week: no one has 5 in both weeks. a-1's dispute is decided;
    // no review is assigned.
    const body = [
      'billing, 2026-11-02 to 2026-11-08, against the week before: 0 agents with at least 5 conversations in both weeks.',
      '',
      'Slipped: nobody.',
      '',
      'Improved: nobody.',
      '',
      'Open disputes: 0',
      'Open reviews: 0',
    ].join('\n');
    expect((await as('supervisorBilling').notifications.list())[0]).toMatchObject({
      kind: 'digest.weekly',
      title,
      body,
    });
    const email = await mail.waitFor(LEAD, `Rapport: ${title}`);
    expect(email.text.trim()).toBe(`${body}\n\nhttps://rapport.example.com/`);
    expect(await runWeeklyDigest(database.db, new Date('2026-11-09T07:00:00Z'))).toEqual({ sent: 0 });
  });
});
