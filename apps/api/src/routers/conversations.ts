import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { agentById } from '../agents/agents.repository.ts';
import { assertCanReadTranscripts, teamScope } from '../auth/scope.ts';
import { conversationDetail, searchConversations } from '../conversations/conversations.repository.ts';
import { authedProcedure, procedureFor, router } from '../trpc.ts';
import { MetricIdInput, PeriodInput, readableAgent, resolvePeriodInput } from './inputs.ts';

export const ConversationSearchInput = PeriodInput.extend({
  agentId: z.string().min(1).optional(),
  teamId: z.string().min(1).optional(),
  channel: z.enum(['voice', 'chat', 'email']).optional(),
  metric: MetricIdInput.optional(),
  text: z.string().trim().min(2, 'Search for at least 2 characters.').max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

export const conversationsRouter = router({
  /** Transcript, events, survey and the evidence spans to highlight. HR sees no transcripts. */
  byId: authedProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const detail = await conversationDetail(ctx.db, ctx.organisationId, input.id);
    // An agent asking for someone else's conversation learns nothing, not even that it exists.
    if (!detail) {
      if (ctx.user.role === 'agent' || ctx.user.role === 'hr') {
        assertCanReadTranscripts(ctx.user, { id: '', teamId: null });
      }
      throw new TRPCError({ code: 'NOT_FOUND', message: `No conversation with id "${input.id}".` });
    }
    // The agent's current team decides (auth/scope.ts), not the team stored with the conversation.
    const agent = await agentById(ctx.db, ctx.organisationId, detail.agentId);
    assertCanReadTranscripts(ctx.user, { id: detail.agentId, teamId: agent?.teamId ?? null });
    return detail;
  }),

  /** By agent, period, channel, metric flag and text; scoped to what the caller may read. */
  search: procedureFor('agent', 'supervisor', 'admin')
    .input(ConversationSearchInput)
    .query(async ({ ctx, input }) => {
      const period = await resolvePeriodInput(ctx.db, ctx.organisationId, input);
      const { user } = ctx;
      let { agentId, teamId } = input;
      if (user.role === 'agent') agentId = (await readableAgent(ctx.db, user, agentId)).id;
      if (user.role === 'supervisor') {
        if (agentId) await readableAgent(ctx.db, user, agentId);
        teamId = teamScope(user, teamId);
      }
      return {
        period,
        ...(await searchConversations(ctx.db, ctx.organisationId, { ...input, ...period, agentId, teamId })),
      };
    }),
});
