import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { SessionUser } from './session-user.ts';

export const SESSION_TTL_MS = 8 * 3_600_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session for the user; the token goes into the cookie, only its hash into the database. */
export async function createSession(
  db: Kysely<Database>,
  userId: number,
  now: Date = new Date(),
  ttlMs: number = SESSION_TTL_MS,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The user behind a session token, or null when it is unknown or has expired. */
export async function userForSession(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.organisation_id',
      'users.email',
      'users.role',
      'users.team_id',
      'users.agent_id',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    await deleteSession(db, token);
    return null;
  }
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    role: row.role,
    teamId: row.team_id,
    agentId: row.agent_id,
  };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every session of a user, but the one with `exceptToken` when given. */
export async function deleteUserSessions(
  db: Kysely<Database>,
  userId: number,
  exceptToken: string | null = null,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptToken) query = query.where('token_hash', '!=', hashToken(exceptToken));
  await query.execute();
}
