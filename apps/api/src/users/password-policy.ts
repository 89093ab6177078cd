import common from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, Text } from '../text-input.ts';

/** Long enough that guessing within the sign-in limits is hopeless (NIST SP 800-63B asks for at least 8). */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * The 49,000 most common passwords of breach corpora, as zxcvbn-ts ships them
 * (`@zxcvbn-ts/language-common`, MIT): the ones an attacker tries first, long ones included
 * ("1qaz2wsx3edc", "qwerty123456").
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(common.dictionary['passwords-common']);

/** Why a password may not be set, or null when it may. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `a password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (password.trim() === '' || new Set(password).size === 1) {
    return 'a password cannot be one character repeated';
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    return 'this password is on the list of the most common passwords; choose another';
  }
  return null;
}

/** A password a user or an admin sets (admin API and `users add`). */
export const NewPassword = Text(PASSWORD_MAX_LENGTH).superRefine((password, ctx) => {
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
