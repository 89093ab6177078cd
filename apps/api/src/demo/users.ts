import { hash } from '@node-rs/argon2';
import { demoRoster } from '@rapport/demo/roster.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** Demo mode only: one shared, published password, so visitors can try every role. */
export const DEMO_PASSWORD = 'rapport-demo';

export interface DemoAccount {
  email: string;
  role: 'admin' | 'hr' | 'supervisor' | 'agent';
  label: string;
}

/** The accounts a demo database gets: an admin, HR, each team's supervisor and every agent. */
export function demoAccountList(seed?: number): DemoAccount[] {
  const roster = demoRoster(seed);
  return [
    { email: 'admin@rapport.demo', role: 'admin', label: 'Admin' },
    { email: 'hr@rapport.demo', role: 'hr', label: 'HR' },
    ...roster.teams.map((t) => ({
      email: t.supervisor.email,
      role: 'supervisor' as const,
      label: `${t.supervisor.name}, supervisor of ${t.name}`,
    })),
    ...roster.agents.map((a) => ({
      email: a.email,
      role: 'agent' as const,
      label: `${a.name}, agent (${a.team})`,
    })),
  ];
}

/** Creates the demo users and marks the organisation as a demo, which the sign-in page then says. */
export async function createDemoUsers(
  db: Kysely<Database>,
  organisationId: string,
  seed?: number,
): Promise<void> {
  const roster = demoRoster(seed);
  const passwordHash = await hash(DEMO_PASSWORD);
  const teamOf = new Map(roster.teams.map((t) => [t.supervisor.email, t.id]));
  const agentOf = new Map(roster.agents.map((a) => [a.email, a]));
  const rows = demoAccountList(seed).map((account) => ({
    organisation_id: organisationId,
    email: account.email,
    role: account.role,
    password_hash: passwordHash,
    team_id: teamOf.get(account.email) ?? agentOf.get(account.email)?.team ?? null,
    agent_id: agentOf.get(account.email)?.id ?? null,
  }));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values(rows)
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    await trx.updateTable('organisations').set({ demo: true }).where('id', '=', organisationId).execute();
  });
}

/**
 * What the sign-in page offers on a demo organisation; nothing once it has a real (non-demo) user:
 * from then on it holds someone's data, and a list of accounts with their password is an open door.
 */
export async function demoAccounts(
  db: Kysely<Database>,
  organisationId: string,
): Promise<{ password: string; accounts: DemoAccount[] } | null> {
  const org = await db
    .selectFrom('organisations')
    .select('demo')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org?.demo) return null;
  const accounts = demoAccountList();
  const realUser = await db
    .selectFrom('users')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('removed_at', 'is', null)
    .where(
      'email',
      'not in',
      accounts.map((a) => a.email),
    )
    .executeTakeFirst();
  return realUser ? null : { password: DEMO_PASSWORD, accounts };
}
