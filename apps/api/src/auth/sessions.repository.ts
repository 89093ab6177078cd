import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { versionText } from '../read-cache/data-versions.repository.ts';
import type { SessionUser } from './session-user.ts';

export const SESSION_TTL_MS = 8 * 3_600_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new session for the user; the token goes into the cookie, only its hash into the database. The
 * token starts with the user's organisation (base64url, then a dot): a request then reads its
 * organisation's data version in the statement that finds its session (sessionOf), with the
 * organisation named as Citus needs it. The hash covers the whole token, so an altered organisation
 * finds no session.
 */
export async function createSession(
  db: Kysely<Database>,
  user: { id: number; organisationId: string },
  now: Date = new Date(),
  ttlMs: number = SESSION_TTL_MS,
): Promise<{ token: string; expiresAt: Date }> {
  const organisation = Buffer.from(user.organisationId).toString('base64url');
  const token = `${organisation}.${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: user.id, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The organisation a token was made for (createSession); null for a token of another form. */
function tokenOrganisation(token: string): string | null {
  const dot = token.indexOf('.');
  return dot > 0 ? Buffer.from(token.slice(0, dot), 'base64url').toString() : null;
}

/** The user behind a session token, or null when it is unknown or has expired. */
export async function userForSession(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  return (await sessionOf(db, token, now))?.user ?? null;
}

export interface Session {
  user: SessionUser;
  /**
   * The user's organisation's data version (data-versions.repository.ts), read with the session: a
   * read the cache answers then costs the request one round trip to the database, not two.
   * Undefined for a token that does not name its organisation.
   */
  dataVersion: string | undefined;
}

/** The session of a token with its organisation's data version, or null (unknown or expired). */
export async function sessionOf(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<Session | null> {
  const organisationId = tokenOrganisation(token);
  const found = db
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
    .where('sessions.token_hash', '=', hashToken(token));
  const row =
    organisationId === null
      ? await found.select(sql<null>`NULL`.as('version')).executeTakeFirst()
      : await found
          .leftJoin('data_versions', (join) => join.on('data_versions.organisation_id', '=', organisationId))
          .where('users.organisation_id', '=', organisationId)
          .select('data_versions.version')
          .executeTakeFirst();
  if (!row) return null;
  if (new Date(row.expires_at).getTime() <= now.getTime()) {
    await deleteSession(db, token);
    return null;
  }
  return {
    user: {
      id: row.id,
      organisationId: row.organisation_id,
      email: row.email,
      role: row.role,
      teamId: row.team_id,
      agentId: row.agent_id,
    },
    dataVersion: organisationId === null ? undefined : versionText(row.version),
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
