import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { notFound } from '../auth/hidden.ts';
import { listScope, readableAgent } from '../auth/readable-agent.ts';
import type { SessionUser } from '../auth/session-user.ts';
import { DEFAULT_IMPACT_DAYS, sessionImpact } from '../coaching/impact.service.ts';
import {
  acknowledgeSession,
  type CoachingSession,
  insertSession,
  listSessions,
  sessionById,
} from '../coaching/sessions.repository.ts';
import { notify, settle } from '../notifications/notify.ts';
import { Day } from '../period.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
import { Id, Text } from '../text-input.ts';
import { authedProcedure, procedureFor, router } from '../trpc.ts';
import { MetricIdInput } from './inputs.ts';

export const CoachingSessionInput = z.object({
  agentId: Id,
  focusMetrics: z
    .array(MetricIdInput)
    .min(1, 'Choose at least one focus metric.')
    .max(5, 'Choose at most five focus metrics.')
    .refine((ids) => new Set(ids).size === ids.length, 'Each focus metric once.'),
  note: Text(5_000).trim().min(1, 'Write a note for the agent.'),
  sessionDate: Day,
});
export const CoachingListInput = z.object({ agentId: Id.optional() }).optional();
export const SessionIdInput = z.object({ id: z.number().int().positive() });
export const ImpactInput = SessionIdInput.extend({
  days: z.number().int().min(7).max(90).default(DEFAULT_IMPACT_DAYS),
});

/**
 * Coaching sessions (DESIGN.md, roles and access): supervisors write them for agents of their team
 * (admins for anyone), agents read and acknowledge their own. HR sees that sessions took place, when,
 * on which metrics and whether they were acknowledged, but not the note: DESIGN.md gives HR scorecards
 * and review packets, not the conversation between a supervisor and an agent, and notes often quote
 * transcripts, which HR may not read.
 */
export const coachingRouter = router({
  create: procedureFor('supervisor', 'admin')
    .input(CoachingSessionInput)
    .mutation(async ({ ctx, input }) => {
      const agent = await readableAgent(ctx.db, ctx.user, input.agentId);
      // The session and the agent's reminder to acknowledge it commit together.
      const id = await ctx.db.transaction().execute(async (trx) => {
        const created = await insertSession(trx, ctx.organisationId, {
          agentId: agent.id,
          createdBy: ctx.user.id,
          focusMetrics: input.focusMetrics,
          note: input.note,
          sessionDate: input.sessionDate,
        });
        await notify(trx, ctx.organisationId, {
          kind: 'coaching.acknowledge',
          sessionId: created,
          agentId: agent.id,
          sessionDate: input.sessionDate,
          focusMetrics: input.focusMetrics,
        });
        await bumpDataVersion(trx, ctx.organisationId);
        return created;
      });
      return (await sessionById(ctx.db, ctx.organisationId, id)) as CoachingSession;
    }),

  /** Newest first: an agent's own, a supervisor's team, everyone's for HR (without notes) and admins. */
  list: authedProcedure.input(CoachingListInput).query(async ({ ctx, input }) => {
    const found = await listSessions(ctx.db, ctx.organisationId, await listScope(ctx.db, ctx.user, input));
    return found.map((s) => forViewer(ctx.user, s));
  }),

  /** The agent confirms they have read the session; once. */
  acknowledge: procedureFor('agent')
    .input(SessionIdInput)
    .mutation(async ({ ctx, input }) => {
      const session = await sessionById(ctx.db, ctx.organisationId, input.id);
      // Another agent's session and an unknown id get the same answer.
      if (!session || session.agentId !== ctx.user.agentId) {
        throw notFound(`No coaching session ${input.id}.`);
      }
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await acknowledgeSession(trx, ctx.organisationId, input.id))) {
          throw new TRPCError({ code: 'CONFLICT', message: 'This session is already acknowledged.' });
        }
        await settle(trx, ctx.organisationId, 'coaching.acknowledge', `coaching:${input.id}`);
        await bumpDataVersion(trx, ctx.organisationId);
      });
      return (await sessionById(ctx.db, ctx.organisationId, input.id)) as CoachingSession;
    }),

  /** Each focus metric before and after the session, with n and whether the change beats noise. */
  impact: authedProcedure.input(ImpactInput).query(async ({ ctx, input }) => {
    const session = await sessionById(ctx.db, ctx.organisationId, input.id);
    const missing = () => notFound(`No coaching session ${input.id}.`);
    if (!session) throw missing();
    await readableAgent(ctx.db, ctx.user, session.agentId).catch((error: unknown) => {
      throw error instanceof TRPCError && error.code === 'NOT_FOUND' ? missing() : error;
    });
    return sessionImpact(ctx.db, ctx.organisationId, session, input.days);
  }),
});

function forViewer(
  user: SessionUser,
  session: CoachingSession,
): Omit<CoachingSession, 'note'> & {
  /** null for HR: they see that coaching happened, not what was said. */
  note: string | null;
} {
  return user.role === 'hr' ? { ...session, note: null } : session;
}
