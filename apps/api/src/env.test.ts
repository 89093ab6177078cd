import { describe, expect, test } from 'vitest';
import { demoMode, readEnv } from './env.ts';

describe('demo mode', () => {
  test.each([
    [{}, true],
    [{ HOST: '127.0.0.1' }, true],
    [{ HOST: 'localhost' }, true],
    [{ HOST: '::1' }, true],
    [{ HOST: '0.0.0.0' }, false],
    [{ HOST: '192.168.1.20' }, false],
    [{ HOST: '0.0.0.0', RAPPORT_DEMO: 'on' }, true],
    [{ HOST: '0.0.0.0', RAPPORT_DEMO: '5000' }, true],
    [{ HOST: '127.0.0.1', RAPPORT_DEMO: 'off' }, false],
  ])('%o: on is %s', (source, on) => {
    expect(demoMode(readEnv(source)).on).toBe(on);
  });

  test('a number sets the size of the demo', () => {
    expect(demoMode(readEnv({ RAPPORT_DEMO: '5000' }))).toEqual({ on: true, conversations: 5000 });
  });

  test('allowed origins are origins, comma separated', () => {
    expect(
      readEnv({ RAPPORT_ALLOWED_ORIGINS: 'https://a.example.com, http://b.example.com:8080' })
        .RAPPORT_ALLOWED_ORIGINS,
    ).toEqual(['https://a.example.com', 'http://b.example.com:8080']);
    expect(() => readEnv({ RAPPORT_ALLOWED_ORIGINS: 'https://a.example.com/path' })).toThrow(
      /expected an origin/,
    );
  });

  test.each(['web', 'worker'])(
    'RAPPORT_ROLE=%s is refused on the embedded database, with the way out',
    (role) => {
      expect(() => readEnv({ RAPPORT_ROLE: role })).toThrow(
        `RAPPORT_ROLE=${role} needs PostgreSQL (DATABASE_URL): the embedded database opens in one process only`,
      );
      expect(readEnv({ RAPPORT_ROLE: role, DATABASE_URL: 'postgres://db/rapport' }).RAPPORT_ROLE).toBe(role);
    },
  );

  test('the role is all unless set, and nothing but the three roles', () => {
    expect(readEnv({}).RAPPORT_ROLE).toBe('all');
    expect(() => readEnv({ RAPPORT_ROLE: 'api' })).toThrow(/RAPPORT_ROLE/);
  });

  test('a metrics token shorter than 16 characters is refused', () => {
    expect(() => readEnv({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN needs at least 16 characters');
    expect(readEnv({ METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
  });
});

describe('email', () => {
  test.each([
    [{}, undefined],
    [{ SMTP_URL: '' }, undefined],
    [{ SMTP_URL: 'smtp://user:secret@mail.example.com:587' }, 'smtp://user:secret@mail.example.com:587'],
    [{ SMTP_URL: 'smtps://mail.example.com:465' }, 'smtps://mail.example.com:465'],
  ])('%o: SMTP_URL is %s (unset: email is off)', (source, url) => {
    expect(readEnv(source).SMTP_URL).toBe(url);
  });

  test.each(['mail.example.com', 'http://mail.example.com', 'smtp://'])('SMTP_URL %s is refused', (url) => {
    expect(() => readEnv({ SMTP_URL: url })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
  });
});
