import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { withNewDataVersion } from '../read-cache/data-versions.repository.ts';

export interface TeamSummary {
  id: string;
  name: string;
  /** Agents in the team, as their latest ingested conversation says. */
  agents: number;
}

export async function listTeams(db: Kysely<Database>, organisationId: string): Promise<TeamSummary[]> {
  const rows = await db
    .selectFrom('teams')
    .leftJoin('agents', (join) =>
      join
        .onRef('agents.organisation_id', '=', 'teams.organisation_id')
        .onRef('agents.team_id', '=', 'teams.id'),
    )
    .select(['teams.id', 'teams.name', (eb) => eb.fn.count<number>('agents.id').as('agents')])
    .where('teams.organisation_id', '=', organisationId)
    .groupBy(['teams.id', 'teams.name'])
    // The same order on PGlite and on a PostgreSQL whose collation is C.
    .orderBy(sql`lower(teams.name)`)
    .orderBy('teams.id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, agents: Number(row.agents) }));
}

/** Teams by name for a filter: all of the organisation's, or only `onlyTeamId` (a supervisor's). */
export async function teamNames(
  db: Kysely<Database>,
  organisationId: string,
  onlyTeamId?: string,
): Promise<{ id: string; name: string }[]> {
  let query = db.selectFrom('teams').select(['id', 'name']).where('organisation_id', '=', organisationId);
  if (onlyTeamId !== undefined) query = query.where('id', '=', onlyTeamId);
  return query.orderBy('name').execute();
}

/** Creates a team or renames it; ingestion creates teams named by their id, which this corrects. */
export async function upsertTeam(
  db: Kysely<Database>,
  organisationId: string,
  team: { id: string; name: string },
): Promise<{ created: boolean }> {
  const existing = await db
    .selectFrom('teams')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', team.id)
    .executeTakeFirst();
  await withNewDataVersion(db, organisationId, (trx) =>
    trx
      .insertInto('teams')
      .values({ organisation_id: organisationId, id: team.id, name: team.name })
      .onConflict((oc) => oc.columns(['organisation_id', 'id']).doUpdateSet({ name: team.name }))
      .execute(),
  );
  return { created: !existing };
}
