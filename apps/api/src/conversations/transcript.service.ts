import type { Kysely } from 'kysely';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { assertCanReadTranscripts } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { type ConversationDetail, conversationBody, conversationHeader } from './conversations.repository.ts';

/** Transcript, events, survey and the evidence spans to highlight, for a viewer who may read it. */
export async function readTranscript(
  db: Kysely<Database>,
  viewer: SessionUser,
  id: string,
): Promise<ConversationDetail> {
  // HR reads no transcript at all, whatever the id: a refusal by role that reveals nothing.
  if (viewer.role === 'hr') assertCanReadTranscripts(viewer, { id: '', teamId: null });
  const found = await conversationHeader(db, viewer.organisationId, id);
  // Someone else's conversation and an unknown id get the same answer.
  const missing = () => notFound(`No conversation with id "${id}".`);
  if (!found) throw missing();
  // The agent's current team decides (auth/scope.ts), not the team stored with the conversation; the
  // transcript is read only once the viewer may see it.
  const { header, agentTeamId } = found;
  hiddenUnlessAllowed(
    () => assertCanReadTranscripts(viewer, { id: header.agentId, teamId: agentTeamId }),
    missing,
  );
  return { ...header, ...(await conversationBody(db, viewer.organisationId, id)) };
}
