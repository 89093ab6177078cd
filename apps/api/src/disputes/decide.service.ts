import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { recomputeConversations } from '../ingest/recompute.ts';
import { notify } from '../notifications/notify.ts';
import { bumpDataVersion } from '../read-cache/data-versions.repository.ts';
import { type Dispute, decideDispute } from './disputes.repository.ts';

/**
 * Upholds or rejects an open dispute, once: the decision, its audit row and the agent's notification
 * commit together; upholding then re-scores the conversation. The router and the demo's story both
 * decide through here, so a demo dispute leaves the same traces as one decided by hand.
 */
export async function decideAndRescore(
  db: Kysely<Database>,
  actor: Pick<SessionUser, 'id' | 'email' | 'organisationId'>,
  dispute: Dispute,
  decision: 'uphold' | 'reject',
  note: string | null,
): Promise<void> {
  const organisationId = actor.organisationId;
  const status = decision === 'uphold' ? 'upheld' : 'rejected';
  await db.transaction().execute(async (trx) => {
    const decided = await decideDispute(trx, organisationId, dispute.id, {
      status,
      decidedBy: actor.id,
      note,
    });
    if (!decided) throw new TRPCError({ code: 'CONFLICT', message: 'This dispute is already decided.' });
    await writeAudit(trx, actor, 'dispute.decide', {
      disputeId: dispute.id,
      decision,
      conversationId: dispute.conversationId,
      agentId: dispute.agentId,
      metric: dispute.metric,
      turnIndex: dispute.turnIndex,
    });
    // Tells the agent, and settles the supervisors' reminder to decide.
    await notify(trx, organisationId, {
      kind: 'dispute.decided',
      disputeId: dispute.id,
      agentId: dispute.agentId,
      conversationId: dispute.conversationId,
      metric: dispute.metric,
      decision: status,
    });
    await bumpDataVersion(trx, organisationId);
  });
  // After the commit: the re-score reads the upheld dispute. Should it fail, the decision stands and
  // any later recompute of the conversation applies it.
  if (status === 'upheld') {
    await recomputeConversations(db, organisationId, { conversationIds: [dispute.conversationId] });
  }
}
