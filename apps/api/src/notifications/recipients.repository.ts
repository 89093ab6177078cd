import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Role } from '../users/role.ts';
import type { NotificationEvent } from './events.ts';

export interface Recipient {
  userId: number;
  role: Role;
}

/**
 * Who an event is for, among the organisation's current users: the agent it is about, the reviewer
 * it names, or whoever decides for the agent's team, that is the team's supervisors and, where the
 * team has none, the admins, so that no dispute or appeal waits unseen.
 */
export async function recipientsOf(
  db: Kysely<Database>,
  organisationId: string,
  event: NotificationEvent,
): Promise<Recipient[]> {
  const users = db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('organisation_id', '=', organisationId)
    .where('removed_at', 'is', null)
    .orderBy('id');
  const toRecipients = (rows: { id: number; role: Role }[]) =>
    rows.map((r) => ({ userId: r.id, role: r.role }));
  switch (event.kind) {
    case 'coaching.acknowledge':
    case 'dispute.decided':
    case 'review.appeal.decided':
      return toRecipients(
        await users.where('role', '=', 'agent').where('agent_id', '=', event.agentId).execute(),
      );
    case 'review.assigned':
      return toRecipients(await users.where('id', '=', event.reviewerUserId).execute());
    case 'digest.weekly':
      return toRecipients(await users.where('id', '=', event.userId).execute());
    case 'dispute.decide':
    case 'review.appeal': {
      const agent = await db
        .selectFrom('agents')
        .select('team_id')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', event.agentId)
        .executeTakeFirst();
      const supervisors = agent?.team_id
        ? await users.where('role', '=', 'supervisor').where('team_id', '=', agent.team_id).execute()
        : [];
      if (supervisors.length > 0) return toRecipients(supervisors);
      return toRecipients(await users.where('role', '=', 'admin').execute());
    }
  }
}

export async function agentName(
  db: Kysely<Database>,
  organisationId: string,
  agentId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('agents')
    .select('name')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', agentId)
    .executeTakeFirst();
  return row?.name ?? null;
}
