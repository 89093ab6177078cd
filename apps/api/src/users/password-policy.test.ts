import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../demo/users.ts';
import { NewPassword, passwordProblem } from './password-policy.ts';

describe('the password policy', () => {
  test.each([
    ['12345678', /at least 12 characters/],
    ['        ', /at least 12 characters/],
    ['            ', /one character repeated/],
    ['aaaaaaaaaaaaaaaa', /one character repeated/],
    ['1qaz2wsx3edc', /most common passwords/],
    ['QWERTY123456', /most common passwords/],
    ['leavemealone', /most common passwords/],
  ])('%j is refused', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
    expect(NewPassword.safeParse(password).success).toBe(false);
  });

  test.each(['a long test password', 'correct horse battery', 'Tr0ub4dor&3xyz'])(
    '%j is taken',
    (password) => {
      expect(passwordProblem(password)).toBeNull();
    },
  );

  test('the published demo password meets the policy', () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });

  test('length counts characters, not UTF-16 units', () => {
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑')).toMatch(/at least 12/);
  });
});
