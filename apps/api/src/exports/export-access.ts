import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { hiddenUnlessAllowed, notFound } from '../auth/hidden.ts';
import { assertCanReadAgent, teamScope } from '../auth/scope.ts';
import type { SessionUser } from '../auth/session-user.ts';
import type { Database } from '../db/database.ts';
import { type ExportRequest, type ExportScope, exportFileName } from './export-request.ts';

/** A command run on the server itself (the CLI): admin-equivalent, audited under its own name. */
export interface SystemActor {
  role: 'system';
  id: null;
  email: string;
  organisationId: string;
}

export type ExportActor = SessionUser | SystemActor;

export function systemActor(organisationId: string, name = 'cli'): SystemActor {
  return { role: 'system', id: null, email: name, organisationId };
}

/**
 * The one access check for exports, used by the tRPC procedure, the HTTP download and the CLI.
 * HR and admins may export any team, supervisors only their own (teamScope). Agents are refused even
 * for their own agent id: an export is an HR review packet, and agents already see their own scorecard.
 * Throws a TRPCError (FORBIDDEN, NOT_FOUND, BAD_REQUEST) that each caller turns into its own answer.
 */
export async function authorizeExport(
  db: Kysely<Database>,
  actor: ExportActor,
  request: ExportRequest,
): Promise<ExportScope> {
  if (actor.role === 'agent') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Exports are review packets for HR and supervisors.' });
  }
  const organisationId = actor.organisationId;
  const teamId = actor.role === 'system' ? request.teamId : teamScope(actor, request.teamId);

  if (request.teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', request.teamId)
      .executeTakeFirst();
    if (!team) throw new TRPCError({ code: 'NOT_FOUND', message: `No team with id "${request.teamId}".` });
  }

  if (request.agentId) {
    const agent = await db
      .selectFrom('agents')
      .select(['id', 'team_id'])
      .where('organisation_id', '=', organisationId)
      .where('id', '=', request.agentId)
      .executeTakeFirst();
    const missing = () => notFound(`No agent with id "${request.agentId}".`);
    if (!agent) throw missing();
    if (actor.role !== 'system') {
      hiddenUnlessAllowed(() => assertCanReadAgent(actor, { id: agent.id, teamId: agent.team_id }), missing);
    }
    if (teamId !== undefined && agent.team_id !== teamId) {
      throw new TRPCError({
        code: actor.role === 'supervisor' ? 'FORBIDDEN' : 'BAD_REQUEST',
        message: `Agent "${agent.id}" is not in team "${teamId}".`,
      });
    }
  }

  return {
    organisationId,
    kind: request.kind,
    from: request.from,
    to: request.to,
    teamId,
    agentId: request.agentId,
    coachingNotes: actor.role !== 'hr',
  };
}

/** Every export is audited before its first byte leaves: who, what, for whom and which period. */
export async function auditExport(
  db: Kysely<Database>,
  actor: ExportActor,
  scope: ExportScope,
  via: 'http' | 'cli',
): Promise<void> {
  await writeAudit(db, actor, 'export', {
    kind: scope.kind,
    from: scope.from,
    to: scope.to,
    teamId: scope.teamId ?? null,
    agentId: scope.agentId ?? null,
    file: exportFileName(scope),
    via,
  });
}
