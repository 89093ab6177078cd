import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { listScope } from '../auth/readable-agent.ts';
import { assertCanReadAgent } from '../auth/scope.ts';
import { decideAndRescore } from '../disputes/decide.service.ts';
import {
  conversationOwner,
  type Dispute,
  disputeById,
  flagExists,
  insertDispute,
  listDisputes,
} from '../disputes/disputes.repository.ts';
import { notify } from '../notifications/notify.ts';
import { Id, Text } from '../text-input.ts';
import { procedureFor, router } from '../trpc.ts';
import { MetricIdInput } from './inputs.ts';

/** A flag as conversations.byId lists it in `evidence` (other fields of that item are ignored). */
export const FlagInput = z.object({
  metric: MetricIdInput,
  turnIndex: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  text: Text(10_000).min(1),
});
export const DisputeCreateInput = z.object({
  conversationId: Id,
  evidence: FlagInput,
  comment: Text(2_000).trim().min(1, 'Say why the flag is wrong.'),
});
export const DisputeStatusInput = z.enum(['open', 'upheld', 'rejected']);
export const DisputeListInput = z
  .object({ agentId: Id.optional(), status: DisputeStatusInput.optional() })
  .optional();
export const DisputeDecisionInput = z.object({
  id: z.number().int().positive(),
  decision: z.enum(['uphold', 'reject']),
  note: Text(2_000).trim().optional(),
});

/**
 * Disputes: an agent contests one flag in one of their conversations; the supervisor of the agent's team
 * (or an admin) upholds or rejects it, once. Upholding dismisses the flag from the evidence, the metric
 * facts and the rollups (and so from scorecards and exports), now and at every later ingest or
 * recompute. HR has no part: disputes quote transcripts.
 */
export const disputesRouter = router({
  create: procedureFor('agent')
    .input(DisputeCreateInput)
    .mutation(async ({ ctx, input }) => {
      const owner = await conversationOwner(ctx.db, ctx.organisationId, input.conversationId);
      // Someone else's conversation and an unknown one look the same, so ids cannot be probed.
      if (!owner || owner.agentId !== ctx.user.agentId) {
        throw notFound(`No conversation with id "${input.conversationId}".`);
      }
      if (!(await flagExists(ctx.db, ctx.organisationId, input.conversationId, input.evidence))) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'This conversation has no such flag; reload it and dispute the flag as shown.',
        });
      }
      const id = await insertDispute(
        ctx.db,
        ctx.organisationId,
        {
          conversationId: input.conversationId,
          agentId: owner.agentId,
          flag: input.evidence,
          comment: input.comment,
          createdBy: ctx.user.id,
        },
        (trx, disputeId) =>
          notify(trx, ctx.organisationId, {
            kind: 'dispute.decide',
            disputeId,
            agentId: owner.agentId,
            conversationId: input.conversationId,
            metric: input.evidence.metric,
          }),
      );
      if (id === null)
        throw new TRPCError({ code: 'CONFLICT', message: 'This flag already has an open dispute.' });
      return (await disputeById(ctx.db, ctx.organisationId, id)) as Dispute;
    }),

  /** Newest first: an agent's own, a supervisor's team, everyone's for admins; optionally by status. */
  list: procedureFor('agent', 'supervisor', 'admin')
    .input(DisputeListInput)
    .query(async ({ ctx, input }) => {
      const scope = await listScope(ctx.db, ctx.user, input);
      return listDisputes(ctx.db, ctx.organisationId, { ...scope, status: input?.status });
    }),

  /** Uphold or reject, once, audited; upholding re-scores the conversation in the same request. */
  decide: procedureFor('supervisor', 'admin')
    .input(DisputeDecisionInput)
    .mutation(async ({ ctx, input }) => {
      const dispute = await disputeById(ctx.db, ctx.organisationId, input.id);
      const missing = () => notFound(`No dispute ${input.id}.`);
      if (!dispute) throw missing();
      const { user } = ctx;
      hiddenUnlessAllowed(
        () => assertCanReadAgent(user, { id: dispute.agentId, teamId: dispute.teamId }),
        missing,
      );
      await decideAndRescore(ctx.db, ctx.user, dispute, input.decision, input.note || null);
      return (await disputeById(ctx.db, ctx.organisationId, dispute.id)) as Dispute;
    }),
});
