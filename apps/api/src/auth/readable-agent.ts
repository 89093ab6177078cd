import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { type AgentSummary, agentById } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import { hiddenUnlessAllowed, notFound } from './hidden.ts';
import { assertCanReadAgent } from './scope.ts';
import type { SessionUser } from './session-user.ts';

/**
 * The agent a request is about, after the scope check; agents may leave the id out to mean
 * themselves. Someone else's agent and an unknown id get the same answer.
 */
export async function readableAgent(
  db: Kysely<Database>,
  user: SessionUser,
  agentId: string | undefined,
): Promise<AgentSummary> {
  const id = agentId ?? user.agentId;
  if (!id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Choose an agent.' });
  const agent = await agentById(db, user.organisationId, id);
  const missing = () => notFound(`No agent with id "${id}".`);
  if (!agent) throw missing();
  hiddenUnlessAllowed(() => assertCanReadAgent(user, agent), missing);
  return agent;
}
