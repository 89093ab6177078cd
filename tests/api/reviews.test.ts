import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import type { Answers, RubricDefinition } from '@rapport/api/reviews/rubric.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { upsertUser } from '@rapport/api/users/users.repository.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { count, createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey, PASSWORD } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/**
 * A review of hw-voice-1 (a-1, billing) on the built-in rubric: the engine's pre-answers, except that
 * the reviewer finds the restatement the engine missed (paraphrase: engine "no", reviewer "yes"), plus
 * the two 1–5 questions no metric answers (courtesy 4, resolution 3). Worked out by hand:
 *   listening (×2): no-interruptions no ×1.5, paraphrase yes ×1, clarifying-question no ×1 → 1 / 3.5 = 2/7
 *   tone (×2): empathy yes ×1.5, positive-language yes ×1, thanks no ×1, name no ×0.75, courtesy 4 → 0.75 ×1
 *              → (1.5 + 1 + 0.75) / 5.25 = 13/21
 *   clarity (×1): no-jargon yes, concise yes → 1
 *   ownership (×2): transfer-explained N/A (no transfer: out of the denominator), resolution 3 → 0.5
 *   conduct: only critical questions (both yes): no section score; critical score 1
 *   going-further (bonus ×0.5): feedback-request no, natural N/A → 0, adds nothing
 *   review: (2·2/7 + 2·13/21 + 1·1 + 2·0.5) / 7 = (80/21) / 7 = 80/147
 */
const VOICE_ANSWERS: Answers = {
  'no-interruptions': 'no',
  paraphrase: 'yes',
  'clarifying-question': 'no',
  empathy: 'yes',
  'positive-language': 'yes',
  thanks: 'no',
  name: 'no',
  courtesy: 4,
  'no-jargon': 'yes',
  concise: 'yes',
  'transfer-explained': 'na',
  resolution: 3,
  'no-argument': 'yes',
  'no-overpromise': 'yes',
  'feedback-request': 'no',
  natural: 'na',
};
const VOICE_SCORE = 80 / 147;

/**
 * More conversations for assignments, chats in November: a-1 has seven (as-1-0 … as-1-6) and a-3,
 * also in billing, four (as-3-0 … as-3-3); a-2 (orders) one. CSAT 1 on as-1-0, as-3-0, as-3-1 and
 * as-2-0; no thanks in as-1-1, as-1-2 and as-3-0 (every other closing turn thanks the customer).
 */
