import { hash, verify } from '@node-rs/argon2';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { DEMO_PASSWORD } from '../demo/users.ts';
import { createSession } from './sessions.repository.ts';

/**
 * Sign-in limits, per 15-minute window (counted from a key's first attempt):
 *
 * - `perPair`: attempts on one account from one address. The back-off a typing user meets, and what
 *   an attacker at one address gets against one account.
 * - `perAccount`: attempts on one account from addresses it has not signed in from (below), all of
 *   them together: guessing spread over many addresses gets no further than from one.
 * - `perAddress`: attempts from one address on accounts that have not signed in from it: spraying
 *   one password over many accounts.
 *
 * An address an account signed in from in the last 30 days is *known* for it. A known pair is held
 * only to its own limit, so neither an attacker hammering an account from elsewhere nor one sharing a
 * proxy's address (where everyone has one address) locks out the people who sign in from there
 * every day: the old rule (5 failures lock the account for everyone, 20 from one address lock every
 * account behind it) let any stranger do both. Someone new behind a busy proxy, or on a new network
 * during an attack, waits out the window; the answer says how long.
 *
 * Every attempt takes its place in each counter with one atomic upsert before its password is
 * checked, so parallel requests cannot all slip in under the limit (they once did: failures were
 * counted before any was written).
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  perPair: 5,
  perAccount: 5,
  perAddress: 20,
  knownForMs: 30 * 24 * 3_600_000,
};

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

/** Checks email and password; on success returns a new session token. */
export async function login(
  db: Kysely<Database>,
  input: { email: string; password: string; address: string; now?: Date; demo?: boolean },
): Promise<{ token: string; expiresAt: Date; userId: number }> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const pairKey = `pair:${email}\n${input.address}`;

  const pair = await takeAttempt(db, pairKey, now);
  const known = pair.knownUntil !== null && pair.knownUntil > now;
  const waits = [pair.attempts > LOGIN_LIMITS.perPair ? pair.retryAt : null];
  if (!known && waits[0] === null) {
    const account = await takeAttempt(db, `account:${email}`, now);
    const address = await takeAttempt(db, `address:${input.address}`, now);
    waits.push(account.attempts > LOGIN_LIMITS.perAccount ? account.retryAt : null);
    waits.push(address.attempts > LOGIN_LIMITS.perAddress ? address.retryAt : null);
  }
  const retryAt = waits.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
  if (retryAt) {
    const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
    throw new LoginError(
      'rate_limited',
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }

  const user = await db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'password_hash'])
    .where('email', '=', email)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  const ok = await verify(user?.password_hash ?? (await UNKNOWN_USER_HASH), input.password);
  // With the demo off, its published password opens nothing, even where demo accounts remain.
  const demoPasswordRefused = !input.demo && input.password === DEMO_PASSWORD;
  if (!user?.password_hash || !ok || demoPasswordRefused) {
    throw new LoginError('invalid', 'Wrong email or password.');
  }

  // The pair starts afresh and its address is known for the account from now on.
  await db
    .updateTable('login_limits')
    .set({ attempts: 0, known_until: new Date(now.getTime() + LOGIN_LIMITS.knownForMs) })
    .where('key', '=', pairKey)
    .execute();
  await forgetStaleCounters(db, now);
  const session = await createSession(db, { id: user.id, organisationId: user.organisation_id }, now);
  return { ...session, userId: user.id };
}

/** Counters whose window ended a day ago and that mark no known address: a spray leaves no trace. */
async function forgetStaleCounters(db: Kysely<Database>, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - LOGIN_LIMITS.windowMs - 24 * 3_600_000);
  await db
    .deleteFrom('login_limits')
    .where('window_start', '<', stale)
    .where((eb) => eb.or([eb('known_until', 'is', null), eb('known_until', '<', now)]))
    .execute();
}

/**
 * One more attempt on a counter, atomically: the row is created, bumped, or (its window over)
 * restarted at 1, in one statement, so concurrent attempts each see a distinct count.
 */
async function takeAttempt(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<{ attempts: number; retryAt: Date; knownUntil: Date | null }> {
  const windowOpenSince = new Date(now.getTime() - LOGIN_LIMITS.windowMs);
  const { rows } = await sql<{
    attempts: number;
    window_start: Date | string;
    known_until: Date | string | null;
  }>`
    INSERT INTO login_limits AS l (key, window_start, attempts) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      attempts = CASE WHEN l.window_start > ${windowOpenSince} THEN l.attempts + 1 ELSE 1 END,
      window_start = CASE WHEN l.window_start > ${windowOpenSince} THEN l.window_start ELSE ${now} END
    RETURNING attempts, window_start, known_until`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`sign-in limit ${key} was not counted`);
  return {
    attempts: Number(row.attempts),
    retryAt: new Date(new Date(row.window_start).getTime() + LOGIN_LIMITS.windowMs),
    knownUntil: row.known_until === null ? null : new Date(row.known_until),
  };
}
