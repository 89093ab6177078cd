import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { type AgentSummary, agentById } from '../agents/agents.repository.ts';
import type { Database } from '../db/database.ts';
import { hiddenUnlessAllowed, notFound } from './hidden.ts';
import { assertCanReadAgent, teamScope } from './scope.ts';
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

/** Whose records a list shows: one agent, or a team (undefined: every team). */
export type ListScope = { agentId: string } | { teamId: string | undefined };

/**
 * The one rule for lists of an agent's records (coaching sessions, disputes, reviews): an agent sees
 * their own; asked for an agent, that agent after the scope check; otherwise a supervisor their
 * team, HR and admins the team asked for or all.
 */
export async function listScope(
  db: Kysely<Database>,
  user: SessionUser,
  asked: { agentId?: string | undefined; teamId?: string | undefined } = {},
): Promise<ListScope> {
  if (user.role === 'agent' || asked.agentId) {
    return { agentId: (await readableAgent(db, user, asked.agentId)).id };
  }
  return { teamId: teamScope(user, asked.teamId) };
}
