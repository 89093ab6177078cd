import type { Kysely } from 'kysely';
import { agentById } from '../agents/agents.repository.ts';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { assertCanReadTranscripts } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { type ConversationDetail, conversationDetail } from './conversations.repository.ts';

/** Transcript, events, survey and the evidence spans to highlight, for a viewer who may read it. */
export async function readTranscript(
  db: Kysely<Database>,
  viewer: SessionUser,
  id: string,
): Promise<ConversationDetail> {
  // HR reads no transcript at all, whatever the id: a refusal by role that reveals nothing.
  if (viewer.role === 'hr') assertCanReadTranscripts(viewer, { id: '', teamId: null });
  const detail = await conversationDetail(db, viewer.organisationId, id);
  // Someone else's conversation and an unknown id get the same answer.
  const missing = () => notFound(`No conversation with id "${id}".`);
  if (!detail) throw missing();
  // The agent's current team decides (auth/scope.ts), not the team stored with the conversation.
  const agent = await agentById(db, viewer.organisationId, detail.agentId);
  hiddenUnlessAllowed(
    () => assertCanReadTranscripts(viewer, { id: detail.agentId, teamId: agent?.teamId ?? null }),
    missing,
  );
  return detail;
}
