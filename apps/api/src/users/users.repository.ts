import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';

export const Role = z.enum(['agent', 'supervisor', 'hr', 'admin']);
export type Role = z.infer<typeof Role>;

export const NewUserInput = z
  .object({
    email: z.email('expected an email address such as priya@example.com'),
    role: Role,
    password: z.string().min(8, 'a password needs at least 8 characters').optional(),
    teamId: z.string().min(1).optional(),
    agentId: z.string().min(1).optional(),
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

/** Creates or updates a user by email; passwords are stored only as argon2id hashes. */
export async function upsertUser(db: Kysely<Database>, organisationId: string, input: NewUserInput) {
  const passwordHash = input.password ? await hash(input.password) : null;
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
      })),
    )
    .returning(['id', 'email', 'role', 'team_id', 'agent_id'])
    .executeTakeFirstOrThrow();
}
