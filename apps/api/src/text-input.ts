import { z } from 'zod';

/**
 * Every string a client sends, as zod fragments: bounded in length, without NUL and well-formed
 * UTF-16 (no lone surrogate). PostgreSQL cannot store NUL in text and cannot encode a lone surrogate,
 * so either used to reach the database as a 500 with its raw error; here it is a 400 a person can read.
 */
export function Text(maxLength: number) {
  return z
    .string()
    .max(maxLength, `at most ${maxLength.toLocaleString('en')} characters`)
    .refine((s) => !s.includes('\u0000'), 'must not contain the NUL character (\\u0000)')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed text (it holds a lone UTF-16 surrogate)');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An id of a stored thing (agent, team, conversation, queue) as a client names it. */
export const Id = Text(512).min(1, 'must not be empty');

/** Emails are at most 254 characters (RFC 5321); longer is refused before it reaches a query. */
export const Email = Text(254).pipe(z.email('expected an email address such as priya@example.com'));

/** Enough for any passphrase and a password manager's longest; argon2 never hashes megabytes. */
export const PASSWORD_MAX_LENGTH = 1_024;
