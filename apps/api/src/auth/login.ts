import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { createSession } from './sessions.repository.ts';

/** Failed sign-ins allowed in the window before further attempts are refused. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };

export class LoginError extends Error {
  constructor(
    readonly reason: 'invalid' | 'rate_limited',
    message: string,
  ) {
    super(message);
  }
}

// Verifying against a fixed hash when the email is unknown keeps both answers equally slow.
const UNKNOWN_USER_HASH = hash('not a real password');

/**
 * Checks email and password; on success returns a new session token. Too many recent failures for
 * the account or the address refuse the attempt before the password is even checked.
 */
export async function login(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string; now?: Date },
): Promise<{ token: string; expiresAt: Date; userId: number }> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const [byAccount, byAddress] = await Promise.all([
    countFailures(db, 'email', email, since),
    countFailures(db, 'address', input.address, since),
  ]);
  if (byAccount >= LOGIN_LIMITS.perAccount || byAddress >= LOGIN_LIMITS.perAddress) {
    throw new LoginError('rate_limited', 'Too many failed sign-ins. Wait 15 minutes and try again.');
  }

  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  const ok = await verify(user?.password_hash ?? (await UNKNOWN_USER_HASH), input.password);
  if (!user?.password_hash || !ok) {
    await db.insertInto('login_failures').values({ email, address: input.address, at: now }).execute();
    throw new LoginError('invalid', 'Wrong email or password.');
  }
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
  const session = await createSession(db, user.id, now);
  return { ...session, userId: user.id };
}

async function countFailures(db: Kysely<Database>, column: 'email' | 'address', value: string, since: Date) {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', value)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
