import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { deleteUserSessions } from '../auth/sessions.repository.ts';
import type { Database } from '../db/database.ts';
import { Email, Id } from '../text-input.ts';
import { NewPassword } from './password-policy.ts';
import { Role } from './role.ts';

export const NewUserInput = z
  .object({
    email: Email,
    role: Role,
    password: NewPassword.optional(),
    teamId: Id.optional(),
    agentId: Id.optional(),
  })
  .refine((u) => u.role !== 'agent' || u.agentId, {
    message: 'an agent user needs --agent ID',
    path: ['agentId'],
  })
  .refine((u) => u.role !== 'supervisor' || u.teamId, {
    message: 'a supervisor needs --team T',
    path: ['teamId'],
  });
export type NewUserInput = z.infer<typeof NewUserInput>;

/**
 * Why a user cannot be tied to the agent or team named, or null: both must exist in the organisation,
 * or the user would see nothing (or, should such an id appear later, someone else's data).
 */
export async function userLinkProblem(
  db: Kysely<Database>,
  organisationId: string,
  input: Pick<NewUserInput, 'teamId' | 'agentId'>,
): Promise<string | null> {
  if (input.agentId) {
    const agent = await db
      .selectFrom('agents')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', input.agentId)
      .executeTakeFirst();
    if (!agent) return `agentId: there is no agent "${input.agentId}"; ingest their conversations first`;
  }
  if (input.teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', input.teamId)
      .executeTakeFirst();
    if (!team) return `teamId: there is no team "${input.teamId}"; create it first`;
  }
  return null;
}

/**
 * Creates or updates a user by email; passwords are stored only as argon2id hashes. A new password
 * ends every session of the user but `keepSession` (the admin's own, changing their own password):
 * whoever knew the old one is signed out.
 */
export async function upsertUser(
  db: Kysely<Database>,
  organisationId: string,
  input: NewUserInput,
  options: { keepSession?: string | null } = {},
) {
  const passwordHash = input.password ? await hash(input.password) : null;
  return db.transaction().execute(async (trx) => {
    const row = await upsertRow(trx, organisationId, input, passwordHash);
    if (passwordHash) await deleteUserSessions(trx, row.id, options.keepSession ?? null);
    return row;
  });
}

function upsertRow(
  db: Kysely<Database>,
  organisationId: string,
  input: NewUserInput,
  passwordHash: string | null,
) {
  return db
    .insertInto('users')
    .values({
      organisation_id: organisationId,
      email: input.email.toLowerCase(),
      role: input.role,
      team_id: input.teamId ?? null,
      agent_id: input.agentId ?? null,
      password_hash: passwordHash,
    })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet((eb) => ({
        role: eb.ref('excluded.role'),
        team_id: eb.ref('excluded.team_id'),
        agent_id: eb.ref('excluded.agent_id'),
        password_hash: passwordHash ?? eb.ref('users.password_hash'),
        // Adding a removed user again brings them back.
        removed_at: null,
      })),
    )
    .returning(['id', 'email', 'role', 'team_id', 'agent_id'])
    .executeTakeFirstOrThrow();
}

/** A user as admins see them: never the password hash, only whether there is one. */
export interface UserSummary {
  id: number;
  email: string;
  role: Role;
  teamId: string | null;
  agentId: string | null;
  hasPassword: boolean;
  createdAt: string;
}

function currentUsers(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'role', 'team_id', 'agent_id', 'password_hash', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('removed_at', 'is', null);
}

function toSummary(
  row: Awaited<ReturnType<ReturnType<typeof currentUsers>['execute']>>[number],
): UserSummary {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    teamId: row.team_id,
    agentId: row.agent_id,
    hasPassword: row.password_hash !== null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listUsers(db: Kysely<Database>, organisationId: string): Promise<UserSummary[]> {
  return (await currentUsers(db, organisationId).orderBy('email').execute()).map(toSummary);
}

export async function userById(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<UserSummary | null> {
  const row = await currentUsers(db, organisationId).where('id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** Any user with this email, in any organisation, removed or not (emails are unique). */
export async function userByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'email', 'removed_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

/**
 * Ends a user's access at once: marked removed, password and sessions deleted. The row stays, for
 * the audit entries, coaching notes and disputes that name them. Returns the email, or null when
 * the organisation has no such (current) user.
 */
export async function removeUser(
  db: Kysely<Database>,
  organisationId: string,
  id: number,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({ removed_at: new Date(), password_hash: null })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .returning('email')
      .executeTakeFirst();
    if (!row) return null;
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return row.email;
  });
}
