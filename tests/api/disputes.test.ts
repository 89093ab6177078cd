import { Readable } from 'node:stream';
import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import { createContextInner } from '@rapport/api/context.ts';
import { ingest } from '@rapport/api/ingest/ingest.ts';
import { parseJsonl } from '@rapport/api/ingest/jsonl.ts';
import { recomputeConversations } from '@rapport/api/ingest/recompute.ts';
import { appRouter } from '@rapport/api/root.ts';
import { createCallerFactory } from '@rapport/api/trpc.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectedA1, mixedFile, PERIOD } from '../fixtures/hand-worked.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/databases.ts';
import { createFixtureUsers, type FixtureUserKey } from '../support/users.ts';

const createCaller = createCallerFactory(appRouter);

/** hw-voice-1's one interruption (turn 4 cuts into the customer's turn 2) and its missing thanks. */
const INTERRUPTION = {
  metric: 'interruptionsPerConversation',
  turnIndex: 4,
  start: 0,
  end: 26,
  text: 'Let me check that for you.',
} as const;
const NO_THANKS = {
  metric: 'thankRate',
  turnIndex: 6,
  start: 0,
  end: 30,
  text: "You're welcome, anything else?",
} as const;
/** hw-email-1 (a-2, orders): no thanks in the closing turn. */
const A2_NO_THANKS = {
  metric: 'thankRate',
  turnIndex: 2,
  start: 0,
  end: 25,
  text: 'Sorry, I will fix it now.',
} as const;

