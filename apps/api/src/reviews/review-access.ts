import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { agentById } from '../agents/agents.repository.ts';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { assertCanReadTranscripts } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { conversationForReview } from './reviews.repository.ts';

/**
 * A conversation the caller may review: the supervisor of its agent's current team, or an admin.
 * Someone else's conversation and an unknown one get the same answer.
 */
export async function reviewableConversation(
  db: Kysely<Database>,
  user: SessionUser,
  conversationId: string,
) {
  const conversation = await conversationForReview(db, user.organisationId, conversationId);
  const missing = () => notFound(`No conversation with id "${conversationId}".`);
  if (!conversation) throw missing();
  const agent = await agentById(db, user.organisationId, conversation.agentId);
  hiddenUnlessAllowed(
    () => assertCanReadTranscripts(user, { id: conversation.agentId, teamId: agent?.teamId ?? null }),
    missing,
  );
  return { id: conversationId, ...conversation };
}

/** A review whose answers do not fit its rubric, with every reason. */
export function invalidReview(problems: string[]): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message: `Invalid review: ${problems.join('; ')}.` });
}