const LOW_CSAT = new Set(['as-1-0', 'as-3-0', 'as-3-1', 'as-2-0']);
const NO_THANKS = new Set(['as-1-1', 'as-1-2', 'as-3-0']);
function assignmentFile(): string {
  const chat = (id: string, agent: { id: string; team: string }, day: number) => ({
    id,
    channel: 'chat',
    startedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`,
    endedAt: `2026-11-${String(day).padStart(2, '0')}T10:10:00Z`,
    agent: { ...agent, name: agent.id.toUpperCase() },
    turns: [
      { speaker: 'customer', text: 'Hi, my invoice shows the wrong address.', startMs: 0 },
      {
        speaker: 'agent',
        text: NO_THANKS.has(id)
          ? 'I have corrected the address now.'
          : 'Thank you for telling us, I have corrected the address now.',
        startMs: 30_000,
      },
    ],
    ...(LOW_CSAT.has(id) ? { survey: { csat: 1 } } : { survey: { csat: 5 } }),
  });
  const records = [
    ...Array.from({ length: 7 }, (_, i) => chat(`as-1-${i}`, { id: 'a-1', team: 'billing' }, 10 + i)),
    ...Array.from({ length: 4 }, (_, i) => chat(`as-3-${i}`, { id: 'a-3', team: 'billing' }, 10 + i)),
    chat('as-2-0', { id: 'a-2', team: 'orders' }, 10),
  ];
  return records.map((r) => JSON.stringify(r)).join('\n');
}

describe.each(DATABASE_KINDS)('human reviews on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));
  const audit = async (action: string) => {
    const { rows } = await sql<{ actor: string; detail: Record<string, unknown> }>`
      SELECT actor, detail FROM audit_log WHERE action = ${action} ORDER BY id`.execute(database.db);
    return rows;
  };
  let builtIn: { id: number; version: number; definition: RubricDefinition };
  let voiceReviewId: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the built-in rubric is there once, at version 1, even when first asked for twice at once', async () => {
    const [first, second] = await Promise.all([
      as('supervisorBilling').reviews.rubrics.list(),
      as('admin').reviews.rubrics.list(),
    ]);
    expect(first).toEqual(second);
    expect(first).toEqual([
      { id: expect.any(Number), name: 'Customer-service basics', latestVersion: 1, builtIn: true },
    ]);
    builtIn = await as('admin').reviews.rubrics.byId({ id: (first[0] as { id: number }).id });
    expect(builtIn.version).toBe(1);
  });

  test('a supervisor gets the engine’s pre-answers with the evidence behind each', async () => {
    const form = await as('supervisorBilling').reviews.prepare({ conversationId: 'hw-voice-1' });
    expect(form.rubric.id).toBe(builtIn.id);
    const byQuestion = new Map(form.preAnswers.map((p) => [p.questionId, p]));
    // Turn 4 starts inside the customer's turn 2 (the fixture's one interruption).
    expect(byQuestion.get('no-interruptions')).toEqual({
      questionId: 'no-interruptions',
      metric: 'interruptionsPerConversation',
      answer: 'no',
      evidence: [
        {
          metric: 'interruptionsPerConversation',
          kind: 'flag',
          turn: 4,
          start: 0,
          end: 26,
          text: 'Let me check that for you.',
        },
      ],
    });
    // "I'm sorry" counts for the agent; the closing turn has no thanks.
    expect(byQuestion.get('empathy')?.answer).toBe('yes');
    expect(byQuestion.get('empathy')?.evidence.map((e) => [e.kind, e.turn, e.text])).toEqual([
      ['credit', 1, "I'm sorry"],
    ]);
    expect(byQuestion.get('thanks')?.answer).toBe('no');
    expect(byQuestion.get('thanks')?.evidence.map((e) => [e.kind, e.turn])).toEqual([['missing', 6]]);
    // No transfer in the call: the question does not apply.
    expect(byQuestion.get('transfer-explained')).toMatchObject({ answer: 'na', evidence: [] });
    // The 1–5 questions are for the reviewer alone.
    expect(byQuestion.has('courtesy')).toBe(false);
  });

  test('a review is scored as its rubric says, stored with the pre-answers, comments and an audit entry', async () => {
    const review = await as('supervisorBilling').reviews.create({
      conversationId: 'hw-voice-1',
      rubricId: builtIn.id,
      rubricVersion: 1,
      answers: VOICE_ANSWERS,
      turnComments: [{ turn: 4, text: 'Let Sam finish before checking.' }],
      comment: 'Good empathy; mind the interruptions.',
    });
    voiceReviewId = review.id;
    expect(review.score).toBeCloseTo(VOICE_SCORE, 12);
    expect(review.criticalScore).toBe(1);
    expect(review.autoFailed).toBe(false);
    expect(review).toMatchObject({
      agentId: 'a-1',
      day: '2026-11-02',
      rubricVersion: 1,
      reviewer: 'lead.billing@example.com',
      turnComments: [{ turn: 4, text: 'Let Sam finish before checking.' }],
      appeal: null,
      acknowledgedAt: null,
    });
    expect(review.preAnswers?.find((p) => p.questionId === 'paraphrase')?.answer).toBe('no');
    expect(await audit('review.create')).toEqual([
      {
        actor: 'lead.billing@example.com',
        detail: expect.objectContaining({
          reviewId: review.id,
          conversationId: 'hw-voice-1',
          rubricVersion: 1,
        }),
      },
    ]);
  });

  test('an incomplete or misplaced review is refused whole, with the reasons', async () => {
    const before = await count(database, 'reviews');
    const { courtesy: _, ...withoutCourtesy } = VOICE_ANSWERS;
    const refused = await as('supervisorBilling')
      .reviews.create({
        conversationId: 'hw-voice-1',
        rubricId: builtIn.id,
        rubricVersion: 1,
        answers: { ...withoutCourtesy, concise: 3 },
        turnComments: [{ turn: 7, text: 'No such turn.' }],
      })
      .catch((error: unknown) => error as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'BAD_REQUEST' });
    expect((refused as { message: string }).message).toBe(
      'Invalid review: answer "How patient and courteous was the agent overall?"; ' +
        '"Were the agent’s sentences short and clear?" takes yes or no; the conversation has no turn 7 (it has 7).',
    );
    await expect(
      as('supervisorBilling').reviews.create({
        conversationId: 'hw-voice-1',
        rubricId: builtIn.id,
        rubricVersion: 9,
        answers: VOICE_ANSWERS,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Rubric ${builtIn.id} has no version 9.` });
    expect(await count(database, 'reviews')).toBe(before);
  });

  test('a supervisor reviews only their team’s conversations; HR not at all', async () => {
    // hw-email-1 is a-2's, in orders.
    await expect(
      as('supervisorBilling').reviews.prepare({ conversationId: 'hw-email-1' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No conversation with id "hw-email-1".',
    });
    await expect(
      as('supervisorBilling').reviews.create({
        conversationId: 'hw-email-1',
        rubricId: builtIn.id,
        rubricVersion: 1,
        answers: VOICE_ANSWERS,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(as('hr').reviews.prepare({ conversationId: 'hw-voice-1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  test('editing a rubric makes a new version; the old review keeps its version and its score', async () => {
    const edited: RubricDefinition = {
      ...builtIn.definition,
      sections: builtIn.definition.sections.map((s) => (s.id === 'tone' ? { ...s, weight: 4 } : s)),
    };
    const v2 = await as('admin').reviews.rubrics.update({ id: builtIn.id, definition: edited });
    expect(v2).toMatchObject({ id: builtIn.id, version: 2, latestVersion: 2 });
    const old = await as('supervisorBilling').reviews.byId({ id: voiceReviewId });
    expect(old.rubricVersion).toBe(1);
    expect(old.score).toBeCloseTo(VOICE_SCORE, 12);
    expect(old.rubric.definition.sections.find((s) => s.id === 'tone')?.weight).toBe(2);
    // The same answers on version 2, tone now ×4: (2·2/7 + 4·13/21 + 1 + 2·0.5) / 9 = (106/21) / 9 = 106/189.
    const fresh = await as('admin').reviews.create({
      conversationId: 'hw-chat-1',
      rubricId: builtIn.id,
      rubricVersion: 2,
      answers: VOICE_ANSWERS,
    });
    expect(fresh.score).toBeCloseTo(106 / 189, 12);
    expect((await audit('rubric.update')).map((r) => r.detail)).toEqual([
      { rubricId: builtIn.id, version: 2 },
    ]);
    // A broken definition is refused with a sentence, and adds no version.
    await expect(
      as('admin').reviews.rubrics.update({
        id: builtIn.id,
        definition: {
          ...edited,
          sections: [{ ...edited.sections[0], questions: [] }],
        } as unknown as RubricDefinition,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('a section needs at least one question'),
    });
    expect((await as('admin').reviews.rubrics.byId({ id: builtIn.id })).latestVersion).toBe(2);
  });

  test('an agent sees only their own reviews, the reviewer named as the organisation chooses', async () => {
    const own = await as('agentA1').reviews.list();
    expect(own.map((r) => r.id).sort()).toEqual(
      (await as('admin').reviews.list({ agentId: 'a-1' })).map((r) => r.id).sort(),
    );
    expect(own.every((r) => r.agentId === 'a-1')).toBe(true);
    expect(await as('agentA2').reviews.list()).toEqual([]);
    await expect(as('agentA2').reviews.byId({ id: voiceReviewId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(as('agentA2').reviews.list({ agentId: 'a-1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await as('agentA1').reviews.byId({ id: voiceReviewId })).reviewer).toBe(
      'lead.billing@example.com',
    );

    await as('admin').reviews.settings.update({ showReviewerToAgents: false });
    const hidden = await as('agentA1').reviews.byId({ id: voiceReviewId });
    expect(hidden).toMatchObject({
      reviewer: null,
      reviewerId: null,
      comment: 'Good empathy; mind the interruptions.',
    });
    expect((await as('supervisorBilling').reviews.byId({ id: voiceReviewId })).reviewer).toBe(
      'lead.billing@example.com',
    );
    await as('admin').reviews.settings.update({ showReviewerToAgents: true });
  });

  test('HR sees the numbers of reviews, not their words', async () => {
    const seen = (await as('hr').reviews.list({ agentId: 'a-1' })).find((r) => r.id === voiceReviewId);
    expect(seen).toMatchObject({ answers: null, preAnswers: null, turnComments: null, comment: null });
    expect(seen?.score).toBeCloseTo(VOICE_SCORE, 12);
    await expect(as('hr').reviews.byId({ id: voiceReviewId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('the agent acknowledges once, appeals once; the supervisor decides once; all audited', async () => {
    const acknowledged = await as('agentA1').reviews.acknowledge({ id: voiceReviewId });
    expect(acknowledged.acknowledgedAt).not.toBeNull();
    await expect(as('agentA1').reviews.acknowledge({ id: voiceReviewId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      as('agentA2').reviews.appeal({ id: voiceReviewId, comment: 'Not mine.' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      as('supervisorBilling').reviews.decideAppeal({ id: voiceReviewId, decision: 'reject' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'This review has no open appeal.' });

    const appealed = await as('agentA1').reviews.appeal({
      id: voiceReviewId,
      comment: 'I did restate it at 0:07.',
    });
    expect(appealed.appeal).toMatchObject({
      status: 'open',
      comment: 'I did restate it at 0:07.',
      decidedAt: null,
    });
    // The billing supervisor is told there is an appeal to decide (the notifications module).
    const notified = async (key: FixtureUserKey, kind: string) =>
      (await as(key).notifications.list()).filter((n) => n.kind === kind);
    expect(await notified('supervisorBilling', 'review.appeal')).toEqual([
      expect.objectContaining({ title: 'Appeal to decide', readAt: null }),
    ]);
    await expect(
      as('agentA1').reviews.appeal({ id: voiceReviewId, comment: 'Again.' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const decided = await as('supervisorBilling').reviews.decideAppeal({
      id: voiceReviewId,
      decision: 'reject',
      note: 'The restatement came after the interruption.',
    });
    expect(decided.appeal).toMatchObject({ status: 'rejected', decidedBy: 'lead.billing@example.com' });
    // The agent is told the decision; the supervisor's reminder is settled.
    expect(await notified('agentA1', 'review.appeal.decided')).toEqual([
      expect.objectContaining({ title: 'Appeal rejected', readAt: null }),
    ]);
    expect((await notified('supervisorBilling', 'review.appeal'))[0]?.readAt).not.toBeNull();
    await expect(
      as('supervisorBilling').reviews.decideAppeal({ id: voiceReviewId, decision: 'uphold' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await as('agentA1').reviews.byId({ id: voiceReviewId })).appeal).toMatchObject({
      status: 'rejected',
      note: 'The restatement came after the interruption.',
    });
    expect((await audit('review.acknowledge')).map((r) => r.actor)).toEqual(['priya@example.com']);
    expect((await audit('review.appeal')).map((r) => r.actor)).toEqual(['priya@example.com']);
    expect(await audit('review.appeal.decide')).toEqual([
      {
        actor: 'lead.billing@example.com',
        detail: { reviewId: voiceReviewId, decision: 'reject', agentId: 'a-1', conversationId: 'hw-voice-1' },
      },
    ]);
    // HR sees that the appeal was decided, not what either side wrote.
    const hrView = (await as('hr').reviews.list()).find((r) => r.id === voiceReviewId);
    expect(hrView?.appeal).toMatchObject({ status: 'rejected', comment: null, note: null });
  });

  test('the review period is the conversation’s', async () => {
    const inNovember = await as('admin').reviews.list({ ...PERIOD, agentId: 'a-1' });
    expect(inNovember.length).toBe(2);
    expect(await as('admin').reviews.list({ from: '2026-12-01', to: '2026-12-31' })).toEqual([]);
  });

  test('assignment plans draw by filter and sample, deal evenly, and fill each reviewer’s queue', async () => {
    await ingest(database.db, parseJsonl(Readable.from([assignmentFile()])));
    const second = await upsertUser(database.db, 'default', {
      email: 'second.billing@example.com',
      role: 'supervisor',
      teamId: 'billing',
      password: PASSWORD,
    });
    // Who the plan form offers: billing's two supervisors and the admin, by email; orders has no
    // supervisor, so only the admin; never an agent or HR.
    expect(
      (await as('supervisorBilling').reviews.assignments.reviewers({ teamId: 'billing' })).map((r) => [
        r.email,
        r.role,
      ]),
    ).toEqual([
      ['admin@example.com', 'admin'],
      ['lead.billing@example.com', 'supervisor'],
      ['second.billing@example.com', 'supervisor'],
    ]);
    expect(
      (await as('admin').reviews.assignments.reviewers({ teamId: 'orders' })).map((r) => r.email),
    ).toEqual(['admin@example.com']);
    const plan = { teamId: 'billing', ...PERIOD, rubricId: builtIn.id };
    const conversationsOf = (items: { conversationId: string; reviewerId: number }[], reviewerId: number) =>
      items
        .filter((i) => i.reviewerId === reviewerId)
        .map((i) => i.conversationId)
        .sort();
    const items = async (assignmentId: number) =>
      (
        await sql<{ conversationId: string; reviewerId: number; agentId: string }>`
          SELECT conversation_id AS "conversationId", reviewer_id AS "reviewerId", agent_id AS "agentId"
          FROM review_assignment_items WHERE assignment_id = ${assignmentId}`.execute(database.db)
      ).rows;

    // Low CSAT, all of them: billing's three (as-2-0 is orders'), to the admin.
    const lowCsat = await as('admin').reviews.assignments.create({
      ...plan,
      lowCsat: true,
      percent: 100,
      reviewerIds: [users.admin.id],
    });
    expect(conversationsOf(await items(lowCsat?.id as number), users.admin.id)).toEqual([
      'as-1-0',
      'as-3-0',
      'as-3-1',
    ]);
    // Flagged for thanks and not queued yet: as-3-0 is, so as-1-1 and as-1-2.
    const noThanks = await as('admin').reviews.assignments.create({
      ...plan,
      flaggedMetric: 'thankRate',
      percent: 100,
      reviewerIds: [users.admin.id],
    });
    expect(conversationsOf(await items(noThanks?.id as number), users.admin.id)).toEqual([
      'as-1-1',
      'as-1-2',
    ]);
    // Three per agent over two supervisors: a-1 has as-1-3 … as-1-6 left (3 drawn), a-3 as-3-2 and
    // as-3-3 (both): five dealt in turn, a-1's first: 3 and 2, each agent's shared between both.
    const reviewerIds = [users.supervisorBilling.id, second.id];
    const sampled = await as('supervisorBilling').reviews.assignments.create({
      ...plan,
      perAgent: 3,
      reviewerIds,
    });
    const dealt = await items(sampled?.id as number);
    expect(dealt.filter((i) => i.agentId === 'a-1').length).toBe(3);
    expect(
      dealt
        .filter((i) => i.agentId === 'a-3')
        .map((i) => i.conversationId)
        .sort(),
    ).toEqual(['as-3-2', 'as-3-3']);
    expect(reviewerIds.map((id) => dealt.filter((i) => i.reviewerId === id).length)).toEqual([3, 2]);
    for (const agentId of ['a-1', 'a-3']) {
      const mine = dealt.filter((i) => i.agentId === agentId);
      expect(new Set(mine.map((i) => i.reviewerId)).size).toBe(2);
    }
    expect(sampled).toMatchObject({ total: 5, done: 0 });

    // The queue, and a review that completes one item of it.
    const queue = await as('supervisorBilling').reviews.assignments.queue();
    expect(queue).toMatchObject({ total: 3, done: 0 });
    const first = queue.items[0] as { conversationId: string };
    await as('supervisorBilling').reviews.create({
      conversationId: first.conversationId,
      rubricId: builtIn.id,
      rubricVersion: 2,
      answers: VOICE_ANSWERS,
    });
    const after = await as('supervisorBilling').reviews.assignments.queue();
    expect(after).toMatchObject({ total: 3, done: 1 });
    expect(after.items.at(-1)).toMatchObject({
      conversationId: first.conversationId,
      reviewId: expect.any(Number),
    });
    const [listed] = await as('supervisorBilling').reviews.assignments.list();
    expect(listed).toMatchObject({ id: sampled?.id, total: 5, done: 1 });
    expect(listed?.reviewers.map((r) => [r.reviewer, r.total, r.done])).toEqual([
      ['lead.billing@example.com', 3, 1],
      ['second.billing@example.com', 2, 0],
    ]);
    // The supervisor sees their team's plans only.
    expect((await as('supervisorBilling').reviews.assignments.list()).length).toBe(3);

    // Each reviewer is told of their share of a plan, once: the admin of the first two plans (3 and 2
    // conversations), the supervisor of 3 in the third. Their reminder waits until the share is done.
    const assigned = async (key: 'admin' | 'supervisorBilling', unreadOnly = false) =>
      (await as(key).notifications.list({ unreadOnly }))
        .filter((n) => n.kind === 'review.assigned')
        .map((n) => n.body);
    expect((await assigned('admin')).sort()).toEqual([
      '2 conversations are assigned to you to review.',
      '3 conversations are assigned to you to review.',
    ]);
    expect(await assigned('supervisorBilling', true)).toEqual([
      '3 conversations are assigned to you to review.',
    ]);
    const left = (await as('supervisorBilling').reviews.assignments.queue()).items.filter(
      (i) => i.reviewId === null,
    );
    expect(left.length).toBe(2);
    for (const [i, item] of left.entries()) {
      await as('supervisorBilling').reviews.create({
        conversationId: item.conversationId,
        rubricId: builtIn.id,
        rubricVersion: 2,
        answers: VOICE_ANSWERS,
      });
      // Still waiting after the second of three, settled after the third.
      expect(await assigned('supervisorBilling', true)).toHaveLength(i === 0 ? 1 : 0);
    }
  });

  test('assignment plans respect scope and say what is wrong', async () => {
    const plan = { ...PERIOD, rubricId: builtIn.id, perAgent: 1 };
    await expect(
      as('supervisorBilling').reviews.assignments.create({
        ...plan,
        teamId: 'orders',
        reviewerIds: [users.supervisorBilling.id],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      as('admin').reviews.assignments.create({ ...plan, teamId: 'billing', reviewerIds: [users.agentA1.id] }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `Reviewers must be admins or supervisors of team "billing"; user ${users.agentA1.id} is not.`,
    });
    await expect(
      as('admin').reviews.assignments.create({
        ...plan,
        percent: 10,
        teamId: 'billing',
        reviewerIds: [users.admin.id],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('either perAgent') });
    await expect(as('agentA1').reviews.assignments.queue()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('calibration: blind until all have answered, then side by side with alignment and kappa', async () => {
    const second = await upsertUser(database.db, 'default', {
      email: 'second.billing@example.com',
      role: 'supervisor',
      teamId: 'billing',
    });
    const asSecond = createCaller(
      createContextInner({
        db: database.db,
        user: { ...users.supervisorBilling, id: second.id, email: second.email },
      }),
    );
    const agentReviews = (await as('agentA1').reviews.list()).length;
    await expect(
      as('supervisorBilling').reviews.calibrations.create({
        conversationId: 'hw-voice-1',
        rubricId: builtIn.id,
        reviewerIds: [users.supervisorBilling.id, users.agentA1.id],
        benchmarkReviewerId: users.supervisorBilling.id,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`user ${users.agentA1.id} is not`),
    });
    const session = await as('supervisorBilling').reviews.calibrations.create({
      conversationId: 'hw-voice-1',
      rubricId: builtIn.id,
      reviewerIds: [users.supervisorBilling.id, second.id],
      benchmarkReviewerId: users.supervisorBilling.id,
    });
    // The session takes the rubric's latest version (2, tone ×4).
    expect(session).toMatchObject({ rubricVersion: 2, complete: false });

    // The benchmark answers as in the review above; the second reviewer differs on two questions.
    const differing: Answers = { ...VOICE_ANSWERS, paraphrase: 'no', courtesy: 3 };
    await as('supervisorBilling').reviews.calibrations.answer({ id: session.id, answers: VOICE_ANSWERS });
    const benchmarkView = await as('supervisorBilling').reviews.calibrations.byId({ id: session.id });
    expect(benchmarkView.answers.map((a) => a.reviewer)).toEqual(['lead.billing@example.com']);
    expect(benchmarkView.result).toBeNull();
    // Blind: the other reviewer, and the admin watching, see no one's answers yet.
    expect((await asSecond.reviews.calibrations.byId({ id: session.id })).answers).toEqual([]);
    expect((await as('admin').reviews.calibrations.byId({ id: session.id })).answers).toEqual([]);
    await expect(
      as('admin').reviews.calibrations.answer({ id: session.id, answers: VOICE_ANSWERS }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    await asSecond.reviews.calibrations.answer({ id: session.id, answers: differing });
    await expect(
      asSecond.reviews.calibrations.answer({ id: session.id, answers: differing }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const done = await asSecond.reviews.calibrations.byId({ id: session.id });
    expect(done.complete).toBe(true);
    expect(done.answers.map((a) => a.reviewer).sort()).toEqual([
      'lead.billing@example.com',
      'second.billing@example.com',
    ]);
    const result = done.result;
    if (!result) throw new Error('no result');
    // Two reviewers over the 16 questions: alike on 14, pₒ = 7/8. Benchmark categories: yes 7, no 5,
    // na 2, "4" 1, "3" 1; the other: yes 6, no 6, na 2, "3" 2. pₑ = (42 + 30 + 4 + 0 + 2) / 256 = 39/128;
    // κ = (112/128 − 39/128) / (89/128) = 73/89.
    expect(result.kappa.method).toBe('cohen');
    expect(result.kappa.observed).toBeCloseTo(7 / 8, 12);
    expect(result.kappa.kappa).toBeCloseTo(73 / 89, 12);
    const disagreed = result.questions.filter((q) => q.agreement < 1).map((q) => q.questionId);
    expect(disagreed).toEqual(['paraphrase', 'courtesy']);
    // Alignment: 14 alike, yes against no 0, 3 against 4 is 0.75 → 14.75 / 16 = 59/64.
    // Scores on version 2: benchmark 106/189 (above); the other: listening 0, tone (1.5 + 1 + 0.5) / 5.25
    // = 4/7, clarity 1, ownership 0.5 → (4·4/7 + 1 + 1) / 9 = 10/21; the gap 10/21 − 106/189 = −16/189.
    const other = result.reviewers.find((r) => r.reviewerId === second.id);
    expect(other?.alignment).toBeCloseTo(59 / 64, 12);
    expect(other?.score).toBeCloseTo(10 / 21, 12);
    expect(other?.scoreGap).toBeCloseTo(-16 / 189, 12);
    expect(result.reviewers.find((r) => r.reviewerId === users.supervisorBilling.id)?.alignment).toBe(1);
    // Calibration answers are not reviews of the agent.
    expect((await as('agentA1').reviews.list()).length).toBe(agentReviews);
    expect((await as('supervisorBilling').reviews.calibrations.list()).map((c) => c.id)).toContain(
      session.id,
    );
  });

  test('review numbers per agent and period on the scorecard and the team overview, and agreement with the engine', async () => {
    const allGood = Object.fromEntries(
      builtIn.definition.sections.flatMap((s) =>
        s.questions.map((q) => [q.id, q.scale === 'yesNo' ? 'yes' : 5]),
      ),
    ) as Answers;
    const review = (conversationId: string, answers: Answers) =>
      as('admin').reviews.create({ conversationId, rubricId: builtIn.id, rubricVersion: 2, answers });
    // a-2 (orders): hw-email-1 all good: 1 + the bonus 0.5 · 1 over non-bonus weights 2 + 4 + 1 + 2 = 19/18.
    await review('hw-email-1', allGood);
    // as-2-0 with the auto-fail question answered "no": 0; critical (0 + 1) / 2 = 1/2.
    await review('as-2-0', { ...allGood, 'no-argument': 'no' });
    // A third, withdrawn by an upheld appeal: it leaves the numbers.
    const withdrawn = await review('as-2-0', allGood);
    await as('agentA2').reviews.appeal({ id: withdrawn.id, comment: 'Reviewed twice.' });
    await as('admin').reviews.decideAppeal({ id: withdrawn.id, decision: 'uphold' });

    // Two standing reviews: mean (19/18 + 0) / 2 = 19/36, critical (1 + 1/2) / 2 = 3/4, one auto-fail.
    const expected = { reviews: 2, meanScore: 19 / 36, meanCriticalScore: 0.75, autoFailed: 1 };
    const card = await as('hr').agents.scorecard({ agentId: 'a-2', ...PERIOD });
    expect(card.reviews).toEqual({
      ...expected,
      meanScore: expect.closeTo(19 / 36, 12),
      meanCriticalScore: expect.closeTo(0.75, 12),
    });
    const overview = await as('admin').teams.overview({ ...PERIOD, teamId: 'orders' });
    expect(overview.reviews['a-2']).toEqual(card.reviews);
    // No reviewed conversation in December.
    expect(
      (await as('hr').agents.scorecard({ agentId: 'a-2', from: '2026-12-01', to: '2026-12-31' })).reviews,
    ).toEqual({
      reviews: 0,
      meanScore: null,
      meanCriticalScore: null,
      autoFailed: 0,
    });
    // A supervisor's overview holds their team's agents only.
    expect(Object.keys((await as('supervisorBilling').teams.overview(PERIOD)).reviews).sort()).toEqual([
      'a-1',
      'a-3',
    ]);

    // hw-email-1 alone (4 November): the engine said no to paraphrase, clarifying question, thanks and
    // feedback request, N/A to interruptions, name, transfer and natural; the reviewer said yes to all.
    const agreement = await as('hr').reviews.engineAgreement({
      agentId: 'a-2',
      from: '2026-11-04',
      to: '2026-11-04',
    });
    expect(agreement.map((a) => [a.questionId, a.n, a.agreed])).toEqual([
      ['clarifying-question', 1, 0],
      ['feedback-request', 1, 0],
      ['name', 1, 0],
      ['natural', 1, 0],
      ['no-interruptions', 1, 0],
      ['paraphrase', 1, 0],
      ['thanks', 1, 0],
      ['transfer-explained', 1, 0],
      ['concise', 1, 1],
      ['empathy', 1, 1],
      ['no-argument', 1, 1],
      ['no-jargon', 1, 1],
      ['no-overpromise', 1, 1],
      ['positive-language', 1, 1],
    ]);
    // Each question as the rubric words it, for the page that lists them.
    expect(agreement.find((a) => a.questionId === 'thanks')?.question).toBe(
      'Did the agent thank the customer?',
    );
    await expect(as('supervisorBilling').reviews.engineAgreement({ agentId: 'a-2' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
