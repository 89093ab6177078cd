import { TRPCError } from '@trpc/server';
import type { SessionUser } from './session-user.ts';

/**
 * The one place that decides what a user may see (DESIGN.md, roles and access):
 * agents their own data, supervisors their team, HR and admins every team.
 *
 * One rule for every read, scorecards, transcripts, disputes, searches and exports alike: an agent
 * belongs to their *current* team (agents.team_id), never to the team stored with a conversation.
 * A supervisor coaches the agents of their team, so when an agent moves, the new supervisor sees
 * all of that agent's data, older conversations included, and the old one no longer does.
 */
export function teamScope(user: SessionUser, requestedTeamId?: string): string | undefined {
  switch (user.role) {
    case 'admin':
    case 'hr':
      return requestedTeamId;
    case 'supervisor':
      if (requestedTeamId && requestedTeamId !== user.teamId)
        throw forbidden('You can only see your own team.');
      return user.teamId ?? NO_TEAM_ASSIGNED;
    case 'agent':
      throw forbidden('Agents see their own scorecard, not team lists.');
  }
}

/** `agent.teamId`: the agent's current team (see above). */
export function assertCanReadAgent(user: SessionUser, agent: { id: string; teamId: string | null }): void {
  if (user.role === 'admin' || user.role === 'hr') return;
  if (user.role === 'supervisor' && agent.teamId !== null && agent.teamId === user.teamId) return;
  if (user.role === 'agent' && agent.id === user.agentId) return;
  throw forbidden("You cannot see this agent's data.");
}

/** Transcripts are for the agent, their supervisor and admins; HR reads scorecards only. */
export function assertCanReadTranscripts(
  user: SessionUser,
  agent: { id: string; teamId: string | null },
): void {
  if (user.role === 'hr') throw forbidden('HR sees scorecards, not transcripts.');
  assertCanReadAgent(user, agent);
}

/** A supervisor without a team sees nothing rather than everything. */
const NO_TEAM_ASSIGNED = '\u0000no team';

function forbidden(message: string): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message });
}