describe.each(DATABASE_KINDS)('disputes on %s', (kind) => {
  let database: TestDatabase;
  let users: Record<FixtureUserKey, SessionUser>;
  const as = (key: FixtureUserKey) => createCaller(createContextInner({ db: database.db, user: users[key] }));
  const reingest = () => ingest(database.db, parseJsonl(Readable.from([mixedFile()])));
  const metricOf = async (agentId: string, metric: string) => {
    const card = await as('admin').agents.scorecard({ agentId, ...PERIOD });
    return card.metrics.find((m) => m.id === metric);
  };
  const voiceDayRollup = async () => {
    const { rows } = await sql<{ num: number; den: number; n: number }>`
      SELECT interruptions_per_conversation_num AS num, interruptions_per_conversation_den AS den,
        interruptions_per_conversation_n AS n
      FROM agent_day WHERE agent_id = 'a-1' AND day = '2026-11-02'`.execute(database.db);
    return rows.map((r) => ({ num: Number(r.num), den: Number(r.den), n: Number(r.n) }));
  };
  const decisions = async () => {
    const { rows } = await sql<{ actor: string; detail: Record<string, unknown> }>`
      SELECT actor, detail FROM audit_log WHERE action = 'dispute.decide' ORDER BY id`.execute(database.db);
    return rows;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await reingest();
    users = await createFixtureUsers(database);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('only the agent whose conversation it is may dispute, and only a flag that exists', async () => {
    const comment = 'The customer had finished; the audio was delayed.';
    // Someone else's conversation and an unknown one get the same answer.
    await expect(
      as('agentA2').disputes.create({ conversationId: 'hw-voice-1', evidence: INTERRUPTION, comment }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No conversation with id "hw-voice-1".' });
    await expect(
      as('supervisorBilling').disputes.create({
        conversationId: 'hw-voice-1',
        evidence: INTERRUPTION,
        comment,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      as('agentA1').disputes.create({ conversationId: 'nope', evidence: INTERRUPTION, comment }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No conversation with id "nope".' });
    for (const wrong of [
      { ...INTERRUPTION, turnIndex: 1 },
      { ...INTERRUPTION, end: 25 },
      { ...INTERRUPTION, text: 'Let me check.' },
      { ...INTERRUPTION, metric: 'argumentRate' as const },
    ]) {
      await expect(
        as('agentA1').disputes.create({ conversationId: 'hw-voice-1', evidence: wrong, comment }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(
      as('agentA1').disputes.create({ conversationId: 'hw-voice-1', evidence: INTERRUPTION, comment: ' ' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      as('agentA1').disputes.create({
        conversationId: 'hw-voice-1',
        evidence: INTERRUPTION,
        comment: 'x'.repeat(2_001),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  test('a-1 disputes the interruption as conversations.byId shows it; one open dispute per flag', async () => {
    const detail = await as('agentA1').conversations.byId({ id: 'hw-voice-1' });
    const flag = detail.evidence.find((e) => e.metric === 'interruptionsPerConversation');
    if (!flag) throw new Error('the fixture’s interruption is missing');
    const dispute = await as('agentA1').disputes.create({
      conversationId: 'hw-voice-1',
      evidence: { ...flag, metric: 'interruptionsPerConversation' },
      comment: 'The customer had finished; the audio was delayed.',
    });
    expect(dispute).toMatchObject({
      ...INTERRUPTION,
      conversationId: 'hw-voice-1',
      agentId: 'a-1',
      teamId: 'billing',
      status: 'open',
      createdBy: 'priya@example.com',
      decidedAt: null,
    });
    await expect(
      as('agentA1').disputes.create({
        conversationId: 'hw-voice-1',
        evidence: INTERRUPTION,
        comment: 'Again.',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test('lists by scope and status', async () => {
    expect((await as('agentA1').disputes.list()).map((d) => d.metric)).toEqual([
      'interruptionsPerConversation',
    ]);
    expect(await as('agentA2').disputes.list()).toEqual([]);
    await expect(as('agentA2').disputes.list({ agentId: 'a-1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(as('hr').disputes.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await as('supervisorBilling').disputes.list({ status: 'open' })).toHaveLength(1);
    expect(await as('supervisorBilling').disputes.list({ status: 'upheld' })).toEqual([]);
    expect(await as('admin').disputes.list()).toHaveLength(1);
  });

  test('the supervisor upholds: the flag leaves the scorecard, the evidence and the rollup, audited', async () => {
    const [dispute] = await as('supervisorBilling').disputes.list({ status: 'open' });
    if (!dispute) throw new Error('no open dispute');
    expect(await metricOf('a-1', 'interruptionsPerConversation')).toMatchObject({
      value: expectedA1.interruptionsPerConversation,
      n: 1,
    });
    expect(await voiceDayRollup()).toEqual([{ num: 1, den: 1, n: 1 }]);
    await expect(as('agentA1').disputes.decide({ id: dispute.id, decision: 'uphold' })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );

    const decided = await as('supervisorBilling').disputes.decide({
      id: dispute.id,
      decision: 'uphold',
      note: 'Confirmed on the recording.',
    });
    expect(decided).toMatchObject({
      status: 'upheld',
      decidedBy: 'lead.billing@example.com',
      decisionNote: 'Confirmed on the recording.',
    });
    // 0 interruptions over the same one voice call: the value is 0, not null, and n stays 1.
    expect(await metricOf('a-1', 'interruptionsPerConversation')).toMatchObject({ value: 0, n: 1 });
    expect(await voiceDayRollup()).toEqual([{ num: 0, den: 1, n: 1 }]);
    const detail = await as('agentA1').conversations.byId({ id: 'hw-voice-1' });
    expect(detail.evidence.some((e) => e.metric === 'interruptionsPerConversation')).toBe(false);
    expect(detail.evidence.some((e) => e.metric === 'thankRate')).toBe(true);
    expect(await decisions()).toEqual([
      {
        actor: 'lead.billing@example.com',
        detail: {
          disputeId: dispute.id,
          decision: 'uphold',
          conversationId: 'hw-voice-1',
          agentId: 'a-1',
          metric: 'interruptionsPerConversation',
          turnIndex: 4,
        },
      },
    ]);
    await expect(as('admin').disputes.decide({ id: dispute.id, decision: 'reject' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(as('admin').disputes.decide({ id: 999_999, decision: 'reject' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  test('re-ingesting the file and recomputing keep the dismissal', async () => {
    expect(await reingest()).toMatchObject({ accepted: 3, updated: 3 });
    expect(await metricOf('a-1', 'interruptionsPerConversation')).toMatchObject({ value: 0, n: 1 });
    expect(await voiceDayRollup()).toEqual([{ num: 0, den: 1, n: 1 }]);
    await recomputeConversations(database.db, 'default');
    expect(await metricOf('a-1', 'interruptionsPerConversation')).toMatchObject({ value: 0, n: 1 });
    const detail = await as('agentA1').conversations.byId({ id: 'hw-voice-1' });
    expect(detail.evidence.some((e) => e.metric === 'interruptionsPerConversation')).toBe(false);
    // The flag is gone, so it cannot be disputed again.
    await expect(
      as('agentA1').disputes.create({
        conversationId: 'hw-voice-1',
        evidence: INTERRUPTION,
        comment: 'Again.',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  test('a rejected dispute changes nothing but the dispute and the audit log', async () => {
    // a-1's thankRate: the voice call 0, the chat 1 ("Thanks, I found it.") → 1/2.
    expect(await metricOf('a-1', 'thankRate')).toMatchObject({ value: 0.5, n: 2 });
    const dispute = await as('agentA1').disputes.create({
      conversationId: 'hw-voice-1',
      evidence: NO_THANKS,
      comment: 'I thanked them earlier off the record.',
    });
    const rejected = await as('supervisorBilling').disputes.decide({ id: dispute.id, decision: 'reject' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: null });
    expect(await metricOf('a-1', 'thankRate')).toMatchObject({ value: 0.5, n: 2 });
    const detail = await as('agentA1').conversations.byId({ id: 'hw-voice-1' });
    expect(detail.evidence.filter((e) => e.metric === 'thankRate')).toMatchObject([NO_THANKS]);
    expect((await decisions()).at(-1)?.detail).toMatchObject({ disputeId: dispute.id, decision: 'reject' });
    // Rejected, not open: the flag may be disputed again.
    expect(await as('agentA1').disputes.list({ status: 'rejected' })).toHaveLength(1);
  });

  test('a missing-behaviour flag upheld by an admin counts the behaviour as shown; other teams stay out', async () => {
    const dispute = await as('agentA2').disputes.create({
      conversationId: 'hw-email-1',
      evidence: A2_NO_THANKS,
      comment: 'The ticket thanked them in the signature.',
    });
    expect((await as('supervisorBilling').disputes.list()).map((d) => d.id)).not.toContain(dispute.id);
    await expect(
      as('supervisorBilling').disputes.decide({ id: dispute.id, decision: 'uphold' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No dispute ${dispute.id}.` });
    expect(await metricOf('a-2', 'thankRate')).toMatchObject({ value: 0, n: 1 });
    await as('admin').disputes.decide({ id: dispute.id, decision: 'uphold' });
    expect(await metricOf('a-2', 'thankRate')).toMatchObject({ value: 1, n: 1 });
    // a-1's numbers are untouched by a-2's dispute.
    expect(await metricOf('a-1', 'thankRate')).toMatchObject({ value: 0.5, n: 2 });
  });
});
