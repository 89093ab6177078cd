import type { Kysely } from 'kysely';
import { readableAgent } from '../auth/readable-agent.ts';
import { teamScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { type PeriodRequest, requestPeriod } from '../period.ts';
import { type ConversationSearch, searchConversations } from './conversations.repository.ts';

/** A search asks for dates only (no preset); either end may be missing. */
export type SearchRequest = Omit<ConversationSearch, 'from' | 'to'> & Pick<PeriodRequest, 'from' | 'to'>;

/**
 * Conversation search held to what the viewer may read: resolve the scope (an agent searches their
 * own conversations, a supervisor their team's) and the period, then fetch the page.
 */
export async function readSearch(db: Kysely<Database>, viewer: SessionUser, request: SearchRequest) {
  const [scope, period] = await Promise.all([
    searchScope(db, viewer, request),
    requestPeriod(db, viewer.organisationId, request),
  ]);
  const page = await searchConversations(db, viewer.organisationId, { ...request, ...period, ...scope });
  return { period, ...page };
}

/**
 * Whose conversations a search reads, or the refusal the search gives: an agent their own, a
 * supervisor their team's (an agent asked for must be theirs), HR and admins what they ask for. A
 * saved search view is held to the same rule (views/view-access.ts).
 */
export async function searchScope(
  db: Kysely<Database>,
  viewer: SessionUser,
  request: Pick<SearchRequest, 'agentId' | 'teamId'>,
): Promise<Pick<ConversationSearch, 'agentId' | 'teamId'>> {
  const { agentId, teamId } = request;
  if (viewer.role === 'agent') return { agentId: (await readableAgent(db, viewer, agentId)).id, teamId };
  if (viewer.role === 'supervisor') {
    if (agentId) await readableAgent(db, viewer, agentId);
    return { agentId, teamId: teamScope(viewer, teamId) };
  }
  return { agentId, teamId };
}
