import type { SessionUser } from '@rapport/api/auth/session-user.ts';
import type { DatabaseHandle } from '@rapport/api/db/connect.ts';
import { upsertUser } from '@rapport/api/users/users.repository.ts';

export const PASSWORD = 'a long test password';

/**
 * One user per role over the hand-worked fixture ("two agents, three conversations"):
 * agent a-1 (billing), agent a-2 (orders), the billing supervisor, HR and an admin.
 */
export const FIXTURE_USERS = {
  agentA1: { email: 'priya@example.com', role: 'agent', agentId: 'a-1', teamId: 'billing' },
  agentA2: { email: 'tom@example.com', role: 'agent', agentId: 'a-2', teamId: 'orders' },
  supervisorBilling: { email: 'lead.billing@example.com', role: 'supervisor', teamId: 'billing' },
  hr: { email: 'hr@example.com', role: 'hr' },
  admin: { email: 'admin@example.com', role: 'admin' },
} as const;

export type FixtureUserKey = keyof typeof FIXTURE_USERS;

export async function createFixtureUsers(
  handle: DatabaseHandle,
): Promise<Record<FixtureUserKey, SessionUser>> {
  const users = {} as Record<FixtureUserKey, SessionUser>;
  for (const [key, u] of Object.entries(FIXTURE_USERS) as [
    FixtureUserKey,
    (typeof FIXTURE_USERS)[FixtureUserKey],
  ][]) {
    const row = await upsertUser(handle.db, 'default', { ...u, password: PASSWORD });
    users[key] = {
      id: row.id,
      organisationId: 'default',
      email: row.email,
      role: row.role,
      teamId: row.team_id,
      agentId: row.agent_id,
    };
  }
  return users;
}
