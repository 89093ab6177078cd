import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface AgentSummary {
  id: string;
  name: string | null;
  teamId: string | null;
}

export async function agentById(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
): Promise<AgentSummary | null> {
  const row = await db
    .selectFrom('agents')
    .select(['id', 'name', 'team_id'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', agentId)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name, teamId: row.team_id } : null;
}

export async function listAgents(
  db: Kysely<Database>,
  organisationId: string,
  teamId?: string,
): Promise<AgentSummary[]> {
  let query = db
    .selectFrom('agents')
    .select(['id', 'name', 'team_id'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .orderBy('id');
  if (teamId !== undefined) query = query.where('team_id', '=', teamId);
  return (await query.execute()).map((r) => ({ id: r.id, name: r.name, teamId: r.team_id }));
}
