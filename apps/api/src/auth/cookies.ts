import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'rapport_session';

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** http-only, same-site strict; `Secure` when the request came over HTTPS (directly or via a proxy). */
export function sessionCookie(req: IncomingMessage, token: string | null, maxAgeSeconds: number): string {
  const secure = req.headers['x-forwarded-proto'] === 'https' || 'encrypted' in req.socket;
  return [
    `${SESSION_COOKIE}=${token ? encodeURIComponent(token) : ''}`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/',
    `Max-Age=${token ? maxAgeSeconds : 0}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
