import { z } from 'zod';
import { agentById } from '../agents/agents.repository.ts';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { assertCanReadTranscripts, teamScope } from '../auth/scope.ts';
import {
  conversationDetail,
  SEARCH_SORTS,
  searchConversations,
} from '../conversations/conversations.repository.ts';
import { Id, Text } from '../text-input.ts';
import { authedProcedure, procedureFor, router } from '../trpc.ts';
import { ChannelInput, MetricIdInput, PeriodInput, readableAgent, resolvePeriodInput } from './inputs.ts';

export const ConversationSearchInput = PeriodInput.extend({
  agentId: Id.optional(),
  teamId: Id.optional(),
  channel: ChannelInput.optional(),
  metric: MetricIdInput.optional(),
  /** With a metric: only the conversations where it flagged the agent. */
  flagged: z.boolean().optional(),
  text: Text(200).trim().min(2, 'Search for at least 2 characters.').optional(),
  sort: z.enum(SEARCH_SORTS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
})
  .refine((input) => input.sort !== 'value' || input.metric !== undefined, {
    message: 'Sorting by value needs a metric: choose one.',
    path: ['sort'],
  })
  .refine((input) => !input.flagged || input.metric !== undefined, {
    message: 'Only flagged conversations needs a metric: choose one.',
    path: ['flagged'],
  });

export const conversationsRouter = router({
  /** Transcript, events, survey and the evidence spans to highlight. HR sees no transcripts. */
  byId: authedProcedure.input(z.object({ id: Id })).query(async ({ ctx, input }) => {
    // HR reads no transcript at all, whatever the id: a refusal by role that reveals nothing.
    if (ctx.user.role === 'hr') assertCanReadTranscripts(ctx.user, { id: '', teamId: null });
    const detail = await conversationDetail(ctx.db, ctx.organisationId, input.id);
    // Someone else's conversation and an unknown id get the same answer.
    const missing = () => notFound(`No conversation with id "${input.id}".`);
    if (!detail) throw missing();
    const { user } = ctx;
    // The agent's current team decides (auth/scope.ts), not the team stored with the conversation.
    const agent = await agentById(ctx.db, ctx.organisationId, detail.agentId);
    hiddenUnlessAllowed(
      () => assertCanReadTranscripts(user, { id: detail.agentId, teamId: agent?.teamId ?? null }),
      missing,
    );
    return detail;
  }),

  /**
   * By agent, period, channel, metric and text, sorted by any column; scoped to what the caller may
   * read. With a metric: the conversations behind its value, each with its own, worst first.
   */
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
